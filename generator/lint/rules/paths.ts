/** Paths: template parameters declared and used, and paths that would route the same request. */
import { isObject } from "../../openapi/kinds.js";
import type { Rule } from "../types.js";
import { escapeSegment, label, operationsOf, parametersIn } from "./shared.js";
import { specText } from "../../diagnostics/printable.js";

function templateNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);
}

export const pathParams: Rule = {
  id: "path-params",
  severity: "error",
  description: "Every `{name}` in a path is declared as an `in: path` parameter, every path parameter appears in the path, and no name appears twice in one path.",
  check(ctx) {
    const reportedItems = new Set<object>();
    for (const site of operationsOf(ctx)) {
      const names = templateNames(site.path);
      if (names.includes("")) {
        if (!reportedItems.has(site.pathItem)) ctx.report(`/paths/${escapeSegment(site.path)}`, `path '${site.path}' has an empty parameter '{}'`, "name the parameter: '{id}'", ["empty-name"]);
        reportedItems.add(site.pathItem);
        continue;
      }
      const shared = parametersIn(ctx, site.pathItem.parameters, `${site.pathItemPointer}/parameters`).filter((p) => p.param.in === "path");
      const own = parametersIn(ctx, site.operation.parameters, `${site.pointer}/parameters`).filter((p) => p.param.in === "path");
      const declared = new Set([...shared, ...own].map((p) => p.param.name));
      for (const name of names) {
        if (!declared.has(name)) ctx.report(site.pointer, `${label(site)} does not declare the path parameter '{${name}}'`, `add a parameter with 'name: ${name}', 'in: path' and 'required: true'`);
      }
      const used = new Set(names);
      for (const p of own) if (!used.has(p.param.name as string)) ctx.report(p.pointer, `path parameter '${specText(p.param.name)}' of ${label(site)} is not in the path`, "remove it, or add '{" + specText(p.param.name) + "}' to the path");
      if (!reportedItems.has(site.pathItem)) {
        reportedItems.add(site.pathItem);
        // `/b/{id}/{id}`: one name takes one value, so the two segments cannot differ (Spectral's path-params)
        for (const name of new Set(names.filter((n, i) => names.indexOf(n) !== i))) {
          ctx.report(`/paths/${escapeSegment(site.path)}`, `path '${site.path}' uses the parameter '{${name}}' more than once`, "give each path parameter its own name ('{id}' and '{id2}'), declared once each");
        }
        for (const p of shared) if (!used.has(p.param.name as string)) ctx.report(p.pointer, `path parameter '${specText(p.param.name)}' is not in the path '${site.path}'`, "remove it, or add '{" + specText(p.param.name) + "}' to the path");
      }
    }
  },
};

const VAR = /^\{.+?\}$/;

/** Paths of the document (not extensions), in order. */
function pathKeys(document: Record<string, unknown>): string[] {
  return isObject(document.paths) ? Object.keys(document.paths).filter((p) => !p.startsWith("x-")) : [];
}

export const pathsIdentical: Rule = {
  id: "paths-identical",
  severity: "error",
  description: "No two paths are the same template with different parameter names (`/pets/{id}` and `/pets/{petId}`).",
  check(ctx) {
    const seen = new Map<string, string>();
    for (const path of pathKeys(ctx.document)) {
      const shape = path.replace(/\{[^}]*\}/g, "{}");
      const first = seen.get(shape);
      if (first !== undefined) ctx.report(`/paths/${escapeSegment(path)}`, `path '${path}' routes the same requests as '${first}'`, "merge the two paths into one");
      else seen.set(shape, path);
    }
  },
};

/** Redocly's definition: same number of segments, literals equal wherever neither is a parameter, same parameter count. */
function ambiguous(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  let aVars = 0;
  let bVars = 0;
  for (let i = 0; i < a.length; i++) {
    const av = VAR.test(a[i]!);
    const bv = VAR.test(b[i]!);
    if (av) aVars++;
    if (bv) bVars++;
    if (!av && !bv && a[i] !== b[i]) return false;
  }
  return aVars === bVars;
}

export const pathsAmbiguous: Rule = {
  id: "paths-ambiguous",
  severity: "warn",
  description: "No two paths can match the same URL (`/users/{id}/x` and `/users/me/{y}`): which one a server picks is undefined.",
  check(ctx) {
    // Grouped by segment count: only paths of equal length can be ambiguous.
    const byLength = new Map<number, Array<{ path: string; parts: string[] }>>();
    for (const path of pathKeys(ctx.document)) {
      const parts = path.split("/");
      const group = byLength.get(parts.length) ?? [];
      const other = group.find((g) => ambiguous(g.parts, parts));
      if (other) ctx.report(`/paths/${escapeSegment(path)}`, `paths '${other.path}' and '${path}' can match the same URL`, "make the literal segments differ, or merge the paths");
      group.push({ path, parts });
      byLength.set(parts.length, group);
    }
  },
};

export const pathTrailingSlash: Rule = {
  id: "path-trailing-slash",
  severity: "warn",
  description: "No path ends in `/` (`/pets/` and `/pets` are different URLs to most servers).",
  check(ctx) {
    for (const path of pathKeys(ctx.document)) {
      if (path.endsWith("/") && path !== "/") ctx.report(`/paths/${escapeSegment(path)}`, `path '${path}' ends with a slash`, `write '${path.replace(/\/+$/, "")}' unless the server really serves only the slashed URL`);
    }
  },
};

export const pathNoQuery: Rule = {
  id: "path-no-query",
  severity: "error",
  description: "No path holds a query string (`?`): query parameters are declared with `in: query`.",
  check(ctx) {
    for (const path of pathKeys(ctx.document)) {
      if (path.includes("?")) ctx.report(`/paths/${escapeSegment(path)}`, `path '${path}' holds a query string`, "declare each query parameter with `in: query` and remove it from the path");
    }
  },
};
