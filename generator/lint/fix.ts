/**
 * `specforge lint --fix`: the one safe mechanical fix, adding the operationId the generator would derive
 * (`getPetsById` for `GET /pets/{id}`) to operations that have none, made unique against every id of the
 * document (paths, webhooks, callbacks, components). The file is edited as text: one `operationId` line
 * inserted before the operation's first key, at its indentation (or an empty `operationId: ""` given its
 * value in place), everything else byte for byte as it was (BOM, CRLF, comments, quoting, long lines).
 * JSON and YAML alike: JSON is read as the YAML it is to find the places. Only the spec file itself is
 * edited, never a referenced file.
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { Document, Node, YAMLMap } from "yaml";
import { yamlLib } from "../load/yaml-lib.js";
import { SpecforgeError } from "../diagnostics/diagnostic.js";
import { parseJson, parseJsonIfValid } from "../load/json-text.js";
import { utf8Text } from "../load/utf8-text.js";
import { isObject, operationsOfItem, type JsonObject } from "../openapi/kinds.js";
import { forEachNode } from "../openapi/walk.js";
import { derivedOperationId } from "./rules/operations.js";

export interface FixResult {
  /** Operations that got an operationId: `GET /pets -> getPets`. */
  added: string[];
}

/** An operation to give an id: its path, the keys from the path item to it (`["get"]`, `["additionalOperations", "LINK"]`), the method sent. */
type Todo = { path: string; segments: string[]; httpMethod: string; id: string };

/** Plans the ids to add for operations of `paths` defined inline in this file (OpenAPI 3.2's `query` and additional ones too). */
function plan(document: unknown, isInline: (path: string, segments: string[]) => boolean): Todo[] {
  if (!isObject(document) || !isObject(document.paths)) return [];
  // every id the document holds is taken: a webhook's, a callback's or a components path item's too
  const taken = new Set<string>();
  forEachNode(document, (node, kind) => {
    if (kind === "Operation" && typeof node.operationId === "string") taken.add(node.operationId);
  });
  const out: Todo[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
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

/** Replace `length` characters at `at` with `text`. */
type Edit = { at: number; length: number; text: string };

export function fixFile(file: string): FixResult {
  let written: string;
  try {
    written = utf8Text(readFileSync(file), file);
  } catch (e) {
    // a file that cannot be read, or is not UTF-8 (read loosely, its other bytes would be written back as
    // U+FFFD), is left as it is: the lint run reports it (load/unreadable, load/not-utf8)
    if (e instanceof SpecforgeError || typeof (e as NodeJS.ErrnoException).code === "string") return { added: [] };
    throw e;
  }
  const bom = written.charCodeAt(0) === 0xfeff ? "\ufeff" : "";
  const text = written.slice(bom.length);
  let json = false;
  if (/\.json$/i.test(file) || text.trimStart().startsWith("{")) {
    try {
      // JSON.parse alone kept the last of two equal keys: such a file is left for the lint run to report
      json = (/\.json$/i.test(file) ? { value: parseJson(text, file) } : parseJsonIfValid(text, file)) !== undefined;
    } catch (e) {
      if (e instanceof SpecforgeError) return { added: [] }; // the lint run reports it (rule parse), as it does bad YAML below
      throw e;
    }
  }
  const { isMap, parseDocument } = yamlLib();
  const doc: Document.Parsed = parseDocument(text, { uniqueKeys: true, merge: true });
  if (doc.errors.length) return { added: [] };
  const opAt = (path: string, segments: string[]) => doc.getIn(["paths", path, ...segments], true);
  const todo = plan(doc.toJS({ maxAliasCount: 1000 }), (path, segments) => isMap(opAt(path, segments)));
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const edits: Edit[] = [];
  const done: typeof todo = [];
  for (const item of todo) {
    const op = opAt(item.path, item.segments);
    // an anchored operation (`get: &op`) is also every alias's (`get: *op`): one id for both would clash
    if (!isMap(op) || op.anchor) continue;
    const edit = idEdit(text, op as YAMLMap, json ? JSON.stringify(item.id) : yamlScalar(item.id), json ? '"operationId"' : "operationId", eol);
    if (edit) {
      edits.push(edit);
      done.push(item);
    }
  }
  if (edits.length === 0) return { added: [] };
  let out = text;
  for (const e of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, e.at) + e.text + out.slice(e.at + e.length);
  writeFileSync(file, bom + out);
  return { added: done.map(added) };
}

/** The edit giving operation `op` the id `value` (already written as JSON or YAML); undefined if it has no place for one. */
function idEdit(text: string, op: YAMLMap, value: string, key: string, eol: string): Edit | undefined {
  const { isPair, isScalar } = yamlLib();
  const own = op.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === "operationId");
  if (own) {
    // an empty `operationId: ""` (or `operationId:`) takes the id in place: a second key was a parse error on the next run
    const v = own.value as Node | null;
    if (v?.range && v.range[1] > v.range[0]) return { at: v.range[0], length: v.range[1] - v.range[0], text: value };
    const keyEnd = (own.key as Node).range?.[1];
    if (keyEnd === undefined) return undefined;
    const colon = text.indexOf(":", keyEnd);
    return colon === -1 ? undefined : { at: colon + 1, length: 0, text: ` ${value}` };
  }
  const first = op.items[0];
  const firstAt = first && isPair(first) ? (first.key as Node | null)?.range?.[0] : undefined;
  const entry = `${key}: ${value}`;
  if (op.flow) {
    const open = op.range?.[0];
    if (open === undefined || text[open] !== "{") return undefined;
    if (firstAt === undefined) return { at: open + 1, length: 0, text: entry }; // {} -> {operationId: x}
    const gap = text.slice(open + 1, firstAt);
    // one member a line (JSON as most write it): a line of its own at the first member's indentation
    if (gap.includes("\n")) return { at: firstAt, length: 0, text: `${entry},${eol}${indentOf(text, firstAt)}` };
    return { at: firstAt, length: 0, text: `${entry}, ` };
  }
  if (firstAt === undefined) return undefined;
  // first in the operation, where readers look for it: a line at the indentation of its sibling keys
  return { at: firstAt, length: 0, text: `${entry}${eol}${indentOf(text, firstAt)}` };
}

/** The whitespace between the start of the line holding `offset` and `offset` (a sibling key's indentation). */
function indentOf(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(before) ? before : " ".repeat(before.length);
}

/** An id as a YAML scalar: plain where YAML reads it back as the same string, else double-quoted. */
function yamlScalar(id: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_]*$/.test(id) && !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(id);
  return plain ? id : JSON.stringify(id);
}

const added = (t: Todo) => `${t.httpMethod} ${t.path} -> ${t.id}`;
