// The crypto of docs/protocol.md, shared by the browser app and the CLI: no DOM, no network.
export * from './base64url'
export * from './chunker'
export * from './file-manifest'
export * from './file-stream'
export * from './keys'
export * from './request-box'
export * from './seal'
export { loadSodium } from './sodium'
