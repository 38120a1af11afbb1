/**
 * An OpenAPI Overlay document (Overlay Specification 1.0 and 1.1), read and checked before any of it is
 * applied: every problem of the file is reported at once, at its line and column, so a user fixes them in
 * one pass. Targets are RFC 9535 JSONPath queries, parsed here so that a typo (`$.paths.*.get[?@.x-a]`,
 * which RFC 9535 does not allow: member names with `-` need `['x-a']`) is an error at its character, not a
 * query that silently selects nothing.
 */
import parseJsonPath from "jsonpath-rfc9535/parser";
import { error, SpecforgeError, type Diagnostic } from "../diagnostics/diagnostic.js";
import { readSourceFile, type SourceFile } from "../load/source-file.js";
import { isObject } from "../openapi/kinds.js";
import { own } from "../openapi/own.js";

export interface OverlayAction {
  /** Where the action is written in the overlay file: `/actions/3`. */
  pointer: string;
  target: string;
  remove: boolean;
  /** Present when the action has an `update` field (whose value may be `null`). */
  update?: { value: unknown };
  copy?: string;
}

export interface Overlay {
  file: SourceFile;
  /** The feature set (`major.minor`): patch versions change no behaviour (Overlay 1.1 §4.1). */
  version: "1.0" | "1.1";
  actions: OverlayAction[];
}

const ROOT_FIELDS = new Set(["overlay", "info", "extends", "actions"]);
const ACTION_FIELDS = new Set(["target", "description", "update", "copy", "remove"]);

/** Every overlay file read and checked; the problems of all of them in one error. */
export function readOverlays(files: readonly string[]): Overlay[] {
  const read: Overlay[] = [];
  const problems: Diagnostic[] = [];
  for (const file of files) {
    try {
      read.push(readOverlay(file));
    } catch (e) {
      if (!(e instanceof SpecforgeError)) throw e;
      problems.push(...e.diagnostics.map((d) => ({ ...d, message: d.message.replace("cannot read spec", "cannot read overlay") })));
    }
  }
  if (problems.length) throw new SpecforgeError(problems);
  return read;
}

function readOverlay(absolute: string): Overlay {
  const file = readSourceFile(absolute);
  const problems: Diagnostic[] = [];
  const problem = (pointer: string, message: string, help: string) =>
    problems.push(error("overlay/invalid", message, { file: file.displayPath, pointer, ...file.locate(pointer) }, help));
  const doc = file.value;
  if (!isObject(doc)) throw new SpecforgeError([error("overlay/invalid", "an overlay must be an object with `overlay`, `info` and `actions`", { file: file.displayPath, line: 1, column: 1 }, "see the Overlay Specification 1.1")]);

  const version = typeof doc.overlay === "string" ? /^1\.([01])\.\d+$/.exec(doc.overlay) : null;
  if (typeof doc.overlay !== "string") problem("/overlay", "`overlay` (the Overlay Specification version) is missing or not a string", "start the file with `overlay: 1.1.0`");
  else if (!version) problem("/overlay", `Overlay ${doc.overlay} is not supported`, "specforge applies Overlay 1.0 and 1.1: write `overlay: 1.1.0`");
  for (const key of Object.keys(doc)) if (!ROOT_FIELDS.has(key) && !key.startsWith("x-")) problem(`/${key}`, `unknown field '${key}' in an overlay`, "an overlay has overlay, info, extends, actions and x- extensions");

  const info = doc.info;
  if (!isObject(info) || typeof info.title !== "string" || typeof info.version !== "string") problem("/info", "`info` must be an object with a string `title` and `version`", "add `info: { title: ..., version: 1.0.0 }`");

  const actions: OverlayAction[] = [];
  if (!Array.isArray(doc.actions) || doc.actions.length === 0) problem("/actions", "`actions` must be a list of at least one action", "add `actions:` with `- target: ...` items");
  else doc.actions.forEach((raw, i) => {
    const pointer = `/actions/${i}`;
    if (!isObject(raw)) return problem(pointer, "an action must be an object with a `target`", "write `- target: $.paths` with `update`, `copy` or `remove`");
    for (const key of Object.keys(raw)) if (!ACTION_FIELDS.has(key) && !key.startsWith("x-")) problem(`${pointer}/${key}`, `unknown field '${key}' in an action`, "an action has target, description, update, copy, remove and x- extensions");
    const target = own(raw, "target");
    const copy = own(raw, "copy");
    const remove = own(raw, "remove") ?? false;
    if (typeof target !== "string") return problem(pointer, "the action has no string `target`", "give a JSONPath such as `$.paths['/pets'].get`");
    const bad = [jsonPathProblem(target, `${pointer}/target`), copy === undefined ? undefined : jsonPathProblem(copy, `${pointer}/copy`)];
    for (const b of bad) if (b) problem(b.pointer, b.message, "write an RFC 9535 JSONPath: `$.paths['/pets']`, `$.paths.*.get`, `$..parameters[?@.in == 'header']`");
    if (copy !== undefined && typeof copy !== "string") problem(`${pointer}/copy`, "`copy` must be a JSONPath string", "give the JSONPath of the node to copy");
    if (typeof remove !== "boolean") problem(`${pointer}/remove`, "`remove` must be true or false", "write `remove: true`");
    const hasUpdate = Object.prototype.hasOwnProperty.call(raw, "update");
    if (copy !== undefined && version?.[1] === "0") problem(`${pointer}/copy`, "`copy` is an Overlay 1.1 action", "write `overlay: 1.1.0`");
    // 1.1 says each of update and copy "has no impact" when the other is given: which one wins is left open
    if (hasUpdate && copy !== undefined && remove !== true) problem(pointer, "the action has both `update` and `copy`", "keep one: write a second action for the other");
    if (!hasUpdate && copy === undefined && remove === false) problem(pointer, "the action has no `update`, `copy` or `remove: true`: it would change nothing", "add what the action does, or delete it");
    actions.push({ pointer, target, remove: remove === true, update: hasUpdate ? { value: raw.update } : undefined, copy: typeof copy === "string" ? copy : undefined });
  });
  if (problems.length) throw new SpecforgeError(problems);
  return { file, version: version![1] === "0" ? "1.0" : "1.1", actions };
}

/** Why `expression` is not an RFC 9535 query, naming the character where it goes wrong; undefined when it is one. */
function jsonPathProblem(expression: unknown, pointer: string): { pointer: string; message: string } | undefined {
  if (typeof expression !== "string") return undefined;
  try {
    parseJsonPath(expression);
    return undefined;
  } catch (e) {
    const at = (e as { location?: { start?: { offset?: number } } }).location?.start?.offset;
    const found = at === undefined ? "" : at >= expression.length ? " at its end" : ` at character ${at + 1} ('${expression.slice(at, at + 12)}')`;
    return { pointer, message: `'${expression}' is not an RFC 9535 JSONPath${found}` };
  }
}
