/** Operations: operationIds, responses, descriptions, request bodies, parameter lists. */
import { isObject } from "../../openapi/kinds.js";
import { deriveOperationId } from "../../ir/build.js";
import { methodName } from "../../names/decide.js";
import type { Rule } from "../types.js";
import { callbackOperationsOf, deref, escapeSegment, everyOperationOf, label, operationsOf, parametersIn, webhookOperationsOf } from "./shared.js";
import { specText } from "../../diagnostics/printable.js";

/** The operationId `--fix` adds and the generator derives when there is none (`get /pets/{id}` -> `getPetsById`). */
export function derivedOperationId(method: string, path: string): string {
  return methodName(deriveOperationId(method, path));
}

export const operationId: Rule = {
  id: "operation-id",
  severity: "warn",
  description: "Every operation (webhooks' too) has an operationId (the client's method name; without one it is derived from the path).",
  check(ctx) {
    for (const site of [...operationsOf(ctx), ...webhookOperationsOf(ctx)]) {
      const id = site.operation.operationId;
      if (typeof id === "string" && id !== "") continue;
      if (site.callback) {
        ctx.report(site.pointer, `${label(site)} has no operationId`, "add an operationId");
        continue;
      }
      ctx.report(site.pointer, `${label(site)} has no operationId`, `add 'operationId: ${derivedOperationId(site.method, site.path)}' (specforge lint --fix does it)`);
    }
  },
};

export const operationIdUnique: Rule = {
  id: "operation-id-unique",
  severity: "error",
  description: "No two operations share an operationId (webhooks' and callbacks' included: OpenAPI asks it of all operations described).",
  check(ctx) {
    const seen = new Map<string, string>();
    for (const site of everyOperationOf(ctx)) {
      const id = site.operation.operationId;
      if (typeof id !== "string" || id === "") continue;
      const first = seen.get(id);
      if (first) ctx.report(`${site.pointer}/operationId`, `operationId '${id}' of ${label(site)} is also used by ${first}`, "give each operation its own operationId");
      else seen.set(id, label(site));
    }
  },
};

export const operationIdIdentifier: Rule = {
  id: "operation-id-identifier",
  severity: "error",
  description: "operationIds stay distinct once made identifiers (`get-user` and `get_user` both become `getUser`), as the client needs.",
  check(ctx) {
    const byName = new Map<string, { id: string; where: string }>();
    for (const site of operationsOf(ctx)) {
      const id = site.operation.operationId;
      if (typeof id !== "string" || id === "") continue;
      const name = methodName(id);
      const other = byName.get(name);
      if (!other) byName.set(name, { id, where: label(site) });
      else if (other.id !== id) {
        ctx.report(`${site.pointer}/operationId`, `operationId '${id}' of ${label(site)} becomes the identifier '${name}', as does '${other.id}' of ${other.where}`, "rename one of the two operationIds");
      }
    }
  },
};

/** RFC 3986's unreserved and reserved characters: what Spectral and Redocly let an operationId hold. */
const URL_SAFE = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]*$/;

export const operationIdUrlSafe: Rule = {
  id: "operation-id-url-safe",
  severity: "warn",
  description: "operationIds use only characters a URL can hold unescaped (no spaces, `%`, quotes or non-ASCII), as links and docs' anchors need.",
  check(ctx) {
    for (const site of everyOperationOf(ctx)) {
      const id = site.operation.operationId;
      if (typeof id !== "string" || URL_SAFE.test(id)) continue;
      const bad = [...id].find((c) => !URL_SAFE.test(c))!;
      ctx.report(`${site.pointer}/operationId`, `operationId '${specText(id)}' of ${label(site)} holds ${JSON.stringify(bad)}, which a URL cannot hold unescaped`, "use letters, digits and - . _ ~ (getPetById)");
    }
  },
};

export const operationSuccessResponse: Rule = {
  id: "operation-success-response",
  severity: "warn",
  description: "Every operation (callbacks' too) documents a success response (2XX or 3XX, or `default`).",
  check(ctx) {
    for (const site of [...operationsOf(ctx), ...callbackOperationsOf(ctx)]) {
      const responses = site.operation.responses;
      const codes = isObject(responses) ? Object.keys(responses) : [];
      // 3XX too, as Spectral's rule of this name: a redirect (a download's 302) is how such an operation succeeds
      if (codes.some((c) => c === "default" || /^[23][0-9Xx]{2}$/.test(c))) continue;
      ctx.report(isObject(responses) ? `${site.pointer}/responses` : site.pointer, `${label(site)} has no success (2XX or 3XX) response`, "document what the operation returns when it succeeds");
    }
  },
};

export const operationErrorResponse: Rule = {
  id: "operation-error-response",
  severity: "warn",
  description: "Every operation (callbacks' too) documents its client errors (a 4XX response).",
  check(ctx) {
    for (const site of [...operationsOf(ctx), ...callbackOperationsOf(ctx)]) {
      const responses = site.operation.responses;
      const codes = isObject(responses) ? Object.keys(responses) : [];
      if (codes.some((c) => /^4[0-9Xx]{2}$/.test(c))) continue;
      ctx.report(isObject(responses) ? `${site.pointer}/responses` : site.pointer, `${label(site)} documents no error (4XX) response`, "add the 4XX responses the operation returns (400, 404, ... or 4XX)");
    }
  },
};

export const operationDescription: Rule = {
  id: "operation-description",
  severity: "warn",
  description: "Every operation has a description or a summary.",
  check(ctx) {
    for (const site of operationsOf(ctx)) {
      const { description, summary } = site.operation;
      if ((typeof description === "string" && description.trim()) || (typeof summary === "string" && summary.trim())) continue;
      ctx.report(site.pointer, `${label(site)} has no description or summary`, "say what the operation does in `description` (or at least `summary`)");
    }
  },
};

export const operationSummary: Rule = {
  id: "operation-summary",
  severity: "warn",
  description: "Every operation (webhooks' and callbacks' too) has a summary: the one line docs and generated clients show.",
  check(ctx) {
    for (const site of everyOperationOf(ctx)) {
      if (typeof site.operation.summary === "string" && site.operation.summary.trim()) continue;
      ctx.report(site.pointer, `${label(site)} has no summary`, "add `summary:` with a short line saying what the operation does (the method's doc comment starts with it)");
    }
  },
};

export const operationTagDefined: Rule = {
  id: "operation-tag-defined",
  severity: "off",
  description: "Every tag an operation uses is declared in the document's `tags` (off by default).",
  check(ctx) {
    const declared = new Set(Array.isArray(ctx.document.tags) ? ctx.document.tags.map((t) => (isObject(t) ? t.name : undefined)) : []);
    for (const site of [...operationsOf(ctx), ...webhookOperationsOf(ctx)]) {
      if (!Array.isArray(site.operation.tags)) continue;
      site.operation.tags.forEach((tag, i) => {
        if (typeof tag === "string" && !declared.has(tag)) ctx.report(`${site.pointer}/tags/${i}`, `tag '${tag}' of ${label(site)} is not declared in the document's tags`, `add { name: ${JSON.stringify(tag)}, description: ... } to the top-level tags, or use a declared tag`);
      });
    }
  },
};

export const parameterDescription: Rule = {
  id: "parameter-description",
  severity: "warn",
  description: "Every parameter has a description.",
  check(ctx) {
    const seen = new Set<object>();
    const check = (entry: unknown, at: string) => {
      const { node, pointer: target } = deref(ctx.document, entry);
      if (!node || seen.has(node)) return;
      seen.add(node);
      if (typeof node.description === "string" && node.description.trim()) return;
      ctx.report(target ?? at, `parameter '${specText(node.name)}' (in ${specText(node.in)}) has no description`, "describe what the parameter means and its allowed values");
    };
    const visit = (list: unknown, pointer: string) => {
      if (Array.isArray(list)) list.forEach((entry, i) => check(entry, `${pointer}/${i}`));
    };
    const seenItems = new Set<object>();
    for (const site of everyOperationOf(ctx)) {
      if (!seenItems.has(site.pathItem)) {
        seenItems.add(site.pathItem);
        visit(site.pathItem.parameters, `${site.pathItemPointer}/parameters`);
      }
      visit(site.operation.parameters, `${site.pointer}/parameters`);
    }
    // a shared parameter no operation uses yet is still documentation to write
    const shared = isObject(ctx.document.components) ? ctx.document.components.parameters : undefined;
    if (isObject(shared)) for (const name of Object.keys(shared)) check(shared[name], `/components/parameters/${escapeSegment(name)}`);
  },
};

export const requestBodyContent: Rule = {
  id: "request-body-content",
  severity: "error",
  description: "A request body names at least one media type, and each media type has a schema.",
  check(ctx) {
    for (const site of operationsOf(ctx)) {
      if (site.operation.requestBody === undefined) continue;
      const { node: body, pointer: target } = deref(ctx.document, site.operation.requestBody);
      if (!body) continue;
      const at = target ?? `${site.pointer}/requestBody`;
      const content = body.content;
      if (!isObject(content) || Object.keys(content).length === 0) {
        ctx.report(at, `the request body of ${label(site)} has no media type`, "add `content` with a media type (e.g. application/json) and its schema");
        continue;
      }
      for (const media of Object.keys(content)) {
        const entry = content[media];
        if (isObject(entry) && entry.schema !== undefined) continue;
        ctx.report(`${at}/content/${escapeSegment(media)}`, `request body media type '${media}' of ${label(site)} has no schema`, "give the media type a `schema` (for raw bytes: `type: string, format: binary`)");
      }
    }
  },
};

export const parametersUnique: Rule = {
  id: "parameters-unique",
  severity: "error",
  description: "A parameter list does not name the same parameter (name and location) twice.",
  check(ctx) {
    const checkList = (list: unknown, pointer: string, what: string) => {
      const seen = new Set<string>();
      for (const { param, pointer: at } of parametersIn(ctx, list, pointer)) {
        // JSON, not String(): a name written as a mapping (`{ toString: 1 }`) cannot be converted
        const key = JSON.stringify([param.in, param.name]);
        if (seen.has(key)) ctx.report(at, `parameter '${specText(param.name)}' (in ${specText(param.in)}) is listed twice in ${what}`, "remove the duplicate");
        seen.add(key);
      }
    };
    const seenItems = new Set<object>();
    for (const site of everyOperationOf(ctx)) {
      if (!seenItems.has(site.pathItem)) {
        seenItems.add(site.pathItem);
        checkList(site.pathItem.parameters, `${site.pathItemPointer}/parameters`, site.callback ? site.path : `path ${site.path}`);
      }
      checkList(site.operation.parameters, `${site.pointer}/parameters`, label(site));
    }
  },
};
