/** Servers: absolute https URLs, with every `{variable}` declared. */
import { urlWithDefaults } from "../../openapi/server-url.js";
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import type { LintContext, Rule } from "../types.js";
import { deref, escapeSegment, operationsOf } from "./shared.js";
import { specText } from "../../diagnostics/printable.js";

interface ServerSite {
  server: JsonObject;
  pointer: string;
}

/**
 * Servers of the document, of path items and of their operations: the fixed methods, `query` and those under
 * `additionalOperations` alike (`operationsOf`, which also follows a `$ref`'d path item, reported once).
 */
function serversOf(ctx: LintContext): ServerSite[] {
  return ctx.memo("servers", () => {
    const out: ServerSite[] = [];
    const add = (list: unknown, pointer: string) => {
      if (Array.isArray(list)) list.forEach((s, i) => isObject(s) && out.push({ server: s, pointer: `${pointer}/${i}` }));
    };
    add(ctx.document.servers, "/servers");
    const seen = new Set<string>();
    const once = (list: unknown, pointer: string) => {
      if (!seen.has(pointer)) add(list, pointer);
      seen.add(pointer);
    };
    const paths = isObject(ctx.document.paths) ? ctx.document.paths : {};
    for (const [path, value] of Object.entries(paths)) {
      const { node: item, pointer } = path.startsWith("x-") ? { node: undefined } : deref(ctx.document, value);
      if (item) once(item.servers, `${pointer ?? `/paths/${escapeSegment(path)}`}/servers`);
    }
    for (const site of operationsOf(ctx)) once(site.operation.servers, `${site.pointer}/servers`);
    return out;
  });
}

/** The server's URL with each `{variable}` replaced by its default (left as written when it has none). */
function withDefaults(server: JsonObject): string {
  return urlWithDefaults(server.url, server.variables);
}

const LOCAL = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

export const serverUrl: Rule = {
  id: "server-url",
  severity: "warn",
  description: "Server URLs are absolute https URLs (http only for localhost), once their variables take their defaults.",
  check(ctx) {
    for (const { server, pointer } of serversOf(ctx)) {
      if (typeof server.url !== "string") continue;
      const url = withDefaults(server);
      let parsed: URL | undefined;
      try {
        parsed = new URL(url);
      } catch {
        parsed = undefined;
      }
      if (!parsed || !/^https?:$/.test(parsed.protocol)) {
        ctx.report(`${pointer}/url`, `server URL '${server.url}' is not an absolute http(s) URL`, "write the full URL (https://api.example.org/v1); a relative URL depends on where the document was loaded from");
      } else if (parsed.protocol === "http:" && !LOCAL.test(parsed.hostname)) {
        ctx.report(`${pointer}/url`, `server URL '${server.url}' uses plain http`, "serve the API over https, and write https:// here");
      }
    }
  },
};

export const serverVariables: Rule = {
  id: "server-variables",
  severity: "error",
  description: "Every `{variable}` in a server URL is declared in its `variables`, with a default in its enum (if any), and every variable declared is used in the URL.",
  check(ctx) {
    for (const { server, pointer } of serversOf(ctx)) {
      if (typeof server.url !== "string") continue;
      const vars = isObject(server.variables) ? server.variables : {};
      const used = new Set<string>();
      for (const m of server.url.matchAll(/\{([^}]*)\}/g)) {
        used.add(m[1]!);
        if (!Object.prototype.hasOwnProperty.call(vars, m[1]!)) ctx.report(`${pointer}/url`, `server variable '{${m[1]}}' of '${server.url}' is not declared`, `declare it under 'variables' with a default`);
      }
      for (const [name, v] of Object.entries(vars)) {
        const at = `${pointer}/variables/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
        // as Redocly's no-undefined-server-variable and Spectral's oas3-server-variables: a variable the URL never uses changes nothing
        if (!used.has(name)) ctx.report(at, `server variable '${specText(name)}' is not used in '${specText(server.url)}'`, `use it in the URL as '{${specText(name)}}', or remove it`);
        if (!isObject(v) || !Array.isArray(v.enum)) continue;
        if (v.enum.length === 0) ctx.report(`${at}/enum`, `server variable '${name}' has an empty enum`, "list its allowed values, or remove `enum`");
        else if (v.default !== undefined && !v.enum.includes(v.default)) ctx.report(`${at}/default`, `the default of server variable '${name}' is not in its enum`, "make the default one of the enum's values");
      }
    }
  },
};

export const serversDefined: Rule = {
  id: "servers-defined",
  severity: "warn",
  description: "The document lists its `servers`: the generated client's default base URL and the docs' endpoint.",
  check(ctx) {
    const servers = ctx.document.servers;
    if (servers === undefined) ctx.report("", "the document lists no servers", "add `servers: [{ url: https://api.example.org/v1 }]`; without them every client must be given its base URL");
    else if (Array.isArray(servers) && servers.length === 0) ctx.report("/servers", "the document's servers list is empty", "list the API's base URL(s), or remove the empty list");
  },
};

/** Names RFC 2606 reserves for documentation: a server there is a placeholder, never the API. */
const PLACEHOLDER_HOST = /(^|\.)(example\.(com|org|net)|example|invalid)$/i;

export const serverNotExample: Rule = {
  id: "server-not-example",
  severity: "warn",
  description: "No server URL points at a documentation placeholder host (example.com, .example, .invalid).",
  check(ctx) {
    for (const { server, pointer } of serversOf(ctx)) {
      if (typeof server.url !== "string") continue;
      let host: string;
      try {
        // a variable without a default still makes a host name, not a port
        host = new URL(withDefaults(server).replace(/\{[^}]*\}/g, "x").replace(/:x(?=\/|$)/, "")).hostname;
      } catch {
        continue; // server-url reports it
      }
      if (PLACEHOLDER_HOST.test(host)) ctx.report(`${pointer}/url`, `server URL '${server.url}' points at the placeholder host ${host}`, "write the API's real base URL (a local development server may stay: localhost is not reported)");
    }
  },
};

export const serverTrailingSlash: Rule = {
  id: "server-trailing-slash",
  severity: "warn",
  description: "Server URLs do not end in `/` (paths start with one: the two would make `//`).",
  check(ctx) {
    for (const { server, pointer } of serversOf(ctx)) {
      if (typeof server.url === "string" && server.url.endsWith("/") && server.url !== "/") ctx.report(`${pointer}/url`, `server URL '${server.url}' ends with a slash`, `write '${server.url.replace(/\/+$/, "")}'`);
    }
  },
};
