/**
 * `specforge lint --fix`: the one safe mechanical fix, adding the operationId the generator would derive
 * (`getPetsById` for `GET /pets/{id}`) to operations that have none, made unique against the ids present.
 * YAML is edited through the `yaml` package's Document API, so comments and formatting stay; JSON is
 * re-serialized with its own indentation. Only the spec file itself is edited, never a referenced file.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { isMap, parseDocument, type Document } from "yaml";
import { SpecforgeError } from "../diagnostics/diagnostic.js";
import { parseJson, parseJsonIfValid } from "../load/json-text.js";
import { isObject, operationsOfItem, type JsonObject } from "../openapi/kinds.js";
import { setOwn } from "../openapi/own.js";
import { derivedOperationId } from "./rules/operations.js";

export interface FixResult {
  /** Operations that got an operationId: `GET /pets -> getPets`. */
  added: string[];
}

/** An operation to give an id: its path, the keys from the path item to it (`["get"]`, `["additionalOperations", "LINK"]`), the method sent. */
type Todo = { path: string; segments: string[]; httpMethod: string; id: string };

/** Plans the ids to add for operations defined inline in this file (OpenAPI 3.2's `query` and additional ones too). */
function plan(paths: unknown, isInline: (path: string, segments: string[]) => boolean): Todo[] {
  if (!isObject(paths)) return [];
  const taken = new Set<string>();
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    for (const { operation } of operationsOfItem(item)) if (typeof operation.operationId === "string") taken.add(operation.operationId);
  }
  const out: Todo[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (path.startsWith("x-") || !isObject(item) || typeof item.$ref === "string") continue;
    for (const { method, httpMethod, segments, operation } of operationsOfItem(item)) {
      if ((typeof operation.operationId === "string" && operation.operationId !== "") || !isInline(path, segments)) continue;
      const base = derivedOperationId(method, path);
      let id = base;
      for (let n = 2; taken.has(id); n++) id = `${base}${n}`;
      taken.add(id);
      out.push({ path, segments, httpMethod, id });
    }
  }
  return out;
}

export function fixFile(file: string): FixResult {
  const text = readFileSync(file, "utf8");
  const isJson = /\.json$/i.test(file) || text.trimStart().startsWith("{");
  let json: { value: unknown } | undefined;
  try {
    // JSON.parse alone kept the last of two equal keys, and the rewrite below lost the first without a word
    if (isJson) json = /\.json$/i.test(file) ? { value: parseJson(text, file) } : parseJsonIfValid(text, file);
  } catch (e) {
    if (e instanceof SpecforgeError) return { added: [] }; // the lint run reports it (rule parse), as it does bad YAML below
    throw e;
  }
  if (json) {
    const doc = json.value as JsonObject;
    const todo = plan(doc.paths, () => true);
    if (todo.length === 0) return { added: [] };
    for (const { path, segments, id } of todo) {
      let parent = (doc.paths as JsonObject)[path] as JsonObject;
      for (const k of segments.slice(0, -1)) parent = parent[k] as JsonObject;
      const key = segments[segments.length - 1]!;
      const op = parent[key] as JsonObject;
      const copy: JsonObject = { operationId: id };
      for (const k of Object.keys(op)) if (k !== "operationId") setOwn(copy, k, op[k]);
      setOwn(parent, key, copy); // an additional method may be named `__proto__`
    }
    const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? "  ";
    writeFileSync(file, `${JSON.stringify(doc, null, indent)}${text.endsWith("\n") ? "\n" : ""}`);
    return { added: todo.map(added) };
  }
  const doc: Document.Parsed = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) return { added: [] };
  const todo = plan(doc.toJS({ maxAliasCount: 1000 })?.paths, (path, segments) => isMap(doc.getIn(["paths", path, ...segments], true)));
  for (const { path, segments, id } of todo) {
    const op = doc.getIn(["paths", path, ...segments], true);
    if (!isMap(op)) continue;
    // First in the operation, where readers look for it.
    const pair = doc.createPair("operationId", id);
    op.items.unshift(pair as never);
  }
  if (todo.length) writeFileSync(file, doc.toString());
  return { added: todo.map(added) };
}

const added = (t: Todo) => `${t.httpMethod} ${t.path} -> ${t.id}`;

