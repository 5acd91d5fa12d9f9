// One shared "now" for countdowns, ticking only while some component is showing one.
const TICK_MS = 15_000

export const clock = $state({ now: Date.now() })

let users = 0
let timer: ReturnType<typeof setInterval> | undefined

/** Call from an $effect; the returned function stops this component's use of the clock. */
export function useClock(): () => void {
  clock.now = Date.now()
  if (users++ === 0) timer = setInterval(() => (clock.now = Date.now()), TICK_MS)
  return () => {
    if (--users === 0) clearInterval(timer)
  }
}
