/**
 * Applying overlays to a spec's root document, between load and upgrade: an overlay names the document as
 * written (a Swagger 2.0 file's overlay targets 2.0 paths), and every later stage, and every command, sees
 * the result. Actions run in order, each on the result of the one before (Overlay 1.1 §4.4.1).
 *
 * Merging follows Overlay 1.1 §4.4.3 for 1.0 documents too (1.1 spelled out what 1.0 left open, and its
 * upgrade guide changes only the version): primitives replace, arrays concatenate, objects merge
 * recursively, any other pair is an error. One 1.0 rule differs and is kept: an array target gets a 1.0
 * `update` appended as one entry, where 1.1 concatenates an array.
 *
 * The spec as read is never changed: the result is copied where actions write (copy-on-write.ts).
 * The result keeps the spec file's text and positions: a diagnostic about a node the overlay added names
 * its nearest parent written in the spec, and one inside an array the overlay removed items from names the
 * array (its items' indexes no longer match the file's).
 */
import { exec, type Path } from "jsonpath-rfc9535";
import { error, SpecforgeError, warning, type Diagnostic } from "../diagnostics/diagnostic.js";
import { checkDepth, locateEach, type SourceFile } from "../load/source-file.js";
import { escapeSegment, pointerFrom } from "../openapi/pointer.js";
import { setOwn } from "../openapi/own.js";
import { CopyOnWrite, put } from "./copy-on-write.js";
import type { Overlay, OverlayAction } from "./overlay-file.js";

type JsonValue = Parameters<typeof exec>[0];

interface Selected {
  path: Path;
  value: unknown;
}

export function applyOverlays(root: SourceFile, overlays: readonly Overlay[]): { root: SourceFile; warnings: Diagnostic[] } {
  const state: State = { doc: new CopyOnWrite(root.value), shifted: new Set() };
  const warnings: Diagnostic[] = [];
  const errors: Diagnostic[] = [];
  for (const overlay of overlays) {
    for (const action of overlay.actions) {
      const at = (pointer: string) => ({ file: overlay.file.displayPath, pointer, ...overlay.file.locate(pointer) });
      const fail = (message: string, help: string, pointer = action.pointer) => errors.push(error("overlay/inapplicable", message, at(pointer), help));
      const selected = select(state.doc.document, action.target);
      if (selected.length === 0) {
        // Overlay 1.1: "the action succeeds without changing the target document"; a typo is likelier than intent
        warnings.push(warning("overlay/no-match", `the target ${action.target} selects nothing in ${root.displayPath}: the action changed nothing`, at(`${action.pointer}/target`), "check the target against the spec, or delete the action"));
        continue;
      }
      if (action.remove) removeAll(state, selected, fail);
      else {
        const value = updateOf(action, state.doc.document, fail);
        if (value !== NOTHING) updateAll(state, selected, value, overlay.version, action, fail);
      }
    }
  }
  if (errors.length) throw new SpecforgeError(errors);
  return { root: overlaidFile(root, state), warnings };
}

interface State {
  doc: CopyOnWrite;
  /** Arrays some items were removed from (each this document's own): the file's indexes no longer name their items. */
  shifted: Set<unknown[]>;
}

/**
 * `root` holding the overlaid document. Its depth is checked again (an update may nest deeper than the
 * file did), and a pointer through an array that lost items is placed at the array.
 */
function overlaidFile(root: SourceFile, state: State): SourceFile {
  const value = state.doc.document;
  checkDepth(value, root);
  const shifted = new Set<string>();
  if (state.shifted.size > 0) walk(value, "", new Set(), (node, pointer) => void (state.shifted.has(node as unknown[]) && shifted.add(pointer)));
  const placed = (pointer: string) => {
    for (const array of shifted) if (pointer.startsWith(`${array}/`)) return array;
    return pointer;
  };
  const locate = (pointer: string) => root.locate(placed(pointer));
  return { ...root, value, locate, locateMany: (pointers) => locateEach(locate, pointers) };
}

/**
 * Each array and object of `value` with its pointer, parents first, each object once: a shared one (an
 * alias) is not walked again. A written one stands at one place, reached through written ones only.
 */
function walk(value: unknown, pointer: string, seen: Set<object>, visit: (node: object, pointer: string) => void): void {
  if (value === null || typeof value !== "object" || seen.has(value)) return;
  seen.add(value);
  visit(value, pointer);
  if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${pointer}/${i}`, seen, visit));
  else for (const key of Object.keys(value)) walk((value as Record<string, unknown>)[key], `${pointer}/${escapeSegment(key)}`, seen, visit);
}

const NOTHING = Symbol("nothing");

/** The nodes `target` selects, each once (`$.a[0,0]` selects one node twice: Overlay acts on it once). */
function select(document: unknown, target: string): Selected[] {
  const seen = new Set<string>();
  const out: Selected[] = [];
  exec(document as JsonValue, target, (value, path) => {
    const key = JSON.stringify(path);
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ path: [...path], value });
  });
  return out;
}

/** The value an update or copy action merges: `update` as written, or the single node `copy` selects. */
function updateOf(action: OverlayAction, document: unknown, fail: (message: string, help: string, pointer?: string) => void): unknown {
  if (action.update) return action.update.value;
  const sources = select(document, action.copy!);
  if (sources.length !== 1) {
    fail(`copy ${action.copy} selects ${sources.length} nodes; it must select exactly one`, "narrow the copy path to one node", `${action.pointer}/copy`);
    return NOTHING;
  }
  return sources[0]!.value;
}

type Kind = "object" | "array" | "primitive";
const kindOf = (v: unknown): Kind => (Array.isArray(v) ? "array" : v !== null && typeof v === "object" ? "object" : "primitive");

/**
 * A value put into the document: its own copy at each place, so that what one place is given is not the
 * object another is (a later action writing at one changes that one). Sharing inside the value (an alias
 * in the overlay) is kept, as the spec's is, and copied where it is written.
 */
const copyOf = (value: unknown): unknown => (value !== null && typeof value === "object" ? structuredClone(value) : value);

function updateAll(state: State, selected: Selected[], value: unknown, version: Overlay["version"], action: OverlayAction, fail: (message: string, help: string, pointer?: string) => void): void {
  const kinds = new Set(selected.map((s) => kindOf(s.value)));
  if (kinds.size > 1) return fail(`the target ${action.target} selects ${[...kinds].join(" and ")} nodes; an update needs them all of one kind`, "narrow the target");
  const kind = kindOf(selected[0]!.value);
  const valuePointer = action.update ? `${action.pointer}/update` : `${action.pointer}/copy`;
  // a copy is read before anything is written: `copy: $.a` into `$.a` does not read what it writes
  const given = copyOf(value);
  for (const node of selected) {
    const where = pointerFrom(node.path.map(String));
    if (kind === "object") {
      if (kindOf(given) !== "object") return fail(`the target ${where} is an object: the update must be an object of the fields to merge into it, not ${describe(given)}`, "write the fields to set as an object, or target the field itself", valuePointer);
      const conflict = mergeInto(state.doc, state.doc.own(node.path) as Record<string, unknown>, given as Record<string, unknown>, where, "");
      // placed at the update's own key when it is written in the overlay (`copy` brings its value from the spec)
      if (conflict) return fail(conflict.message, "remove the old value first with a `remove` action, or target it", action.update ? `${valuePointer}${conflict.at}` : valuePointer);
    } else if (kind === "array") {
      const array = state.doc.own(node.path) as unknown[];
      if (Array.isArray(given) && version === "1.1") array.push(...(copyOf(given) as unknown[]));
      else array.push(copyOf(given));
    } else {
      if (kindOf(given) !== "primitive") return fail(`the target ${where} is ${describe(node.value)}: only a string, number, boolean or null can replace it`, "target its parent object to replace it with an object or array", valuePointer);
      put(state.doc.own(node.path.slice(0, -1)) as object, node.path.at(-1)!, given);
    }
  }
}

/**
 * Merges `update` into `target` (this document's own) in place (Overlay 1.1 §4.4.3); the first incompatible
 * pair found (its message, and its pointer inside the update), else undefined. Keys are set as own
 * properties: an overlay's `__proto__` key is data.
 */
function mergeInto(doc: CopyOnWrite, target: Record<string, unknown>, update: Record<string, unknown>, where: string, inUpdate: string): { message: string; at: string } | undefined {
  for (const key of Object.keys(update)) {
    const next = update[key];
    if (!Object.prototype.hasOwnProperty.call(target, key)) {
      setOwn(target, key, copyOf(next));
      continue;
    }
    const current = target[key];
    const a = kindOf(current);
    const b = kindOf(next);
    const at = `${where}/${escapeSegment(key)}`;
    const inNext = `${inUpdate}/${escapeSegment(key)}`;
    if (a !== b) return { message: `cannot merge ${describe(next)} into ${describe(current)} at ${at}`, at: inNext };
    if (a === "object") {
      const conflict = mergeInto(doc, doc.ownChild(target, key) as Record<string, unknown>, next as Record<string, unknown>, at, inNext);
      if (conflict) return conflict;
    } else if (a === "array") (doc.ownChild(target, key) as unknown[]).push(...(copyOf(next) as unknown[]));
    else setOwn(target, key, next);
  }
  return undefined;
}

function removeAll(state: State, selected: Selected[], fail: (message: string, help: string) => void): void {
  if (selected.some((s) => s.path.length === 0)) return fail("an action cannot remove the whole document ($)", "target the parts to remove");
  // Every container is made the document's own before any is changed, and an array's items go from the
  // last: removing item 0 first would move the item a later path names.
  const plan = selected.map((s) => ({ parent: state.doc.own(s.path.slice(0, -1)), key: s.path.at(-1)! }));
  const order = (key: string | number) => (typeof key === "number" ? key : -1);
  plan.sort((x, y) => order(y.key) - order(x.key));
  for (const { parent, key } of plan) {
    if (Array.isArray(parent) && typeof key === "number") {
      parent.splice(key, 1);
      state.shifted.add(parent);
    } else if (parent && typeof parent === "object") delete (parent as Record<string, unknown>)[key];
  }
}

function describe(value: unknown): string {
  const kind = kindOf(value);
  if (kind !== "primitive") return `an ${kind}`;
  return value === null ? "null" : `a ${typeof value}`;
}
