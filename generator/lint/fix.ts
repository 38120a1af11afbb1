/**
 * `specforge lint --fix`: the one safe mechanical fix, adding the operationId the generator would derive
 * (`getPetsById` for `GET /pets/{id}`) to operations that have none, made unique against the ids present.
 * YAML is edited through the `yaml` package's Document API, so comments and formatting stay; JSON is
 * re-serialized with its own indentation. Only the spec file itself is edited, never a referenced file.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { isMap, parseDocument, type Document } from "yaml";
import { FIXED_METHODS, isObject, type JsonObject } from "../openapi/kinds.js";
import { setOwn } from "../openapi/own.js";
import { derivedOperationId } from "./rules/operations.js";

export interface FixResult {
  /** Operations that got an operationId: `GET /pets -> getPets`. */
  added: string[];
}

/** Plans the ids to add: `[path, method, id]` for operations defined inline in this file. */
function plan(paths: unknown, isInline: (path: string, method: string) => boolean): Array<[string, string, string]> {
  if (!isObject(paths)) return [];
  const taken = new Set<string>();
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    for (const m of FIXED_METHODS) {
      const op = item[m];
      if (isObject(op) && typeof op.operationId === "string") taken.add(op.operationId);
    }
  }
  const out: Array<[string, string, string]> = [];
  for (const [path, item] of Object.entries(paths)) {
    if (path.startsWith("x-") || !isObject(item) || typeof item.$ref === "string") continue;
    for (const m of FIXED_METHODS) {
      const op = item[m];
      if (!isObject(op) || (typeof op.operationId === "string" && op.operationId !== "") || !isInline(path, m)) continue;
      const base = derivedOperationId(m, path);
      let id = base;
      for (let n = 2; taken.has(id); n++) id = `${base}${n}`;
      taken.add(id);
      out.push([path, m, id]);
    }
  }
  return out;
}

export function fixFile(file: string): FixResult {
  const text = readFileSync(file, "utf8");
  const isJson = /\.json$/i.test(file) || text.trimStart().startsWith("{");
  if (isJson) {
    const doc = JSON.parse(text) as JsonObject;
    const todo = plan(doc.paths, () => true);
    if (todo.length === 0) return { added: [] };
    for (const [path, method, id] of todo) {
      const item = (doc.paths as JsonObject)[path] as JsonObject;
      const op = item[method] as JsonObject;
      const copy: JsonObject = { operationId: id };
      for (const k of Object.keys(op)) if (k !== "operationId") setOwn(copy, k, op[k]);
      item[method] = copy;
    }
    const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? "  ";
    writeFileSync(file, `${JSON.stringify(doc, null, indent)}${text.endsWith("\n") ? "\n" : ""}`);
    return { added: todo.map(([p, m, id]) => `${m.toUpperCase()} ${p} -> ${id}`) };
  }
  const doc: Document.Parsed = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) return { added: [] };
  const todo = plan(doc.toJS({ maxAliasCount: 1000 })?.paths, (path, method) => isMap(doc.getIn(["paths", path, method], true)));
  for (const [path, method, id] of todo) {
    const op = doc.getIn(["paths", path, method], true);
    if (!isMap(op)) continue;
    // First in the operation, where readers look for it.
    const pair = doc.createPair("operationId", id);
    op.items.unshift(pair as never);
  }
  if (todo.length) writeFileSync(file, doc.toString());
  return { added: todo.map(([p, m, id]) => `${m.toUpperCase()} ${p} -> ${id}`) };
}

