/**
 * The state of one comparison: both documents, where we are (the operation and its part), the changes
 * found so far. Rules call `emit`; nothing here does I/O, so `diffSpecs` stays a pure function.
 */
import { error, SpecforgeError, type Location } from "../diagnostics/diagnostic.js";
import { isObject, type JsonObject } from "../openapi/kinds.js";
import { escapeSegment, resolvePointer, unescapeSegment } from "../openapi/pointer.js";
import { bareMediaType } from "../ir/media.js";
import { RULES, type Change, type RuleId } from "./change.js";
import { deprecationOf, noticeProblem, type DeprecationPolicy } from "./sunset.js";

/** A bundled, normalized document (every `$ref` local), with a way to find a pointer in its sources. */
export interface DiffDocument {
  document: JsonObject;
  locate?: (pointer: string) => Location | undefined;
}

/** A value of the document and the pointer it sits at (after following `$ref`s: the target's pointer). */
export interface At {
  value: JsonObject;
  pointer: string;
  /**
   * Set when a 3.1 `$ref` on the way had sibling keywords merged into `value`: the pointer of the value
   * followed (where the siblings sit). `pointer` alone then does not say what `value` holds.
   */
  siblingsAt?: string;
}

/** Which way data flows: requests are what clients send, responses what servers return. */
export type Direction = "request" | "response";

/**
 * How a change to the set of accepted values breaks each side. Narrowing a request refuses what clients
 * sent; widening it hands servers what they never handled. For responses it is the mirror image.
 */
export type Effect = "narrowed" | "widened" | "changed";

export function impact(direction: Direction, effect: Effect): Change["breaking"] {
  if (effect === "changed") return { client: true, server: true };
  const clientBreaks = (direction === "request") === (effect === "narrowed");
  return { client: clientBreaks, server: !clientBreaks };
}

export const NOT_BREAKING: Change["breaking"] = { client: false, server: false };

/**
 * Schemas compared inside one another at most this deep (a chain of `$ref`s through properties, items,
 * members...): as deep as `load/too-deep` lets a document nest values, and well inside the call stack.
 */
export const MAX_SCHEMA_DEPTH = 256;

/** Keywords holding subschemas: those written beside a `$ref` are compared at their own pointers already (object-view.ts). */
const SUBSCHEMA_HOLDERS = new Set(["properties", "patternProperties", "allOf", "anyOf", "oneOf", "items", "prefixItems", "$defs", "dependentSchemas"]);

export function child(pointer: string, ...segments: string[]): string {
  return pointer + segments.map((s) => `/${escapeSegment(s)}`).join("");
}

export class DiffContext {
  readonly changes: Change[] = [];
  /** `GET /pets`, while an operation is being compared. */
  operation: string | undefined;
  /** Schema pairs already compared, per direction: shared components are reported once, and cycles end. */
  readonly compared = new Set<string>();
  /** Schema comparisons open, one inside another (see `MAX_SCHEMA_DEPTH`). */
  depth = 0;
  /**
   * Keywords written beside a 3.1 `$ref` (`$ref: Str` with `maxLength: 5`) in the schemas being compared,
   * innermost last: a change to one is shown where it is written, not at the target, which does not hold it.
   */
  private readonly siblings: Array<{ which: "base" | "head"; target: string; written: string; keys: Set<string> }> = [];

  constructor(
    readonly base: DiffDocument,
    readonly head: DiffDocument,
    /** Removals after a sunset are not breaking, and deprecations are held to a notice period; off: every removal breaks. */
    readonly policy?: DeprecationPolicy,
  ) {}

  /** `deprecation-sunset-too-soon` when `h` (an operation, parameter or schema) became deprecated, or moved its sunset, with less notice than the policy asks. */
  checkNotice(b: unknown, h: unknown, label: string, where: { base: string; head: string }): void {
    const problem = noticeProblem(deprecationOf(b), deprecationOf(h), this.policy);
    if (problem) this.emit("deprecation-sunset-too-soon", `${label}: ${problem}`, { client: true, server: false }, where);
  }

  /** `subject`: what changed when one place holds several changes of this rule (see `Change.subject`). */
  emit(id: RuleId, message: string, breaking: Change["breaking"], where: { base?: string; head?: string }, subject?: unknown): void {
    if (!(id in RULES)) throw new Error(`diff rule '${id}' is not registered`);
    const change: Change = { id, message, breaking: { ...breaking } };
    if (this.operation !== undefined) change.operation = this.operation;
    if (subject !== undefined) change.subject = JSON.stringify(subject);
    if (where.base !== undefined) change.base = { pointer: this.besideRef("base", where.base) };
    if (where.head !== undefined) change.head = { pointer: this.besideRef("head", where.head) };
    // Only the side shown is located: finding a position can cost a scan of the file.
    const removal = (RULES[id] as { removal?: true }).removal === true;
    const [doc, shown] = removal && change.base ? [this.base, change.base] : change.head ? [this.head, change.head] : [this.base, change.base];
    const location = shown ? doc.locate?.(shown.pointer) : undefined;
    if (shown && location) {
      shown.location = location;
      change.location = location;
    }
    this.changes.push(change);
  }

  /** Runs `compare` with the keywords written beside `at`'s `$ref`s (if any) shown where they are written. */
  withSiblings<T>(ats: { base: At; head: At }, compare: () => T): T {
    let pushed = 0;
    for (const which of ["base", "head"] as const) {
      const at = ats[which];
      const written = at.siblingsAt === undefined ? undefined : this.written(which, at.siblingsAt);
      if (!written) continue;
      const keys = new Set(Object.keys(written).filter((k) => k !== "$ref" && !SUBSCHEMA_HOLDERS.has(k)));
      this.siblings.push({ which, target: at.pointer, written: at.siblingsAt!, keys });
      pushed++;
    }
    try {
      return compare();
    } finally {
      this.siblings.splice(this.siblings.length - pushed, pushed);
    }
  }

  /** A keyword's pointer at a `$ref` target moved to the `$ref` beside which it is written (see `siblings`). */
  private besideRef(which: "base" | "head", pointer: string): string {
    for (let i = this.siblings.length - 1; i >= 0; i--) {
      const s = this.siblings[i]!;
      if (s.which !== which || !pointer.startsWith(`${s.target}/`)) continue;
      const key = pointer.slice(s.target.length + 1).split("/")[0]!;
      if (s.keys.has(unescapeSegment(key))) return s.written + pointer.slice(s.target.length);
    }
    return pointer;
  }

  /** Input that nests schemas too deep to compare: one diagnostic at the schema reached (exit 2 from the CLI). */
  tooDeep(which: "base" | "head", label: string, pointer: string): SpecforgeError {
    const location: Location = { ...this[which].locate?.(pointer), pointer };
    return new SpecforgeError([
      error("diff/too-deep", `${label}: schemas nest deeper than ${MAX_SCHEMA_DEPTH} levels, too deep to compare`, location, "break the chain of schemas nested through $ref (properties, items, allOf...) into fewer levels"),
    ]);
  }

  /** The object at `pointer` in `doc`, as written (`$ref`s not followed). */
  written(which: "base" | "head", pointer: string): JsonObject | undefined {
    const resolved = resolvePointer((which === "base" ? this.base : this.head).document, pointer);
    return resolved.found && isObject(resolved.value) ? resolved.value : undefined;
  }

  /** Follows `$ref`s in `doc` (cycle-safe); a 3.1 schema `$ref` with siblings keeps them on top. */
  deref(which: "base" | "head", value: unknown, pointer: string): At | undefined {
    const doc = (which === "base" ? this.base : this.head).document;
    let current = value;
    let at = pointer;
    let siblings: JsonObject | undefined;
    for (let hops = 0; isObject(current) && typeof current.$ref === "string"; hops++) {
      if (hops > 64) return undefined;
      const { $ref, ...rest } = current;
      if (Object.keys(rest).length) siblings = { ...rest, ...siblings };
      const ref = $ref as string;
      if (!ref.startsWith("#")) return undefined;
      let target: string;
      try {
        target = decodeURIComponent(ref.slice(1));
      } catch {
        return undefined;
      }
      const resolved = resolvePointer(doc, target);
      if (!resolved.found) return undefined;
      current = resolved.value;
      at = target;
    }
    if (!isObject(current)) return undefined;
    return siblings ? { value: { ...current, ...siblings }, pointer: at, siblingsAt: pointer } : { value: current, pointer: at };
  }
}

/** Quotes spec text in a message (reporters escape it for their format). */
export function q(text: string): string {
  return `'${text}'`;
}

/** A spec value as message text: a string as it is, anything else as its JSON (String() of `{ toString: 1 }` throws). */
export function textOf(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
}

/**
 * Media types of a `content` map by a comparable key (lowercase, parameters dropped: `application/json;
 * charset=utf-8` is `application/json`) -> the key as written.
 */
export function mediaTypes(content: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!isObject(content)) return out;
  for (const media of Object.keys(content)) {
    const key = bareMediaType(media);
    if (!out.has(key)) out.set(key, media);
  }
  return out;
}
