/**
 * A random value for a schema, as Prism's dynamic mode makes one (json-schema-faker): a new one each call,
 * for `specforge mock --dynamic` and `Prefer: dynamic=true`. Types, enums, formats, bounds, lengths, item
 * and property counts are honoured; a `pattern` string is the one pattern-sample.ts makes. It is a guess,
 * not a proof: `not`, `if`, overlapping `oneOf` branches and the like are left to the caller, which checks
 * the value with the schema's validator and falls back to the static answer (sample-value.ts).
 */
import { isObject, type JsonObject } from "./kinds.js";
import { deref, types } from "./schema-deref.js";
import { patternSample } from "./pattern-sample.js";
import { sampleNumber } from "./sample-number.js";
import { discriminatorTags } from "./discriminator-tags.js";
import { inheritedTagOf } from "./inherited-discriminators.js";
import { componentSchemas, isMarked, type Mark } from "./read-write.js";
import { setOwn } from "./own.js";

/** A source of numbers in [0, 1): `Math.random`, or a seeded one in tests. */
export type Random = () => number;

/**
 * `--seed N`: the same answers in the same order on every start (Prism's `--seed`), from mulberry32, a
 * small 32-bit generator good enough for test data (not for anything secret).
 */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Past this depth only what is required is made, lists are as short as allowed and a nullable value is null. */
const DEPTH = 4;
/** At most this many values in one answer (a recursive schema requiring itself stops here). */
const BUDGET = 2_000;

const WORDS = ["alpha", "bravo", "cobalt", "delta", "ember", "falcon", "granite", "harbor", "indigo", "juniper", "kestrel", "lumen", "meadow", "nova", "orbit", "prism", "quartz", "river", "summit", "tundra", "umber", "vertex", "willow", "zephyr"];

interface Run {
  readonly document: JsonObject;
  readonly components: JsonObject;
  readonly random: Random;
  /** the properties left out: writeOnly in an answer, readOnly in a request (a callback the mock sends) */
  readonly leaveOut: Mark;
  left: number;
}

/**
 * A random value for `schema` as an answer carries it (writeOnly properties left out; `leaveOut: "readOnly"`
 * for a request); `undefined` if none could be made.
 */
export function randomValue(document: JsonObject, schema: unknown, random: Random = Math.random, leaveOut: Mark = "writeOnly"): unknown {
  return make({ document, components: componentSchemas(document), random, leaveOut, left: BUDGET }, schema, 0);
}

function make(run: Run, schema: unknown, depth: number): unknown {
  const s = deref(run.document, schema);
  if (s === undefined || s === false || admitsNothing(s) || --run.left < 0) return undefined;
  if (s === true) return word(run);
  if ("const" in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length) return pick(run, s.enum);
  if (Array.isArray(s.allOf) && s.allOf.length) return allOf(run, s, depth);
  const branches = Array.isArray(s.oneOf) && s.oneOf.length ? s.oneOf : Array.isArray(s.anyOf) && s.anyOf.length ? s.anyOf : undefined;
  if (branches) return branch(run, s, branches, depth);
  const listed = types(s);
  const nullable = listed.includes("null");
  const kinds = listed.filter((t) => t !== "null");
  if (nullable && (kinds.length === 0 || depth > DEPTH || run.random() < 0.1)) return null;
  const kind = kinds.length ? pick(run, kinds) : isObject(s.properties) ? "object" : s.items !== undefined ? "array" : "string";
  switch (kind) {
    case "object": return object(run, s, depth);
    case "array": return array(run, s, depth);
    case "integer": return sampleNumber(s, true, number(run, s));
    // a number formatted as an integer (`format: int32`, which the validators check) is made whole
    case "number": return /^(int32|int64|integer)$/.test(String(s.format)) ? sampleNumber(s, true, number(run, s)) : sampleNumber(s, false, Math.round(number(run, s) * 100) / 100);
    case "boolean": return run.random() < 0.5;
    default: return string(run, s);
  }
}

/** `not: {}` (the normalized `false` of `additionalProperties: false`, `items: false`; normalize.ts): no value is valid. */
function admitsNothing(s: JsonObject | true): boolean {
  return s !== true && (s.not === true || (isObject(s.not) && Object.keys(s.not).length === 0));
}

function pick<T>(run: Run, list: readonly T[]): T {
  return list[Math.floor(run.random() * list.length)]!;
}

function int(run: Run, min: number, max: number): number {
  return min + Math.floor(run.random() * (max - min + 1));
}

function word(run: Run): string {
  return pick(run, WORDS);
}

/** A target inside the schema's bounds (or 0 to 1000 without them), which sampleNumber moves to a valid multiple. */
function number(run: Run, s: JsonObject): number {
  const bound = (k: string) => (typeof s[k] === "number" && Number.isFinite(s[k]) ? (s[k] as number) : undefined);
  const min = bound("minimum") ?? bound("exclusiveMinimum") ?? Math.min(0, (bound("maximum") ?? bound("exclusiveMaximum") ?? 1000) - 1000);
  const max = bound("maximum") ?? bound("exclusiveMaximum") ?? min + 1000;
  return min + run.random() * (max - min);
}

function string(run: Run, s: JsonObject): string {
  const min = typeof s.minLength === "number" ? s.minLength : 0;
  const max = typeof s.maxLength === "number" ? s.maxLength : Infinity;
  if (typeof s.pattern === "string") return patternSample(s.pattern, min, max) ?? "";
  const n = int(run, 1, 9999);
  const w = word(run);
  const formatted = typeof s.format === "string" ? byFormat(run, s.format, w, n) : undefined;
  if (formatted !== undefined) return formatted;
  // words to a length inside the bounds
  let text = w;
  const want = Math.min(max, Math.max(min, int(run, 4, 24)));
  while (text.length < want) text += ` ${word(run)}`;
  return text.slice(0, Math.max(min, Math.min(want, text.length)));
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function byFormat(run: Run, format: string, w: string, n: number): string | undefined {
  const when = new Date(Date.UTC(2020, 0, 1) + Math.floor(run.random() * 7 * 365 * 86_400) * 1000);
  const hex = (k: number) => Array.from({ length: k }, () => "0123456789abcdef"[int(run, 0, 15)]).join("");
  switch (format) {
    case "date-time": return when.toISOString().replace(/\.\d{3}Z$/, "Z");
    case "date": return when.toISOString().slice(0, 10);
    case "time": return `${pad(when.getUTCHours())}:${pad(when.getUTCMinutes())}:${pad(when.getUTCSeconds())}Z`;
    case "email": case "idn-email": return `${w}${n}@example.com`;
    case "uuid": return `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[int(run, 0, 3)]}${hex(3)}-${hex(12)}`;
    case "uri": case "url": case "iri": return `https://example.com/${w}/${n}`;
    case "uri-reference": case "iri-reference": return `/${w}/${n}`;
    case "uri-template": return `https://example.com/${w}/{id}`;
    case "json-pointer": return `/${w}/${n}`;
    case "relative-json-pointer": return `${int(run, 0, 3)}/${w}`;
    case "hostname": case "idn-hostname": return `${w}.example.com`;
    case "ipv4": return `${int(run, 1, 223)}.${int(run, 0, 255)}.${int(run, 0, 255)}.${int(run, 1, 254)}`;
    case "ipv6": return `2001:db8::${hex(4).replace(/^0+(?=.)/, "")}`;
    case "byte": return btoa(`${w}${n}`);
    case "duration": return `P${int(run, 1, 30)}D`;
    default: return undefined;
  }
}

function array(run: Run, s: JsonObject, depth: number): unknown[] | undefined {
  const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
  const min = Math.max(typeof s.minItems === "number" ? s.minItems : 0, 0);
  const max = typeof s.maxItems === "number" ? s.maxItems : Infinity;
  const n = depth > DEPTH ? min : Math.min(max, Math.max(min, int(run, min === 0 ? 0 : min, min + 3)));
  const out: unknown[] = [];
  const seen = new Set<string>();
  for (let i = 0, tries = 0; out.length < n && tries < n * 3 + 3; tries++, i = out.length) {
    const item = make(run, i < prefix.length ? prefix[i] : s.items ?? true, depth + 1);
    if (item === undefined) return out.length >= min ? out : undefined;
    const text = JSON.stringify(item);
    if (s.uniqueItems === true && seen.has(text)) continue;
    seen.add(text);
    out.push(item);
  }
  return out;
}

function object(run: Run, s: JsonObject, depth: number): JsonObject | undefined {
  const out: JsonObject = {};
  const properties = isObject(s.properties) ? s.properties : {};
  const required = new Set(Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === "string") : []);
  for (const name of Object.keys(properties)) {
    const property = properties[name];
    if (isMarked(property, run.leaveOut, run.components)) continue;
    if (!required.has(name) && (depth > DEPTH || run.random() < 0.35)) continue;
    const value = make(run, property, depth + 1);
    if (value === undefined) {
      if (required.has(name)) return undefined;
      continue;
    }
    setOwn(out, name, value);
  }
  // a map (no properties of its own): a few entries of its value schema
  const extra = deref(run.document, s.additionalProperties);
  if (Object.keys(properties).length === 0 && extra !== false && extra !== undefined && !admitsNothing(extra) && depth <= DEPTH) {
    for (let i = int(run, 1, 3); i > 0; i--) {
      const value = make(run, extra, depth + 1);
      if (value !== undefined) setOwn(out, `${word(run)}${i}`, value);
    }
  }
  return out;
}

/**
 * allOf: the members' properties and required names together, made as one object (a member that is not
 * an object keeps its own keywords: the first such is made alone).
 */
function allOf(run: Run, s: JsonObject, depth: number): unknown {
  const merged: JsonObject = { type: "object", properties: {}, required: [] as string[] };
  const members = [s, ...(s.allOf as unknown[])];
  const stack = [...members];
  let hops = 0;
  while (stack.length && hops++ < 32) {
    const m = deref(run.document, stack.shift());
    if (m === false || (isObject(m) && admitsNothing(m))) return undefined;
    if (!isObject(m)) continue;
    if (m !== s && Array.isArray(m.allOf)) stack.push(...m.allOf);
    const t = types(m);
    if (t.length && !t.includes("object")) return make(run, { ...m, allOf: undefined }, depth);
    if (isObject(m.properties)) for (const [k, v] of Object.entries(m.properties)) setOwn(merged.properties as JsonObject, k, v);
    if (Array.isArray(m.required)) (merged.required as string[]).push(...m.required.filter((r): r is string => typeof r === "string"));
    if (m.additionalProperties !== undefined && merged.additionalProperties === undefined) merged.additionalProperties = m.additionalProperties;
  }
  // a component extending an inherited discriminator's base: a tag naming it
  const out = object(run, merged, depth);
  const tag = inheritedTagOf(run.document, s);
  if (out && tag) setOwn(out, tag.propertyName, pick(run, tag.values));
  return out;
}

/** oneOf/anyOf: one branch (null seldom), its discriminator property set to a tag naming that branch. */
function branch(run: Run, s: JsonObject, branches: unknown[], depth: number): unknown {
  const nonNull = branches.filter((b) => {
    const d = deref(run.document, b);
    return !(isObject(d) && types(d).length === 1 && types(d)[0] === "null");
  });
  const useNull = nonNull.length < branches.length && (depth > DEPTH || run.random() < 0.1 || nonNull.length === 0);
  if (useNull) return null;
  const i = Math.floor(run.random() * nonNull.length);
  const chosen = nonNull[i];
  const value = make(run, chosen, depth);
  const discriminator = isObject(s.discriminator) ? s.discriminator : undefined;
  if (discriminator && typeof discriminator.propertyName === "string" && isObject(value)) {
    const tags = discriminatorTags(nonNull, discriminator)[i] ?? [];
    if (tags.length) setOwn(value, discriminator.propertyName, tags[0]);
  }
  return value;
}
