// A lingering close for answers sent before the request body was read (413: too large). Node
// closes such a connection as soon as the answer is written, while the client is still sending;
// closing a socket with unread data makes the kernel send a reset, which can reach the client
// before it has read the answer, so it sees EPIPE or ECONNRESET instead of the 413. Like
// nginx's lingering_close: send the answer and FIN, keep reading and dropping what still arrives,
// and close when the client does, or after LINGER_MS at the latest.
import type { Socket } from 'node:net'

export const LINGER_MS = 2000

/** Makes Node's close of `socket` after the current answer a lingering one. */
export function lingerOnClose(socket: Socket): void {
  socket.destroySoon = function lingeringClose(this: Socket) {
    this.end()
    this.resume()
    const timer = setTimeout(() => this.destroy(), LINGER_MS)
    timer.unref()
    this.once('end', () => this.destroy())
    this.once('close', () => clearTimeout(timer))
  }
}
