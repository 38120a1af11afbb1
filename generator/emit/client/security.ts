/**
 * What a client does with each security scheme (OpenAPI 3.1 "Security Scheme Object"): how it travels
 * (the runtime's `Scheme` tuple), the credential type users give, and a sentence for the docs. OAuth2
 * and OpenID Connect tokens travel as bearer tokens; mutual TLS is the transport's business, so it and
 * anything unknown get nothing (an operation needing only such a scheme sends no credentials).
 */
import { code, type Code } from "../../codegen/code.js";
import type { JsonObject } from "../../openapi/kinds.js";

export interface SchemeUse {
  tuple: Code;
  credential: Code;
  how: string;
}

const TOKEN = code`runtime.TokenCredential`;
const PROVIDER = "(or a function returning one, called for each request)";

export function schemeUse(scheme: JsonObject): SchemeUse | undefined {
  const type = scheme.type;
  const http = typeof scheme.scheme === "string" ? scheme.scheme.toLowerCase() : "";
  const bearer = (what: string): SchemeUse => ({ tuple: code`["bearer"]`, credential: TOKEN, how: `${what} ${PROVIDER}, sent as \`Authorization: Bearer <token>\`.` });
  if (type === "oauth2") return bearer("An OAuth 2.0 access token");
  if (type === "openIdConnect") return bearer("An OpenID Connect token");
  if (type === "http" && http === "bearer") return bearer("A bearer token");
  if (type === "http" && http === "basic") {
    return { tuple: code`["basic"]`, credential: code`runtime.BasicCredential`, how: "A user name and password, sent as `Authorization: Basic <base64 of user:password>`." };
  }
  if (type === "http" && http !== "") {
    const name = http.charAt(0).toUpperCase() + http.slice(1);
    return { tuple: code`["http", ${name}]`, credential: TOKEN, how: `The credentials ${PROVIDER}, sent as \`Authorization: ${name} <credentials>\`.` };
  }
  if (type === "apiKey" && typeof scheme.name === "string" && scheme.name !== "") {
    const how = `An API key ${PROVIDER}, sent in the ${String(scheme.in)} \`${scheme.name}\`.`;
    if (scheme.in === "header") return { tuple: code`["header", ${scheme.name.toLowerCase()}]`, credential: TOKEN, how };
    if (scheme.in === "query") return { tuple: code`["query", ${encodeURIComponent(scheme.name)}]`, credential: TOKEN, how };
    if (scheme.in === "cookie") {
      const browsers = " Browsers do not let scripts set cookies: there, leave this out and pass `credentials: \"include\"` so the browser sends its own.";
      return { tuple: code`["cookie", ${scheme.name}]`, credential: TOKEN, how: how + browsers };
    }
  }
  return undefined;
}
