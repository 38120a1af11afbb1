/**
 * What the validators compile: every component schema, and per operation its parameters (one object
 * schema per location), its request body (one per distinct schema of its media types) and each response, as JSON Schema 2020-12 documents ajv can
 * compile together (`$ref`s to `#/components/schemas/X` become `<doc>#/$defs/X`).
 *
 * Only validation keywords go in: descriptions, examples and every `x-` extension are data, not schema
 * (GitHub's `x-github-breaking-changes` patches would otherwise land in the generated code). OpenAPI's
 * readOnly/writeOnly (3.1 §4.8.24) make two more documents when a spec uses them: in the request
 * variant readOnly properties are not required, in the response variant writeOnly ones are not.
 */
import { ANNOTATION_KEYWORDS, isFalseSchema, isObject, type JsonObject } from "../../openapi/kinds.js";
import { own, setOwn } from "../../openapi/own.js";
import { relaxFiles } from "../../openapi/file-parts.js";
import { escapeSegment, pointerFromFragment, refKey, unescapeSegment } from "../../openapi/pointer.js";
import type { ApiIR, MediaIR, OperationIR, ParameterLocation } from "../../ir/types.js";
import { preferredMedia, bodyKind } from "../../ir/media.js";
import { sentByApi } from "../../ir/sent.js";
import { canonical } from "../../openapi/canonical.js";
import { deref, types } from "../../openapi/schema-deref.js";
import { shareRepeatedSubschemas } from "./shared-subschemas.js";
import { compilesUnicode } from "../../normalize/foreign-escapes.js";
import { byDiscriminator } from "./discriminator.js";
import { isMarked, type Mark } from "../../openapi/read-write.js";
import { receivedComponents } from "./received-components.js";
import { inheritances } from "../../openapi/inherited-discriminators.js";
import { dispatchInherited } from "./inherited-dispatch.js";
import { ALL, MEMBERS, memberComponents, refWithSiblings, shapedRef } from "./member-copies.js";

export type Variant = "neutral" | "request" | "response";

// Absolute URIs: a relative id would make refs from inline schemas resolve against their own ids.
export const DOC_IDS: Record<Variant, string> = { neutral: "specforge:api", request: "specforge:api-request", response: "specforge:api-response" };

/** One exported validator: its name stem (a type name) and what it validates. */
export interface ValidatorEntry {
  /** The type it narrows to (exported by the types target), also the stem of `validateX`/`isX`/`assertX`. */
  typeName: string;
  /** Pointer in the spec of the schema, for messages and schema paths. */
  pointer: string;
  /** `$id#fragment` of a component, or an inline schema compiled under its own `$id`. */
  ref?: string;
  schema?: JsonObject | boolean;
  /** For parameter objects: the location (server-side coercion reads strings there). */
  location?: ParameterLocation;
  /**
   * Set when the schema is exactly a component, or the same as an earlier entry's: its validator is that
   * one's, not compiled again (error schema paths then point where that one's schema is).
   */
  aliasOf?: string;
  /** A multipart body whose file parts take any value (a `File`): only their presence is checked. */
  fileParts?: true;
  /** A component validated as received: its writeOnly properties are not required (received-components.ts). */
  received?: true;
  /** For parameter objects: each property's own place in the spec, for schema paths (see `PropertyPlace`). */
  places?: Record<string, PropertyPlace>;
}

/**
 * Where a property of a parameters object sits in the spec: its parameter's schema (an issue inside it is
 * reported at `#/paths/~1pets/get/parameters/3/schema/...`, or `#/components/parameters/Limit/schema/...`)
 * and its parameter's `required`. The object itself is made up: no pointer of the spec names it.
 */
export interface PropertyPlace {
  schema: string;
  required: string;
}

const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
const DATA = new Set(["enum", "const"]);
const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

/** How schemas are shaped for one compiled document. */
export interface Shape {
  docId: string;
  variant: Variant;
  /** Close objects to unknown properties: `unevaluatedProperties: false` (reject) or `additionalProperties: false` (strip). */
  closeObjects?: "reject" | "strip";
  /**
   * Lint only: in the request variant a readOnly property must be absent, in the response variant a
   * writeOnly one (OpenAPI 3.1 §4.8.24: SHOULD NOT be sent). The validators accept them.
   */
  forbidOpposite?: boolean;
  /** Component keys with an open copy for their uses as a composition's member (member-copies.ts). */
  memberCopies?: ReadonlySet<string>;
  /**
   * Where nothing is closed (below a test, in a property two schemas describe together), a `$ref` reads the open
   * copy of a component that has one: closed, it changed the test's answer or refused what the other names.
   */
  openRefs?: boolean;
  /** Every property name a composed schema's members may name, undefined where they leave names open. */
  namesOf?: (schema: JsonObject) => string[] | undefined;
  /** The names a composed schema's members require (memberRequired), known names when it is closed. */
  requiredOf?: (schema: JsonObject) => string[];
  /**
   * Objects are closed somewhere in this document: every schema names what its `required` lists (requiredNames)
   * as properties that take any value, so that `unevaluatedProperties: false` (reject) counts a name a oneOf
   * branch requires where that branch applies, and only there.
   */
  nameRequired?: boolean;
  /**
   * Whether a property is readOnly/writeOnly: its own flag, or a `$ref`'d component's, as the types read it
   * (`vin: { $ref: Vin }` with `Vin: { readOnly: true }` is left out of `CarWritable`); undefined: its own flag only.
   */
  marked?: (property: unknown, mark: Mark) => boolean;
  /** The property names a schema describes: its `properties`, through local `$ref`s and its compositions' members. */
  describes?: (schema: unknown) => string[];
  /** Names another schema applying beside this one describes too: their subschemas here stay open (describedTogether). */
  alongside?: ReadonlySet<string>;
}

const COMPOSITION = new Set(["allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas"]);

/**
 * Subschemas that test the value rather than say what it holds: an object closed inside one changes the
 * answer (`not: { properties: { a: { properties: { b: { const: 1 } } } } }` held for `a: { b: 1, c: 1 }` once
 * `a` was closed, so reject passed what keep refused; a closed `contains` item missed `c` its `items` names,
 * and strip removed it). Nothing is closed below them.
 */
const TESTS = new Set(["not", "if", "contains", "propertyNames"]);

/**
 * A copy of `schema` with only validation keywords, refs pointed into the document, `required` adjusted
 * for the variant, and objects closed when asked. Inside a schema resource with its own `$id` (`scoped`),
 * refs resolve against that `$id`: kept as written. `inComposition`: a direct member of allOf/anyOf/...,
 * which must stay open so its siblings' properties count.
 */
export function validationSchema(schema: unknown, shape: Shape, scoped = false, inComposition = false): unknown {
  if (Array.isArray(schema)) return schema.map((s) => validationSchema(s, shape, scoped, inComposition));
  if (!isObject(schema)) return schema;
  // `false` again: ajv reports it by the keyword that holds it (additionalProperties, with the property's
  // name), and `unknownProperties: strip` (ajv's removeAdditional) removes what only a literal `false` forbids
  if (isFalseSchema(schema)) return false;
  scoped ||= typeof schema.$id === "string";
  const { docId, variant } = shape;
  const out: JsonObject = {};
  // closing: what this schema's own properties and its members describe together stays open in each of them
  // (in an open copy too: a `$ref` there reads the closed component, unless two schemas describe its property)
  const together = (shape.closeObjects || (shape.memberCopies && !shape.openRefs)) && shape.describes ? describedTogether(schema, shape.describes) : undefined;
  const alongside = new Set([...(shape.alongside ?? []), ...(together ?? [])]);
  const inner: Shape = shape.alongside ? { ...shape, alongside: undefined } : shape;
  const members: Shape = alongside.size > 0 ? { ...shape, alongside } : inner;
  const open: Shape = shape.closeObjects || shape.alongside || (shape.memberCopies && !shape.openRefs) ? { ...shape, closeObjects: undefined, alongside: undefined, ...(shape.memberCopies ? { openRefs: true } : {}) } : shape;
  for (const k of Object.keys(schema)) {
    const v = schema[k];
    if (ANNOTATION_KEYWORDS.has(k) || k.startsWith("x-")) continue;
    // a pattern no reading makes ECMA-262 goes unchecked (the check stage warned: check/patterns.ts)
    if (k === "pattern" && typeof v === "string" && !compilesUnicode(v)) continue;
    if (DATA.has(k) || k === "required" || k === "type" || k === "pattern" || k === "format") out[k] = v;
    else if (k === "$ref" && typeof v === "string" && !scoped) out[k] = shapedRef(v, docId, shape.memberCopies, inComposition || shape.openRefs === true || refWithSiblings(schema));
    else if (SCHEMA_MAPS.has(k) && isObject(v)) {
      const map: JsonObject = {};
      const each = (name: string) => (k === "dependentSchemas" ? members : k === "properties" && alongside.has(name) ? open : inner);
      for (const name of Object.keys(v)) setOwn(map, name, validationSchema(v[name], each(name), scoped, k === "dependentSchemas"));
      out[k] = map;
    } else if (TESTS.has(k)) setOwn(out, k, validationSchema(v, open, scoped, true));
    else setOwn(out, k, validationSchema(v, COMPOSITION.has(k) ? members : inner, scoped, COMPOSITION.has(k))); // an unknown keyword may be `__proto__`
  }
  const marked = shape.marked ?? ((prop: unknown, mark: Mark) => isObject(prop) && prop[mark] === true);
  if (shape.forbidOpposite && variant !== "neutral" && isObject(schema.properties) && isObject(out.properties)) {
    const skip = variant === "request" ? "readOnly" : "writeOnly";
    for (const [name, prop] of Object.entries(schema.properties)) if (marked(prop, skip)) setOwn(out.properties as JsonObject, name, false);
  }
  if (variant !== "neutral" && Array.isArray(schema.required) && isObject(schema.properties)) {
    const skip = variant === "request" ? "readOnly" : "writeOnly";
    const props = schema.properties;
    out.required = schema.required.filter((name) => !(typeof name === "string" && marked(own(props, name), skip)));
  }
  const isObjectSchema = isObject(schema.properties) || schema.type === "object";
  if (shape.nameRequired) named(out, requiredNames(out));
  // said outright, so that a composition holding it is open under reject too (unevaluatedProperties sees them all)
  if (shape.nameRequired && isFreeForm(schema)) out.additionalProperties = true;
  if (!scoped) byDiscriminator(schema, out);
  if (shape.closeObjects && !inComposition && !("additionalProperties" in schema) && !("unevaluatedProperties" in schema) && !("patternProperties" in schema)) close(schema, out, shape, isObjectSchema);
  protoAsPattern(out);
  ownBase(out);
  return Array.isArray(out.enum) && out.enum.length === 0 ? matchingNothing(out) : out;
}

/**
 * The property names that two schemas applying to the same object both describe: the schema's own
 * `properties` (and its `$ref`'s target), each `allOf` member, `then`, `else`, each `dependentSchemas` entry,
 * and the `anyOf`/`oneOf` branches (as one: a branch beside another is no conflict). Each closed with its own
 * names, one refused or removed what the other names (`allOf: [{ properties: { o: { properties: { x } } } },
 * { properties: { o: { properties: { y } } } }]`: reject refused `{ o: { x, y } }`, strip made it `{ o: {} }`), so
 * such a property's subschemas stay open in every one of them.
 */
function describedTogether(schema: JsonObject, describes: (schema: unknown) => string[]): Set<string> {
  const groups: string[][] = [isObject(schema.properties) ? Object.keys(schema.properties) : []];
  if (typeof schema.$ref === "string") groups[0]!.push(...describes({ $ref: schema.$ref }));
  if (Array.isArray(schema.allOf)) for (const member of schema.allOf) groups.push(describes(member));
  for (const k of ["then", "else"]) if (schema[k] !== undefined) groups.push(describes(schema[k]));
  if (isObject(schema.dependentSchemas)) for (const member of Object.values(schema.dependentSchemas)) groups.push(describes(member));
  groups.push(["anyOf", "oneOf"].flatMap((k) => (Array.isArray(schema[k]) ? (schema[k] as unknown[]).flatMap(describes) : [])));
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const group of groups) for (const name of new Set(group)) (seen.has(name) ? shared : seen).add(name);
  return shared;
}

/** The names `schema` describes in `properties`, through local `$ref`s and its `allOf`/`anyOf`/`oneOf` members. */
function describedNames(document: JsonObject, schema: unknown, seen = new Set<object>()): string[] {
  const s = deref(document, schema);
  if (!isObject(s) || seen.has(s) || seen.size > 256) return [];
  seen.add(s);
  const out = isObject(s.properties) ? Object.keys(s.properties) : [];
  if (s !== schema && isObject(schema)) out.push(...describedNames(document, { ...schema, $ref: undefined }, seen)); // a 3.1 $ref's siblings
  for (const k of ["allOf", "anyOf", "oneOf"]) if (Array.isArray(s[k])) for (const member of s[k] as unknown[]) out.push(...describedNames(document, member, seen));
  return out;
}

/**
 * Closes an object schema to unknown properties. A composed one (`allOf`/`anyOf`/`oneOf`, whose members stay
 * open) too: `reject` with `unevaluatedProperties: false`, which sees the properties its members evaluated;
 * `strip` (ajv removes only what `additionalProperties` refuses) by naming every property its members name,
 * where they name them all.
 */
function close(schema: JsonObject, out: JsonObject, shape: Shape, isObjectSchema: boolean): void {
  const composed = ["allOf", "anyOf", "oneOf"].some((k) => Array.isArray(schema[k])) || refWithSiblings(schema);
  if (!isObjectSchema && !composed) return;
  // a name `required` writes is known too (`{ type: object, required: [name] }`, a member's `required`): closed,
  // it was refused (reject) or removed from a value then reported valid without it (strip). Each schema names
  // its own (`nameRequired`); strip, which closes by a union of names, takes the members' too
  const required = composed && shape.requiredOf ? [...requiredNames(out), ...shape.requiredOf(schema)] : requiredNames(out);
  // a conditional's `then`/`else` (and the `if` that chooses) and `dependentSchemas` name properties too: strip
  // removed `extra` that `then: { properties: { extra } }` names, which reject takes where `then` applies
  const conditional = ["if", "then", "else"].map((k) => schema[k]).concat(isObject(schema.dependentSchemas) ? Object.values(schema.dependentSchemas) : []);
  const names = composed ? shape.namesOf?.(schema) : [...Object.keys(isObject(schema.properties) ? schema.properties : {}), ...conditional.flatMap((s) => shape.describes?.(s) ?? [])];
  // an object schema naming no property (`{ type: object }`, `required` alone, an allOf of such) is OpenAPI's
  // free-form object, typed Record<string, unknown> by the types target: closed, reject refused and strip
  // emptied all it held
  if (names?.length === 0) return;
  if (shape.closeObjects === "reject") {
    out.unevaluatedProperties = false;
    return;
  }
  if (!names) return;
  named(out, [...names, ...required]);
  out.additionalProperties = false;
}

/**
 * The names `schema` requires somewhere of its own: `required`, `dependentRequired` (its keys and lists), and
 * the `required` of its `then`, `else` and `dependentSchemas` (`if kind is x then required [c]`).
 */
function requiredNames(schema: JsonObject): string[] {
  const listed = (v: unknown): string[] => (Array.isArray(v) ? v.filter((n): n is string => typeof n === "string") : []);
  const out = listed(schema.required);
  if (isObject(schema.dependentRequired)) for (const [name, list] of Object.entries(schema.dependentRequired)) out.push(name, ...listed(list));
  const branches = [schema.then, schema.else, ...(isObject(schema.dependentSchemas) ? Object.values(schema.dependentSchemas) : [])];
  for (const branch of branches) if (isObject(branch)) out.push(...listed(branch.required));
  return [...new Set(out)];
}

/**
 * The names the `allOf`/`anyOf`/`oneOf` members of `schema` require (requiredNames), through local `$ref`s and
 * nested compositions: `allOf: [Base, { required: [name] }]` knows `name` as its own `required` would.
 */
function memberRequired(document: JsonObject, schema: JsonObject): string[] {
  const out = new Set<string>();
  const seen = new Set<object>();
  const walk = (member: unknown): void => {
    const s = deref(document, member);
    if (!isObject(s) || seen.has(s) || seen.size > 256) return;
    seen.add(s);
    if (s !== member && isObject(member)) walk({ ...member, $ref: undefined }); // a 3.1 $ref's siblings
    for (const name of requiredNames(s)) out.add(name);
    for (const k of ["allOf", "anyOf", "oneOf"]) if (Array.isArray(s[k])) for (const m of s[k] as unknown[]) walk(m);
  };
  for (const k of ["allOf", "anyOf", "oneOf"]) if (Array.isArray(schema[k])) for (const m of schema[k] as unknown[]) walk(m);
  return [...out];
}

/** `out` with each of `names` it does not name yet as a property that takes any value. */
function named(out: JsonObject, names: string[]): void {
  const properties: JsonObject = isObject(out.properties) ? { ...out.properties } : {};
  for (const name of names) if (!Object.prototype.hasOwnProperty.call(properties, name)) setOwn(properties, name, true);
  if (names.length > 0 || isObject(out.properties)) out.properties = properties;
}

/**
 * The property names a schema and its `allOf`/`anyOf`/`oneOf` members (through `$ref`s, and a 3.1 `$ref`'s
 * siblings) name; undefined where one leaves names open: `additionalProperties`/`unevaluatedProperties`
 * other than false, `patternProperties`, a conditional, a `$ref` out of the document, an `anyOf`/`oneOf`
 * member that may be any object (`true`, `{}`, `{ type: object }`). Remembered per schema object (`memo`:
 * a spec's allOf graph may fan out), each name once.
 */
export function composedNames(document: JsonObject, schema: unknown, memo = new Map<object, string[] | undefined>(), depth = 0): string[] | undefined {
  if (schema === false) return [];
  if (!isObject(schema) || depth > 32) return undefined;
  if (memo.has(schema)) return memo.get(schema);
  memo.set(schema, undefined); // a loop back here leaves names open
  const names = new Set<string>();
  const result = collectNames(document, schema, names, memo, depth) ? [...names] : undefined;
  memo.set(schema, result);
  return result;
}

function collectNames(document: JsonObject, s: JsonObject, names: Set<string>, memo: Map<object, string[] | undefined>, depth: number): boolean {
  const open = (v: unknown) => v !== undefined && v !== false;
  if (isFreeForm(s)) return false; // an allOf member too: the types target types the composition open
  if (open(s.additionalProperties) || open(s.unevaluatedProperties) || s.patternProperties !== undefined || s.$dynamicRef !== undefined) return false;
  if (["if", "then", "else", "dependentSchemas", "not"].some((k) => s[k] !== undefined)) return false;
  if (typeof s.$ref === "string") {
    if (!s.$ref.startsWith("#")) return false;
    const target = composedNames(document, deref(document, { $ref: s.$ref }), memo, depth + 1);
    if (!target) return false;
    for (const n of target) names.add(n);
  }
  if (isObject(s.properties)) for (const n of Object.keys(s.properties)) names.add(n);
  for (const k of ["allOf", "anyOf", "oneOf"]) {
    if (!Array.isArray(s[k])) continue;
    for (const member of s[k] as unknown[]) {
      const more = composedNames(document, member, memo, depth + 1);
      if (!more) return false;
      // a branch any object passes with whatever properties it has
      if (k !== "allOf" && more.length === 0 && mayBeObject(document, member)) return false;
      for (const n of more) names.add(n);
    }
  }
  return true;
}

/**
 * OpenAPI's free-form object: `type: object` naming no property (`required` alone names none) and leaving
 * property names to no other keyword, as `{ type: object }` or `{ type: object, required: [id] }`.
 */
function isFreeForm(s: JsonObject): boolean {
  const named = isObject(s.properties) && Object.keys(s.properties).length > 0;
  return types(s).includes("object") && !named && !FREE_FORM_ENDS.some((k) => k in s);
}

const FREE_FORM_ENDS = ["additionalProperties", "unevaluatedProperties", "patternProperties", "propertyNames", "$ref", "$dynamicRef", "allOf", "anyOf", "oneOf", "not", "if", "dependentSchemas"];

/** Whether a schema admits objects and closes none of their properties (`{}`, `{ type: object }`, a description). */
function mayBeObject(document: JsonObject, schema: unknown): boolean {
  const s = deref(document, schema);
  if (s === true) return true;
  if (!isObject(s)) return false;
  const t = types(s);
  return (t.length === 0 || t.includes("object")) && s.additionalProperties !== false && s.unevaluatedProperties !== false && s.const === undefined && s.enum === undefined;
}

const TARGETS_INSIDE = ["$id", "$anchor", "$dynamicAnchor", "$defs", "definitions"];

/**
 * `enum: []` matches no value (JSON Schema 2020-12 §6.1.2: the array SHOULD have an element, not MUST),
 * but ajv refuses to compile it. Such a schema rejects everything whatever its other keywords say, so it
 * becomes `false`; when a `$ref` may point inside it (an identifier or definitions), `false` joins its allOf.
 */
function matchingNothing(out: JsonObject): JsonObject | false {
  if (!TARGETS_INSIDE.some((k) => k in out)) return false;
  const { enum: _empty, ...rest } = out;
  return { ...rest, allOf: [...(Array.isArray(out.allOf) ? out.allOf : []), false] };
}

/**
 * ajv 8 resolves a pointer into an embedded resource (`other.json#/$defs/x`, where `other.json` is the
 * `$id` of a subschema) by finding that subschema and, when `$ref` is the only keyword it knows there,
 * following that `$ref` first and applying the pointer to its target instead. When the `$ref` leads back
 * inside the resource (JSON-Schema-Test-Suite ref.json, "refs with relative uris and defs"), it recursed
 * until the stack overflowed; otherwise it resolved to the wrong schema. A `$comment` (a keyword to ajv
 * that emits no code) keeps such a resource its own base. Error schema paths are unchanged.
 */
function ownBase(out: JsonObject): void {
  if (typeof out.$id === "string" && typeof out.$ref === "string" && !("$comment" in out)) out.$comment = "specforge: this resource is its own base";
}

/**
 * ajv skips a `properties` entry named `__proto__` (ajv 8 `allSchemaProperties`), so `{"__proto__": "x"}`
 * passed `properties: {__proto__: {type: number}}`. The entry becomes the pattern `PROTO_PATTERN`, which
 * means the same: its schema applies to that property, and the property is not an additional one. Written
 * unlike the `^__proto__$` a spec may have beside it (both apply), so its schema paths map back to
 * `properties/__proto__` (compile.ts).
 */
export const PROTO_PATTERN = "^(?:__proto__)$";

function protoAsPattern(out: JsonObject): void {
  const properties = out.properties;
  if (!isObject(properties) || !Object.prototype.hasOwnProperty.call(properties, "__proto__")) return;
  const rest: JsonObject = {};
  for (const name of Object.keys(properties)) if (name !== "__proto__") setOwn(rest, name, properties[name]);
  out.properties = rest;
  out.patternProperties = { ...(isObject(out.patternProperties) ? out.patternProperties : {}), [PROTO_PATTERN]: own(properties, "__proto__") };
}

function usesKeyword(value: unknown, keyword: string): boolean {
  if (Array.isArray(value)) return value.some((v) => usesKeyword(v, keyword));
  if (!isObject(value)) return false;
  if (value[keyword] === true) return true;
  return Object.keys(value).some((k) => !k.startsWith("x-") && k !== "examples" && k !== "example" && k !== "default" && usesKeyword(value[k], keyword));
}

const ownId = (schema: unknown) => (isObject(schema) && typeof schema.$id === "string" && ABSOLUTE.test(schema.$id) ? schema.$id : undefined);

export interface SchemaSet {
  /** Documents to add to ajv (components as `$defs`, per variant in use). */
  documents: JsonObject[];
  /** `$id` -> spec pointer of each component added as a document of its own (it has an absolute `$id`). */
  resourcePointers: Record<string, string>;
  /** The JSON Schema documents beside a spec fetched by URL that its resources reach, by URL, shaped as its own schemas. */
  remoteDocuments: Record<string, unknown>;
  entries: ValidatorEntry[];
}

export interface SchemaSetOptions {
  unknownProperties?: "keep" | "reject" | "strip";
  /** See `Shape.forbidOpposite` (lint). */
  forbidOpposite?: boolean;
  /**
   * What a component validator checks: `received` (the default), a component holding a writeOnly property
   * as received, as the types target types it with `readWrite: split` (received-components.ts); `written`:
   * every component as written (`readWrite: off`).
   */
  components?: "received" | "written";
}

/**
 * The documents ajv compiles (components as `$defs`, one per variant the spec needs) and the shape of a
 * schema for each variant; shared by the validators target and `specforge lint` (examples, defaults).
 */
export function schemaDocuments(document: JsonObject, options: SchemaSetOptions = {}): { documents: JsonObject[]; shapeFor: (v: Variant) => Shape } {
  const components = isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : {};
  const variants: Variant[] = ["neutral"];
  // Anywhere a message's schema may sit: paths, webhooks, and components' request bodies, responses,
  // parameters and path items as well as their schemas (a webhook's inline writeOnly property is not required).
  if (usesKeyword(document, "readOnly")) variants.push("request");
  if (usesKeyword(document, "writeOnly")) variants.push("response");
  const closeObjects = options.unknownProperties === "keep" ? undefined : options.unknownProperties;
  // components used as a composition's member: open there, closed everywhere else (member-copies.ts)
  const composed = closeObjects ? memberComponents(document, ownId, (schema) => describedTogether(schema, (s) => describedNames(document, s))) : undefined;
  // A component that is a schema resource of its own (absolute `$id`) is added to ajv as its own document,
  // with a `$ref` to it in the components: ajv loops on `$ref` chains inside an embedded resource.
  const resources = Object.keys(components).filter((key) => ownId(components[key]));
  // a hierarchy with a schema resource of its own in it stays as written (its `$defs` entry is a ref to it)
  const hierarchies = inheritances(document).filter((h) => ![h.base, ...h.members.keys(), ...h.others.keys()].some((k) => resources.includes(k)));
  // a hierarchy's open copies dispatch by the tag as its closed ones do: every schema in it has one
  const memberCopies = composed && new Set([...composed.keys(), ...hierarchies.flatMap((h) => [h.base, ...h.members.keys()])].filter((key) => !ownId(components[key])));
  const names = new Map<object, string[] | undefined>();
  const namesOf = closeObjects ? (schema: JsonObject) => composedNames(document, schema, names) : undefined;
  const requiredOf = (schema: JsonObject) => memberRequired(document, schema);
  const marked = (property: unknown, mark: Mark) => isMarked(property, mark, components);
  const shapeFor = (v: Variant): Shape => ({ docId: DOC_IDS[variants.includes(v) ? v : "neutral"], variant: variants.includes(v) ? v : "neutral", closeObjects, memberCopies, namesOf, requiredOf, nameRequired: closeObjects !== undefined, forbidOpposite: options.forbidOpposite, marked, describes: (schema: unknown) => describedNames(document, schema) });

  // The document's own root `$defs` (3.1 allows them) sit beside the components as `rootDefs`.
  const rootDefs = isObject(document.$defs) ? document.$defs : {};
  // a schema resource has one copy (its `$id` is its own): open everywhere when it is a member somewhere
  const open = (shape: Shape): Shape => ({ ...shape, closeObjects: undefined });
  const documents: JsonObject[] = resources.map((key) => validationSchema(components[key], composed?.has(key) ? open(shapeFor("neutral")) : shapeFor("neutral")) as JsonObject);
  documents.push(...variants.map((variant) => {
    const $defs: JsonObject = {};
    for (const key of Object.keys(components)) {
      const id = ownId(components[key]);
      setOwn($defs, key, id ? { $ref: id } : validationSchema(components[key], shapeFor(variant)));
    }
    const defs: JsonObject = {};
    for (const key of Object.keys(rootDefs)) setOwn(defs, key, validationSchema(rootDefs[key], shapeFor(variant)));
    const doc: JsonObject = { $id: DOC_IDS[variant], $defs, rootDefs: defs };
    // each open copy as a member (at its top) is written: a bare `$ref` in it names the target's open copy
    const copies: JsonObject = {};
    // open at its top, and in what a schema beside one of its member uses describes too (all of it below a test)
    const copyShape = (key: string): Shape => {
      const beside = composed?.get(key);
      return beside === ALL ? { ...open(shapeFor(variant)), openRefs: true } : { ...open(shapeFor(variant)), ...(beside?.size ? { alongside: beside } : {}) };
    };
    for (const key of Object.keys(components)) if (memberCopies?.has(key)) setOwn(copies, key, validationSchema(components[key], copyShape(key), false, true));
    if (Object.keys(copies).length > 0) doc[MEMBERS] = copies;
    dispatchInherited(doc, hierarchies);
    return doc;
  }));
  return { documents, shapeFor };
}

export function buildSchemaSet(ir: ApiIR, options: SchemaSetOptions = {}): SchemaSet {
  const { documents: shaped, shapeFor } = schemaDocuments(ir.document, options);
  const responseDoc = shapeFor("response").docId;
  const received = options.components === "written" || responseDoc === DOC_IDS.neutral ? new Set<string>() : receivedComponents(ir.document);
  // Each component's document: the response variant's for one validated as received.
  const docOf = (key: string) => (received.has(key) ? responseDoc : DOC_IDS.neutral);
  const entries: ValidatorEntry[] = ir.schemas.map((s) => {
    const id = ownId(s.schema);
    return {
      typeName: s.typeName,
      pointer: s.pointer,
      // the key as a pointer segment (`A/B` as `A~1B`), as schemaDocuments rewrites the spec's own refs to it
      ref: id ?? `${docOf(s.key)}#/$defs/${encodeURIComponent(escapeSegment(s.key))}`,
      ...(id === undefined && received.has(s.key) ? { received: true as const } : {}),
    };
  });
  const componentType = new Map(ir.schemas.map((s) => [s.key, s.typeName]));
  // Operations that write the very same schema (GitHub: `owner` + `repo` parameters, hundreds of times)
  // share the first one's validator instead of compiling a copy each.
  const firstWith = new Map<string, string>();
  const cache = new WeakMap<object, string>();
  for (const op of [...ir.operations, ...ir.webhooks]) {
    for (const entry of operationEntries(ir.document, op, shapeFor)) {
      const key = bareComponentRef(entry.schema, docOf);
      if (key !== undefined && componentType.has(key)) {
        entries.push({ ...entry, schema: undefined, aliasOf: componentType.get(key) });
        continue;
      }
      // Parameters are compiled apart (coerced): they share only with parameters.
      const text = `${entry.location ? "params" : "body"}:${canonical(entry.schema, cache)}`;
      const same = firstWith.get(text);
      if (same === undefined) firstWith.set(text, entry.typeName);
      entries.push(same === undefined ? entry : { ...entry, schema: undefined, aliasOf: same });
    }
  }
  const resourcePointers: Record<string, string> = {};
  for (const s of ir.schemas) {
    const id = ownId(s.schema);
    if (id !== undefined) setOwn(resourcePointers, id, s.pointer);
  }
  const remoteDocuments: Record<string, unknown> = {};
  for (const [url, doc] of Object.entries(ir.remoteSchemas)) setOwn(remoteDocuments, url, validationSchema(doc, shapeFor("neutral"), true));
  const referrers = [...entries.map((e) => e.schema), ...Object.values(remoteDocuments)];
  return { documents: shareRepeatedSubschemas(shaped, { within: Object.values(DOC_IDS), referrers }), entries, resourcePointers, remoteDocuments };
}

/** Each request body validator's name and the first media type it validates: the preferred one's, then those of other schemas. */
function requestBodies(op: OperationIR): Map<string, MediaIR> {
  const out = new Map<string, MediaIR>();
  const content = op.requestBody?.content ?? [];
  const preferred = preferredMedia(content);
  if (op.names.request && preferred) out.set(op.names.request, preferred);
  const names = op.names.requestBodies ?? {};
  for (const m of content) {
    const name = own(names, m.mediaType);
    if (name !== undefined && !out.has(name)) out.set(name, m);
  }
  return out;
}

function operationEntries(document: JsonObject, op: OperationIR, shapeFor: (v: Variant) => Shape): ValidatorEntry[] {
  const out: ValidatorEntry[] = [];
  // A webhook's request is sent by the API (as a response is: writeOnly properties absent). Its reply is
  // validated as a response too: typed as written, a split component as received (read-write-split.ts),
  // it need not have a writeOnly property (the neutral shape required one its type leaves out).
  const sent: Variant = sentByApi(op) ? "response" : "request";
  const names = op.names;
  const reused = new Set(names.schemaAliases);
  const locations: Array<[ParameterLocation, string | undefined]> = [
    ["path", names.pathParams], ["query", names.queryParams], ["header", names.headerParams], ["cookie", names.cookieParams],
  ];
  for (const [location, typeName] of locations) {
    if (!typeName) continue;
    const params = op.parameters[location];
    const properties: JsonObject = {};
    const places: Record<string, PropertyPlace> = {};
    for (const p of params) {
      setOwn(properties, p.name, p.schema === undefined ? {} : validationSchema(p.schema, shapeFor(sent)));
      const schema = p.contentType === undefined ? `${p.pointer}/schema` : `${p.pointer}/content/${escapeSegment(p.contentType)}/schema`;
      setOwn(places, p.name, { schema, required: `${p.pointer}/required` });
    }
    out.push({
      typeName,
      pointer: `${op.pointer}/parameters`,
      location,
      schema: { type: "object", properties, required: params.filter((p) => p.required).map((p) => p.name) },
      places,
    });
  }
  // the query string as one value: validated as its media type's value (a form's fields already read by type), not coerced
  const qs = op.querystring;
  if (names.querystring && qs && qs.schema !== undefined && !reused.has(names.querystring)) {
    out.push({ typeName: names.querystring, pointer: `${qs.pointer}/content/${escapeSegment(qs.contentType)}/schema`, schema: validationSchema(qs.schema, shapeFor(sent)) as JsonObject });
  }
  for (const [typeName, body] of requestBodies(op)) {
    if (reused.has(typeName) || body.schema === undefined) continue;
    // A multipart body's file parts are checked for presence only (openapi/file-parts.ts; the server checks size and type).
    const schema = bodyKind(body) === "multipart" ? relaxFiles(document, body.schema).schema : body.schema;
    const relaxed = schema !== body.schema;
    const pointer = relaxed ? inlinedAt(document, body.schema, `${body.pointer}/schema`) : `${body.pointer}/schema`;
    out.push({ typeName, pointer, schema: validationSchema(schema, shapeFor(sent)) as JsonObject, ...(relaxed ? { fileParts: true } : {}) });
  }
  for (const r of op.responses) {
    const typeName = names.byStatus[r.status];
    const media = preferredMedia(r.content);
    if (!typeName || reused.has(typeName) || media?.schema === undefined) continue;
    out.push({ typeName, pointer: `${media.pointer}/schema`, schema: validationSchema(media.schema, shapeFor("response")) as JsonObject });
  }
  // a response's other JSON media types of other schemas (names/response-bodies.ts), each name once
  const named = new Set<string>();
  for (const r of op.responses) {
    const others = own(names.responseBodies, r.status) ?? {};
    for (const m of r.content) {
      const typeName = own(others, m.mediaType);
      if (!typeName || named.has(typeName) || reused.has(typeName) || m.schema === undefined) continue;
      named.add(typeName);
      out.push({ typeName, pointer: `${m.pointer}/schema`, schema: validationSchema(m.schema, shapeFor("response")) as JsonObject });
    }
  }
  return out;
}

/**
 * Where the schema at `pointer` is written when it is only a local `$ref` (through a chain of them): the relaxed
 * copy of a multipart body (file-parts.ts) inlines its target, whose schema paths are the target's own.
 */
function inlinedAt(document: JsonObject, schema: unknown, pointer: string): string {
  const seen = new Set<string>();
  let at = pointer;
  while (isObject(schema) && Object.keys(schema).length === 1 && typeof schema.$ref === "string" && schema.$ref.startsWith("#/") && !seen.has(schema.$ref)) {
    seen.add(schema.$ref);
    const target = pointerFromFragment(schema.$ref.slice(1));
    if (target === undefined) return at;
    at = target;
    schema = deref(document, schema);
  }
  return at;
}

/**
 * The component key when `schema` is exactly `{ $ref: <doc>#/$defs/<key> }` into the document the
 * component's own validator is compiled from (`docOf`). Refs into another variant are not aliases: those
 * validators differ from the component's (readOnly/writeOnly).
 */
function bareComponentRef(schema: unknown, docOf: (key: string) => string): string | undefined {
  if (!isObject(schema) || Object.keys(schema).length !== 1 || typeof schema.$ref !== "string") return undefined;
  const doc = /^(specforge:api(?:-request|-response)?)#/.exec(schema.$ref)?.[1];
  const key = refKey(schema.$ref, /^specforge:api(?:-request|-response)?#\/\$defs\/([^/]+)$/);
  return key !== undefined && docOf(key) === doc ? key : undefined;
}

/**
 * The spec pointer of a `$ref` target in the compiled documents (`specforge:api#/$defs/X` -> `/components/schemas/X`;
 * a shared subschema is keyed by the pointer of its first copy, see shared-subschemas.ts).
 */
export function specPointerOf(uri: string): string | undefined {
  const m = /^specforge:api(?:-request|-response)?#(.*)$/.exec(uri);
  if (!m) return undefined;
  let fragment: string;
  try {
    fragment = decodeURIComponent(m[1]!);
  } catch {
    return undefined;
  }
  if (fragment.startsWith("/$defs/")) return `/components/schemas/${fragment.slice("/$defs/".length)}`;
  if (fragment.startsWith(`/${MEMBERS}/`)) return `/components/schemas/${fragment.slice(MEMBERS.length + 2)}`;
  if (fragment.startsWith("/rootDefs/")) return `/$defs/${fragment.slice("/rootDefs/".length)}`;
  // keyed by its first copy's spec pointer, or `/members/X/...` when that is in an open copy (shared-subschemas.ts)
  if (fragment.startsWith("/shared/")) {
    const pointer = unescapeSegment(fragment.slice("/shared/".length));
    return pointer.startsWith(`/${MEMBERS}/`) ? `/components/schemas/${pointer.slice(MEMBERS.length + 2)}` : pointer;
  }
  // a component's own schema under an inherited discriminator, and the schema choosing by its tag (at the base's),
  // of the closed copy and of the open one (inherited-dispatch.ts)
  const dispatch = /^\/(inherited|discriminated)(?:Members)?\/(.*)$/.exec(fragment);
  if (dispatch?.[1] === "inherited") return `/components/schemas/${dispatch[2]}`;
  if (dispatch?.[1] === "discriminated") return `/components/schemas/${dispatch[2]!.split("/")[0]}`;
  return undefined;
}
