/**
 * A seeded, deterministic mutator of specs: structural breakage at random JSON pointers (deleted and renamed
 * keys, values of the wrong kind, `$ref`s to nothing, to the wrong kind of object or to themselves, recursive
 * schemas, `__proto__` keys, huge strings, wrong versions). The same seed gives the same mutant, so a failing
 * mutant is named by its seed. The mutant is data: it is written to a file and read by the pipeline as a spec.
 */
import { seededRandom as rng } from "../../generator/openapi/random-value.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Mutant {
  /** The mutated document (a fresh copy; the input is never changed). */
  document: Json;
  /** One line per mutation: `<kind> at <pointer>` and what was put there. */
  steps: string[];
}

const escape = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");
const unescape = (s: string) => s.replace(/~1/g, "/").replace(/~0/g, "~");
const isObj = (v: unknown): v is { [key: string]: Json } => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every pointer in the document ("" the root), parents before children. */
function pointers(doc: Json): string[] {
  const out: string[] = [];
  const walk = (v: Json, at: string, depth: number) => {
    out.push(at);
    if (depth > 64) return;
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}/${i}`, depth + 1));
    else if (isObj(v)) for (const k of Object.keys(v)) walk(v[k]!, `${at}/${escape(k)}`, depth + 1);
  };
  walk(doc, "", 0);
  return out;
}

function get(doc: Json, pointer: string): Json | undefined {
  let v: Json | undefined = doc;
  for (const seg of pointer.split("/").slice(1).map(unescape)) {
    if (Array.isArray(v)) v = v[Number(seg)];
    else if (isObj(v) && Object.prototype.hasOwnProperty.call(v, seg)) v = v[seg];
    else return undefined;
  }
  return v;
}

function parentOf(pointer: string): { parent: string; key: string } {
  const i = pointer.lastIndexOf("/");
  return { parent: pointer.slice(0, i), key: unescape(pointer.slice(i + 1)) };
}

/** Sets an own property, `__proto__` included (a plain assignment would change the prototype instead). */
function define(obj: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function set(doc: Json, pointer: string, value: Json): Json {
  if (pointer === "") return value;
  const { parent, key } = parentOf(pointer);
  const p = get(doc, parent);
  if (Array.isArray(p)) p[Number(key)] = value;
  else if (isObj(p)) define(p, key, value);
  return doc;
}

/** Renames a key keeping its place among the others (key order matters to some stages). */
function rename(obj: { [key: string]: Json }, from: string, to: string): void {
  const entries = Object.entries(obj).map(([k, v]) => [k === from ? to : k, v] as const);
  for (const k of Object.keys(obj)) delete obj[k];
  for (const [k, v] of entries) define(obj, k, v);
}

const HUGE = "x".repeat(200_000);
const STRANGE_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "", " ", "x-", "$ref", "a/b~c", "\u2028", "a\nb", "\u001b[31mred", "é", "🦀", "0"];
const VERSIONS: Json[] = ["3.2.0", "4.0.0", "2.0", "3.0", "3", "", "3.1.0-rc1", "3.0.99", 3.1, 3, null, true, ["3.1.0"], { v: "3.1.0" }, "1.0.0", "swagger"];
const VALUES: Json[] = [null, 0, -1, 1.5, 1e308, 2 ** 53 + 1, "", "x", HUGE, "#/", "{id}", [], [null], [1, "a"], {}, { $ref: "#" }, true, false];

type Step = (doc: Json, r: () => number, all: string[]) => { doc: Json; note: string } | undefined;

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const short = (v: Json) => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...(${s.length} chars)` : s;
};

/** Pointers under `components/schemas` (or Swagger's `definitions`), the schemas themselves. */
function schemaNames(doc: Json): string[] {
  const out: string[] = [];
  const comps = isObj(doc) && isObj(doc.components) ? doc.components.schemas : undefined;
  if (isObj(comps)) out.push(...Object.keys(comps).map((k) => `/components/schemas/${escape(k)}`));
  const defs = isObj(doc) ? doc.definitions : undefined;
  if (isObj(defs)) out.push(...Object.keys(defs).map((k) => `/definitions/${escape(k)}`));
  return out;
}

function refTargets(at: string): string[] {
  return [
    "#/components/schemas/Missing",
    "#/definitions/Missing",
    "#/paths",
    "#/info",
    "#/info/title",
    "#/openapi",
    "#",
    `#${at}`,
    "#/components/responses/Nope",
    "./missing.yaml#/Thing",
    "./missing.yaml",
    "../../../etc/passwd",
    "#/components/schemas/%zz",
    "#components/schemas",
    "#/paths/~2bad",
    "http://127.0.0.1:9/x.yaml#/A",
    "",
    "#/components/schemas/" + "a".repeat(5000),
    // other files of the fixtures (multi-file, swagger-2), at the wrong kind of object or none
    "./paths/pets.yaml",
    "./paths/pet.yaml#/get",
    "./schemas/Pet.yaml#/properties",
    "./schemas/common.yaml",
    "./schemas/common.yaml#/Error/properties/code/type",
    "./schemas/Owner.json#/",
    "./definitions.yaml",
    "./definitions.yaml#/definitions/Problem/required",
    "./definitions.yaml#/definitions",
    "./openapi.yaml#/paths",
    "./swagger.yaml#/definitions/Pet",
    "./mutant.json#/components/schemas",
    "./mutant.yaml#/info",
  ];
}

const STEPS: Record<string, Step> = {
  delete(doc, r, all) {
    const at = pick(r, all.filter((p) => p !== ""));
    if (at === undefined) return undefined;
    const { parent, key } = parentOf(at);
    const p = get(doc, parent);
    if (Array.isArray(p)) p.splice(Number(key), 1);
    else if (isObj(p)) delete p[key];
    return { doc, note: `delete ${at}` };
  },
  replace(doc, r, all) {
    const at = pick(r, all);
    const value = structuredClone(pick(r, VALUES));
    return { doc: set(doc, at, value), note: `replace ${at} by ${short(value)}` };
  },
  rename(doc, r, all) {
    const keyed = all.filter((p) => p !== "" && isObj(get(doc, parentOf(p).parent)));
    if (!keyed.length) return undefined;
    const at = pick(r, keyed);
    const { parent, key } = parentOf(at);
    const to = r() < 0.5 ? pick(r, STRANGE_KEYS) : `${key}${pick(r, ["s", "_", "X", " "])}`;
    const obj = get(doc, parent) as { [key: string]: Json };
    if (Object.prototype.hasOwnProperty.call(obj, to)) return undefined;
    rename(obj, key, to);
    return { doc, note: `rename ${at} to ${JSON.stringify(to)}` };
  },
  duplicate(doc, r, all) {
    const from = pick(r, all);
    const to = pick(r, all);
    return { doc: set(doc, to, structuredClone(get(doc, from)!)), note: `copy ${from || "(root)"} to ${to || "(root)"}` };
  },
  addKey(doc, r, all) {
    const objects = all.filter((p) => isObj(get(doc, p)));
    const at = pick(r, objects);
    if (at === undefined) return undefined;
    const key = pick(r, STRANGE_KEYS);
    const value = structuredClone(pick(r, [...VALUES.slice(0, 6), { type: "string" }, { polluted: true }, { $ref: "#/info" }]));
    const obj = get(doc, at) as { [key: string]: Json };
    if (Object.prototype.hasOwnProperty.call(obj, key)) return undefined;
    define(obj, key, value);
    return { doc, note: `add key ${JSON.stringify(key)}: ${short(value)} at ${at || "(root)"}` };
  },
  ref(doc, r, all) {
    // mostly where refs already are, else anywhere
    const refs = all.filter((p) => p.endsWith("/$ref"));
    const at = refs.length && r() < 0.7 ? parentOf(pick(r, refs)).parent : pick(r, all);
    const target = pick(r, refTargets(at));
    return { doc: set(doc, at, { $ref: target }), note: `$ref ${JSON.stringify(target)} at ${at || "(root)"}` };
  },
  refToAny(doc, r, all) {
    // a ref to some existing place of another kind
    const refs = all.filter((p) => p.endsWith("/$ref"));
    const at = refs.length ? parentOf(pick(r, refs)).parent : pick(r, all);
    const target = `#${pick(r, all)}`;
    return { doc: set(doc, at, { $ref: target }), note: `$ref ${JSON.stringify(target)} at ${at || "(root)"}` };
  },
  recursive(doc, r) {
    const schemas = schemaNames(doc);
    if (!schemas.length) return undefined;
    const s = pick(r, schemas);
    const ref = { $ref: `#${s}` };
    const forms: Array<[string, Json]> = [
      ["self", ref],
      ["allOf", { allOf: [ref] }],
      ["oneOf", { oneOf: [ref, { type: "string" }] }],
      ["property", { type: "object", required: ["self"], properties: { self: ref } }],
      ["items", { type: "array", items: ref }],
      ["additionalProperties", { type: "object", additionalProperties: ref }],
      ["not", { not: ref }],
    ];
    const [name, value] = pick(r, forms);
    return { doc: set(doc, s, structuredClone(value)), note: `make ${s} recursive (${name})` };
  },
  mutualRefs(doc, r) {
    const schemas = schemaNames(doc);
    if (schemas.length < 2) return undefined;
    const a = pick(r, schemas);
    const b = pick(r, schemas.filter((s) => s !== a));
    set(doc, a, { $ref: `#${b}` });
    set(doc, b, { allOf: [{ $ref: `#${a}` }] });
    return { doc, note: `make ${a} and ${b} refer to each other` };
  },
  version(doc, r) {
    if (!isObj(doc)) return undefined;
    const key = "swagger" in doc ? "swagger" : "openapi";
    const v = pick(r, VERSIONS);
    return { doc: set(doc, `/${key}`, v), note: `${key} = ${short(v)}` };
  },
  strings(doc, r, all) {
    const strs = all.filter((p) => typeof get(doc, p) === "string");
    const at = pick(r, strs);
    if (at === undefined) return undefined;
    const value = pick(r, ["", HUGE, " ", "\u0000", "{", "}", "${x}", "*/", "\\", "%", "\ud800", "a".repeat(5000)]);
    return { doc: set(doc, at, value), note: `string ${at} = ${short(value)}` };
  },
};

/** Edits that keep the shape but break what the spec means: names, templates, types, discriminators, security. */
const SEMANTIC: Record<string, Step> = {
  schemaType(doc, r, all) {
    const at = pick(r, all.filter((p) => p.endsWith("/type")));
    if (at === undefined) return undefined;
    const value = pick(r, ["strnig", "null", ["string", "null"], ["integer", "string", "object"], [], "file", 5, "any", "Object"] as Json[]);
    return { doc: set(doc, at, structuredClone(value)), note: `type ${at} = ${short(value)}` };
  },
  parameter(doc, r, all) {
    const params = all.filter((p) => /\/parameters\/\d+$/.test(p) && isObj(get(doc, p)));
    const at = pick(r, params);
    if (at === undefined) return undefined;
    const [field, value] = pick(r, [
      ["in", "body"], ["in", "querystring"], ["in", "formData"], ["in", "nowhere"], ["in", "path"], ["style", "tsv"],
      ["style", "deepObject"], ["explode", "yes"], ["name", ""], ["name", "Content-Type"], ["name", "a b/{c}"], ["required", false],
      ["content", { "application/json": {}, "text/plain": {} }], ["allowReserved", 1],
    ] as Array<[string, Json]>);
    define(get(doc, at) as { [key: string]: Json }, field, structuredClone(value));
    return { doc, note: `parameter ${at} ${field} = ${short(value)}` };
  },
  pathTemplate(doc, r) {
    const paths = isObj(doc) && isObj(doc.paths) ? doc.paths : undefined;
    if (!paths) return undefined;
    const from = pick(r, Object.keys(paths));
    if (from === undefined) return undefined;
    const to = pick(r, [`${from}/{`, `${from}/{}`, `${from}/{id}/{id}`, from.replace(/\{[^}]*\}/g, "{X}"), `${from}?q=1`, `${from}#f`, "", "/", `${from}/{a}{b}`, from.replace(/^\//, "")]);
    if (Object.prototype.hasOwnProperty.call(paths, to)) return undefined;
    rename(paths, from, to);
    return { doc, note: `path ${JSON.stringify(from)} renamed ${JSON.stringify(to)}` };
  },
  operationId(doc, r, all) {
    const ids = all.filter((p) => p.endsWith("/operationId"));
    if (ids.length < 1) return undefined;
    const at = pick(r, ids);
    const value = pick(r, [get(doc, pick(r, ids))!, "", "constructor", "__proto__", "1abc", "a-b c", "default", "delete"] as Json[]);
    return { doc: set(doc, at, value), note: `operationId ${at} = ${short(value)}` };
  },
  discriminator(doc, r) {
    const schemas = schemaNames(doc);
    if (!schemas.length) return undefined;
    const s = pick(r, schemas);
    const value = pick(r, [
      { propertyName: "kind", mapping: { a: "#/components/schemas/Missing" } },
      { propertyName: "" },
      { propertyName: 5 },
      { mapping: { a: "Nope" } },
      { propertyName: "kind", mapping: { a: 1 } },
    ] as Json[]);
    const node = get(doc, s);
    if (!isObj(node)) return undefined;
    if (r() < 0.5) define(node, "oneOf", [{ $ref: `#${s}` }, { type: "object" }]);
    define(node, "discriminator", structuredClone(value));
    return { doc, note: `discriminator ${short(value)} at ${s}` };
  },
  required(doc, r, all) {
    const objects = all.filter((p) => isObj(get(doc, p)) && isObj((get(doc, p) as { [key: string]: Json }).properties));
    const at = pick(r, objects);
    if (at === undefined) return undefined;
    const value = pick(r, [["missingProperty"], [], "id", [1], ["a", "a"], true] as Json[]);
    define(get(doc, at) as { [key: string]: Json }, "required", structuredClone(value));
    return { doc, note: `required ${short(value)} at ${at}` };
  },
  enumValues(doc, r, all) {
    const at = pick(r, all.filter((p) => { const v = get(doc, p); return isObj(v) && (typeof v.type === "string" || Array.isArray(v.enum)); }));
    if (at === undefined) return undefined;
    const value = pick(r, [[], [null], [1, "1", true, null, {}, []], "a", [["x"]], [{ a: 1 }], ["__proto__", "constructor"], [1e308, -0, 0.1]] as Json[]);
    define(get(doc, at) as { [key: string]: Json }, "enum", structuredClone(value));
    return { doc, note: `enum ${short(value)} at ${at}` };
  },
  numbers(doc, r, all) {
    const at = pick(r, all.filter((p) => { const v = get(doc, p); return isObj(v) && typeof v.type === "string"; }));
    if (at === undefined) return undefined;
    const [k, v] = pick(r, [["minimum", 10], ["maximum", -10], ["minLength", 5], ["maxLength", 2], ["multipleOf", 0], ["multipleOf", -1], ["multipleOf", 1e-300], ["minItems", -1], ["pattern", "(a+)+$"], ["pattern", "["], ["format", "date-time"], ["format", 5], ["const", { a: [1] }], ["default", JSON.parse("{\"__proto__\": 1}") as Json], ["exclusiveMinimum", true]] as Array<[string, Json]>);
    define(get(doc, at) as { [key: string]: Json }, k, structuredClone(v));
    return { doc, note: `${k} ${short(v)} at ${at}` };
  },
  security(doc, r, all) {
    const at = pick(r, ["", ...all.filter((p) => /\/(get|put|post|delete|patch)$/.test(p))]);
    const value = pick(r, [[{ missingScheme: [] }], [{}], [{ a: "scope" }], {}, [[]], [{ bearer: [1] }]] as Json[]);
    return { doc: set(doc, `${at}/security`, structuredClone(value)), note: `security ${short(value)} at ${at || "(root)"}` };
  },
  statusCode(doc, r, all) {
    const responses = all.filter((p) => /\/responses$/.test(p) && isObj(get(doc, p)));
    const at = pick(r, responses);
    if (at === undefined) return undefined;
    const map = get(doc, at) as { [key: string]: Json };
    const from = pick(r, Object.keys(map));
    const to = pick(r, ["999", "2XX", "2xx", "20", "default ", "200.0", "1XX", "x-200", "204"]);
    if (from === undefined || Object.prototype.hasOwnProperty.call(map, to)) return undefined;
    rename(map, from, to);
    return { doc, note: `response ${at}/${from} renamed ${JSON.stringify(to)}` };
  },
  servers(doc, r) {
    const value = pick(r, [[{ url: "{scheme}://x" }], [{ url: "https://x/{v}", variables: { v: { default: 1 } } }], [{ url: "" }], [{ url: 5 }], "https://x", [{ url: "https://x/{v}", variables: { v: { enum: [] } } }]] as Json[]);
    return { doc: set(doc, "/servers", structuredClone(value)), note: `servers = ${short(value)}` };
  },
  contentType(doc, r, all) {
    const at = pick(r, all.filter((p) => /\/content\/[^/]+$/.test(p)));
    if (at === undefined) return undefined;
    const { parent, key } = parentOf(at);
    const to = pick(r, ["", "*/*", "application/", "text/plain; charset=", "multipart/form-data", "application/x-www-form-urlencoded", "application/octet-stream", "text/event-stream", "a/b/c", "APPLICATION/JSON"]);
    const map = get(doc, parent) as { [key: string]: Json };
    if (Object.prototype.hasOwnProperty.call(map, to)) return undefined;
    rename(map, key, to);
    return { doc, note: `media type ${at} renamed ${JSON.stringify(to)}` };
  },
};

Object.assign(STEPS, SEMANTIC);

export const MUTATIONS = Object.keys(STEPS);

/**
 * Applies 1 to `maxSteps` mutations chosen by `seed` to a copy of `document`. Always returns a mutant
 * (a step that finds nothing to change is skipped).
 */
export function mutate(document: unknown, seed: number, maxSteps = 3): Mutant {
  const r = rng(seed);
  let doc = structuredClone(document) as Json;
  const steps: string[] = [];
  const count = 1 + Math.floor(r() * maxSteps);
  for (let tries = 0; steps.length < count && tries < count * 4; tries++) {
    const kind = pick(r, MUTATIONS);
    const out = STEPS[kind]!(doc, r, pointers(doc));
    if (!out) continue;
    doc = out.doc;
    steps.push(out.note);
  }
  return { document: doc, steps };
}
