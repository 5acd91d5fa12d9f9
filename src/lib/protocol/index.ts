// The wire protocol: constants and content checks (no zod), and the types of every wire shape,
// inferred from the zod schemas of pushes.ts, requests.ts and meta.ts. Only types come from those,
// so a module that imports from here never pulls zod into the web app's bundle.
//
// A new field is one line in its schema (the server validates it, the types and the OpenAPI
// document follow); a new shape is also one line in components.ts; a new route or status is an
// entry in server/openapi/paths.ts, and openapi*.test.ts fail until it is there.
export * from './vocabulary'
export * from './errors'
export * from './content'
export type { ApiErrorBody, Limits, ServerConfig } from './meta'
export type { AdminLog, AdminLogEntry, AdminOverview, TakedownResponse } from './admin'
export type {
  ApiTokenInfo,
  ApiTokenList,
  CreatedToken,
  MeResponse,
  NotificationSettings,
  NotificationSettingsBody,
  OwnedPush,
  OwnedPushes,
  OwnedRequest,
  OwnedRequests,
} from './account'
export type {
  AuditEvent,
  AuditResponse,
  CreatePushRequest,
  CreatePushResponse,
  FilePushOptions,
  PassphraseOnWire,
  PushMetadata,
  RevealResponse,
} from './pushes'
export type {
  AnswerRequestBody,
  AnswerRequestResponse,
  CreateRequestBody,
  CreateRequestResponse,
  RequestAnswer,
  RequestAnswersResponse,
  RequestEvent,
  RequestInfo,
} from './requests'
