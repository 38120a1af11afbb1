/**
 * The names `client.ts` re-exports from the client runtime (`templates/client/runtime.ts.hbs`), so that a
 * package's users import them from the package. They are reserved: no schema or alias may take them.
 */
export const CLIENT_RUNTIME_CLASSES = [
  "ClientError",
  "ApiError",
  "UnexpectedStatusError",
  "ResponseParseError",
  "NetworkError",
  "TimeoutError",
  "RequestAbortedError",
  "ResponseValidationError",
] as const;

/** Exported only by a client generated with `client: { validateRequests: true }`, reserved in every package all the same. */
export const REQUEST_VALIDATION_ERROR = "RequestValidationError";

/** `ValidationIssue` is not among them: the validators target exports it, and one package exports a name once. */
export const CLIENT_RUNTIME_TYPES = ["ApiRequest", "ClientHooks", "RequestOptions", "RetryPolicy", "ServerSentEvent"] as const;

export const CLIENT_RUNTIME_EXPORTS: readonly string[] = [...CLIENT_RUNTIME_CLASSES, REQUEST_VALIDATION_ERROR, ...CLIENT_RUNTIME_TYPES];

/** What every server module exports under a fixed name (templates/server/server.ts.hbs). */
export const SERVER_EXPORTS: readonly string[] = [
  "createHandler", "createMockHandlers", "mockSecurity", "serverSpec", "createWebhookHandler", "webhookSpec", "callbackUrl", "callbackExpressions", "toNodeListener", "toExpressMiddleware", "fastifyPlugin",
  "ProblemDetails", "WebHandler", "HandlerInput", "RequestInfo", "SecurityContext", "BasicCredentials", "ReplyStatus", "BinaryBody", "ReplyHeaders", "CallbackSource", "CallbackReply",
];
