/**
 * `deepObject` form fields (their Encoding Object's `style`): members sent by bracketed names, as qs and Rails
 * (and so Stripe) read them: `metadata[order_id]=6735&items[0][price]=p&items[0][quantity]=2`, to any depth;
 * `items[]=a` appends; a member name's own brackets that pair up are its (`metadata[k[1]]`: a form's names are
 * decoded before they are split, so the client's `metadata[k%5B1%5D]` reads the same), and a name whose `[` no
 * `]` closes ends at its first `]` (`metadata[[a]`: params.ts's bracketNames). Read back into objects and lists by the field's `DeepShape` (whether a level is an
 * object or a list, and which texts are numbers or booleans). Lists are compacted in index order, as qs does
 * (`items[1]` alone is the list's first member), and an index must be below the larger of 1000 and the number
 * of fields sent, so `items[99999999]` is refused, never a huge list. A problem is a 400 naming the field:
 * nesting deeper than `maxDepth`, a `__proto__` member or `constructor[prototype]` (as in a JSON body), a name
 * both a value and a parent (`a=1&a[b]=2`), a member sent twice, a malformed name (`a[b`).
 */
import { bracketNames, pointerSegment, setOwn } from "./params.js";
import type { DeepShape, FormField, ProblemDetails } from "./types.js";

type Issues = NonNullable<ProblemDetails["errors"]>;
type Leaf = string | Blob;
/** A deepObject field's pairs: the rest of each name after the field's (`""`, `[0][price]`) and its values. */
export type DeepEntries = [rest: string, values: Leaf[]][];

const NO_SHAPE: DeepShape = {};
const INDEX = /^(?:0|[1-9][0-9]{0,15})$/;

/**
 * The pairs of each `deepObject` field of `schema`, taken out of `fields` (the field's own name, and names that
 * start with it and `[`), and the number of values the form holds (which bounds a list's indexes).
 */
export function takeDeep(fields: Map<string, Leaf[]>, schema: readonly FormField[]): { groups: Map<string, DeepEntries>; count: number } | undefined {
  let deep: Set<string> | undefined;
  for (const f of schema) if (f[1] === "deepObject") (deep ??= new Set()).add(f[0]);
  if (!deep) return undefined;
  // a field whose own name has brackets (`ids[]`, PHP's lists) is its own, not a member of `ids`
  const named = new Set(schema.map((f) => f[0]));
  const groups = new Map<string, DeepEntries>();
  let count = 0;
  for (const [name, values] of fields) {
    count += values.length;
    const open = name.indexOf("[");
    const field = open < 0 ? name : name.slice(0, open);
    if (!deep.has(field) || (open >= 0 && named.has(name))) continue;
    const group = groups.get(field);
    if (group) group.push([name.slice(field.length), values]);
    else groups.set(field, [[name.slice(field.length), values]]);
    fields.delete(name);
  }
  return { groups, count };
}

/** A level being built: a list (members by index) or an object (by name), or not yet known (`undefined`). */
class Level {
  readonly members = new Map<string | number, Level | Leaf>();
  next = 0;
  constructor(
    public list: boolean | undefined,
    readonly shape: DeepShape,
  ) {}
}

/**
 * The value of the field `name` from its pairs; problems go to `issues`. `undefined` when it cannot be read:
 * the field is left out, so the validator adds nothing at it (its `required` would point where the issue does).
 */
export function readDeep(name: string, entries: DeepEntries, shape: DeepShape, maxDepth: number, count: number, issues: Issues): unknown {
  const at = `/body/${pointerSegment(name)}`;
  const plain = entries.find((e) => e[0] === "");
  if (plain) {
    if (entries.length > 1) {
      issues.push({ pointer: at, detail: `is sent both as a value and as members (${name}[...]): send one or the other` });
      return undefined;
    }
    return plainValue(plain[1], shape, at, issues);
  }
  const root = new Level(levelKind(shape), shape);
  const maxIndex = Math.max(1000, count);
  // the first problem ends the reading: one clear issue, however many pairs a hostile form repeats it in
  let failed = false;
  const problem = (detail: string): void => {
    issues.push({ pointer: at, detail });
    failed = true;
  };
  for (const [rest, values] of entries) {
    if (failed) break;
    const segments = bracketNames(rest);
    const where = `${name}${rest.slice(0, 100)}`;
    if (!segments) {
      problem(`has a malformed member name '${where}': each member is a [name] or an [index]`);
      break;
    }
    if (segments.length > maxDepth) {
      problem(`is nested deeper than ${maxDepth} levels`);
      break;
    }
    let level = root;
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i]!;
      if (seg === "__proto__" || (seg === "prototype" && i > 0 && segments[i - 1] === "constructor")) {
        problem(`has a forbidden member name '${seg}' (${where})`);
        break;
      }
      if (level.list === undefined) level.list = seg === "" || INDEX.test(seg);
      let key: string | number;
      if (level.list) {
        if (seg !== "" && !INDEX.test(seg)) {
          problem(`is a list, but '${where}' names a member '${seg}': use an index ([0], [1], ...) or []`);
          break;
        }
        // `[]` appends: the member after the last one so far
        key = seg === "" ? level.next : Number(seg);
        if (key >= maxIndex) {
          problem(`has an index too large (${where}): a list here may have at most ${maxIndex} members`);
          break;
        }
      } else if (seg === "") {
        problem(`is an object, but '${where}' has a member without a name ([])`);
        break;
      } else key = seg;
      const existing = level.members.get(key);
      if (i === segments.length - 1) {
        if (existing !== undefined) problem(existing instanceof Level ? `'${where}' is sent both as a value and with members: send one or the other` : `'${where}' is sent more than once`);
        else if (seg !== "" && values.length > 1) problem(`'${where}' is sent more than once`);
        else if (seg !== "") level.members.set(key, values[0]!);
        // `items[]=a&items[]=b`: each value a member of its own
        else for (const v of values) if (level.next < maxIndex) level.members.set(level.next++, v);
        if (typeof key === "number" && seg !== "") level.next = Math.max(level.next, key + 1);
        break;
      }
      if (typeof key === "number") level.next = Math.max(level.next, key + 1);
      if (existing === undefined) {
        const child = childShape(level, key);
        const next = new Level(levelKind(child), child);
        level.members.set(key, next);
        level = next;
      } else if (existing instanceof Level) level = existing;
      else {
        problem(`'${where}' is sent both as a value and with members: send one or the other`);
        break;
      }
    }
  }
  return failed ? undefined : finish(root, at, issues);
}

/** Whether a level of this shape is a list (`true`), an object (`false`), or either (its first member decides). */
function levelKind(shape: DeepShape): boolean | undefined {
  const list = shape.items !== undefined;
  const object = shape.object === true;
  return list === object ? undefined : list;
}

const memberShapes = new WeakMap<DeepShape, Map<string, DeepShape>>();

function childShape(level: Level, key: string | number): DeepShape {
  const shape = level.shape;
  if (level.list) return shape.items ?? NO_SHAPE;
  let members = memberShapes.get(shape);
  if (!members) memberShapes.set(shape, (members = new Map(shape.members ?? [])));
  return members.get(String(key)) ?? shape.others ?? NO_SHAPE;
}

/** The field sent by its own name: a list's items (`expand=a&expand=b`), else one value (a text the schema lists: `tax_rates=`). */
function plainValue(values: Leaf[], shape: DeepShape, at: string, issues: Issues): unknown {
  const listed = values.length === 1 && typeof values[0] === "string" && shape.texts?.includes(values[0]) === true;
  if (levelKind(shape) === true && !listed) return values.map((v, i) => leafValue(v, shape.items ?? NO_SHAPE, `${at}/${i}`, issues));
  if (values.length > 1) {
    issues.push({ pointer: at, detail: "must be a single value" });
    return values;
  }
  return leafValue(values[0]!, shape, at, issues);
}

/** The built value: lists in index order, leaves coerced by their shapes. */
function finish(level: Level, at: string, issues: Issues): unknown {
  if (level.list) {
    const keys = [...level.members.keys()].sort((a, b) => (a as number) - (b as number));
    return keys.map((k, i) => member(level, k, `${at}/${i}`, issues));
  }
  const out: Record<string, unknown> = {};
  for (const k of level.members.keys()) setOwn(out, k as string, member(level, k, `${at}/${pointerSegment(k as string)}`, issues));
  return out;
}

function member(level: Level, key: string | number, at: string, issues: Issues): unknown {
  const v = level.members.get(key)!;
  return v instanceof Level ? finish(v, at, issues) : leafValue(v, childShape(level, key), at, issues);
}

/**
 * An object sent in one value, names and values in turn, `R,100,G,200` (`style: form, explode: false`, or
 * space- or pipe-delimited: OpenAPI's style table), values typed by the members' shapes. A problem is an issue
 * at the field (an odd count, a `__proto__` member, a member twice) and `undefined` (the field is left out).
 */
export function readDelimitedObject(name: string, value: Leaf, shape: DeepShape, separator: string, issues: Issues): unknown {
  const at = `/body/${pointerSegment(name)}`;
  if (typeof value !== "string") {
    issues.push({ pointer: at, detail: "must be text, not a file" });
    return undefined;
  }
  const parts = value === "" ? [] : value.split(separator);
  if (parts.length % 2) {
    issues.push({ pointer: at, detail: `must be names and values in turn (${JSON.stringify(separator)} between them), an even number of items` });
    return undefined;
  }
  const level = new Level(false, shape);
  for (let i = 0; i < parts.length; i += 2) {
    const key = parts[i]!;
    if (key === "__proto__") {
      issues.push({ pointer: at, detail: "has a forbidden member name '__proto__'" });
      return undefined;
    }
    if (level.members.has(key)) {
      issues.push({ pointer: at, detail: `has the member '${key}' twice` });
      return undefined;
    }
    level.members.set(key, parts[i + 1]!);
  }
  return finish(level, at, issues);
}

/** A member's text as its shape's type (a number, a boolean); other text, and files, as they are. */
function leafValue(value: Leaf, shape: DeepShape, at: string, issues: Issues): unknown {
  if (typeof value !== "string" || shape.type === undefined) return value;
  if (shape.type === "boolean") {
    if (value === "true" || value === "false") return value === "true";
    if (!shape.texts) issues.push({ pointer: at, detail: "must be true or false" });
    return value;
  }
  const n = value.trim() === "" ? NaN : Number(value);
  if (Number.isFinite(n) && (shape.type === "number" || Number.isInteger(n))) return n;
  if (!shape.texts) issues.push({ pointer: at, detail: `must be ${shape.type === "integer" ? "an integer" : "a number"}` });
  return value;
}

/**
 * A field an outer framework already parsed into objects and lists (Express `urlencoded({ extended: true })`),
 * as the bracketed pairs it came from, so it is read with the same limits; `depth` stops at a nesting the
 * reader refuses anyway.
 */
export function flattenDeep(name: string, value: unknown, out: Map<string, Leaf[]>, depth = 0): void {
  if (value === null || value === undefined) return;
  if (typeof value !== "object" || value instanceof Blob || depth > 512) {
    const text = typeof value === "string" || value instanceof Blob ? value : typeof value === "object" ? "" : String(value);
    const list = out.get(name);
    if (list) list.push(text);
    else out.set(name, [text]);
    return;
  }
  if (Array.isArray(value)) value.forEach((v, i) => flattenDeep(`${name}[${i}]`, v, out, depth + 1));
  else for (const k of Object.keys(value)) flattenDeep(`${name}[${k}]`, (value as Record<string, unknown>)[k], out, depth + 1);
}
