// Every named wire shape, as the OpenAPI document's components.schemas: one zod schema each, the
// request bodies built from the server's limits. A new shape is one line here.
import * as account from './account'
import * as admin from './admin'
import { apiError, health, healthDown, serverConfig, type Limits } from './meta'
import * as pushes from './pushes'
import * as requests from './requests'

export function wireSchemas(limits: Limits) {
  return {
    CreatePushRequest: pushes.createPushRequest(limits),
    FilePushOptions: pushes.filePushOptions(limits),
    CreatePushResponse: pushes.createPushResponse,
    PushMetadata: pushes.pushMetadata,
    RevealRequest: pushes.revealRequest,
    RevealResponse: pushes.revealResponse,
    BurnRequest: pushes.burnRequest,
    AuditResponse: pushes.auditResponse,
    CreateRequestBody: requests.createRequestBody(limits),
    CreateRequestResponse: requests.createRequestResponse,
    RequestInfo: requests.requestInfo,
    AnswerRequestBody: requests.answerRequestBody(limits),
    AnswerRequestResponse: requests.answerRequestResponse,
    RequestAnswersResponse: requests.requestAnswersResponse,
    Me: account.meResponse,
    OwnedPushes: account.ownedPushes,
    OwnedRequests: account.ownedRequests,
    CreateTokenBody: account.createTokenBody,
    CreatedToken: account.createdToken,
    ApiTokenList: account.apiTokenList,
    NotificationSettings: account.notificationSettings,
    NotificationSettingsBody: account.notificationSettingsBody,
    AdminOverview: admin.adminOverview,
    AdminLog: admin.adminLog,
    TakedownResponse: admin.takedownResponse,
    ServerConfig: serverConfig,
    Health: health,
    HealthDown: healthDown,
    Error: apiError,
  }
}

export type WireSchemaName = keyof ReturnType<typeof wireSchemas>
