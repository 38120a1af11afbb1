/** Security requirements name schemes that `components.securitySchemes` defines, and scopes those schemes have. */
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import type { LintContext, Rule } from "../types.js";
import { deref, escapeSegment, everyOperationOf, label } from "./shared.js";

export const securityDefined: Rule = {
  id: "security-defined",
  severity: "error",
  description: "Every security requirement (root or operation) names a scheme defined in `components.securitySchemes`.",
  check(ctx) {
    const schemes = schemesOf(ctx);
    eachRequirement(ctx, (name, _scopes, at, where) => {
      if (Object.prototype.hasOwnProperty.call(schemes, name)) return;
      const known = Object.keys(schemes);
      ctx.report(at, `security scheme '${name}' used by ${where} is not defined`, known.length ? `define it in components.securitySchemes, or use one of: ${known.join(", ")}` : "define it in components.securitySchemes");
    });
  },
};

// a warning, as Spectral's: a requirement naming a scope the flows do not list still names its scheme
export const securityScopesDefined: Rule = {
  id: "security-scopes-defined",
  severity: "warn",
  description: "A security requirement asks only scopes its scheme has: an OAuth2 flow's, none of an OpenAPI 3.0 scheme other than OAuth2 and OpenID Connect.",
  check(ctx) {
    const schemes = schemesOf(ctx);
    // OpenAPI 3.0 asks other schemes' lists to be empty; 3.1 lets them list role names, which no document declares
    const rolesAllowed = !ctx.version.startsWith("3.0");
    eachRequirement(ctx, (name, scopes, at, where) => {
      const scheme = Object.prototype.hasOwnProperty.call(schemes, name) ? deref(ctx.document, schemes[name]).node : undefined;
      if (!scheme || !Array.isArray(scopes)) return;
      scopes.forEach((scope, j) => {
        if (typeof scope !== "string") return;
        const problem = scopeProblem(scheme, scope, rolesAllowed);
        if (problem) ctx.report(`${at}/${j}`, `scope '${scope}' of security scheme '${name}' used by ${where}: ${problem.message}`, problem.help);
      });
    });
  },
};

function schemesOf(ctx: LintContext): JsonObject {
  const components = ctx.document.components;
  return isObject(components) && isObject(components.securitySchemes) ? components.securitySchemes : {};
}

/** `f` on each scheme a requirement names (the document's, every operation's, webhooks' and callbacks' too), with its scopes and pointer. */
function eachRequirement(ctx: LintContext, f: (name: string, scopes: unknown, at: string, where: string) => void): void {
  const checkList = (list: unknown, pointer: string, where: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((req, i) => {
      if (!isObject(req)) return;
      for (const name of Object.keys(req)) f(name, req[name], `${pointer}/${i}/${escapeSegment(name)}`, where);
    });
  };
  checkList(ctx.document.security, "/security", "the document");
  for (const site of everyOperationOf(ctx)) checkList(site.operation.security, `${site.pointer}/security`, label(site));
}

/** Why `scope` may not be asked of `scheme`: an OAuth2 scope none of its flows lists, or any scope of a 3.0 scheme other than OAuth2 and OpenID Connect. */
function scopeProblem(scheme: JsonObject, scope: string, rolesAllowed: boolean): { message: string; help: string } | undefined {
  if (scheme.type === "oauth2") {
    const flows = isObject(scheme.flows) ? Object.values(scheme.flows) : [];
    const listed = flows.flatMap((f) => (isObject(f) && isObject(f.scopes) ? Object.keys(f.scopes) : []));
    if (listed.includes(scope)) return undefined;
    return { message: "none of its flows lists it in `scopes`", help: listed.length ? `add it to the flows' \`scopes\`, or use one of: ${[...new Set(listed)].join(", ")}` : "add it to the flows' `scopes`" };
  }
  // an OpenID Connect provider publishes its scopes in its discovery document, not here
  if (scheme.type === "openIdConnect" || rolesAllowed) return undefined;
  return { message: `a scheme of type '${String(scheme.type)}' has no scopes (OpenAPI 3.0 and Swagger 2.0: its list must be empty)`, help: "leave the list empty (`[]`)" };
}
