// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    // interface Error {}
    // interface Locals {}
    // interface PageData {}
    // interface PageState {}
    // interface Platform {}
  }

  interface ImportMetaEnv {
    /** Origin of the API when it is not the page's own, e.g. https://api.example.org. */
    readonly PUBLIC_API_ORIGIN?: string
    /** More connect-src sources; set, the app reads /hushlink-config.json for its API origin. */
    readonly PUBLIC_CONNECT_SRC?: string
  }
}

export {}
