/**
 * Every example in the five specs validates against its schema (JSON Schema 2020-12, as OpenAPI 3.1
 * uses), and no example passes vacuously: some mutation of it must be rejected.
 *
 * Covered: `examples` maps (and a singular `example`) of media types and parameters, and `examples`
 * arrays (and a singular `example`) of schemas.
 */
import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { apiNames, deref, getPointer, isObject, loadSpec, pointerOf, type Json } from "./spec-utils.js";

// ajv and ajv-formats are CommonJS modules that also export themselves as `default`. Under NodeNext
// typing the default import is the module object, so take `.default` (present at run time as well).
const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;
const addFormats = addFormatsModule.default ?? addFormatsModule;
type Ajv = InstanceType<typeof Ajv2020>;

interface ExampleCase {
  /** Where the example sits in the spec (JSON pointer). */
  at: string;
  /** Pointer of the schema it must satisfy. */
  schemaPointer: string;
  value: Json;
}

/** Collects every example of the spec with the pointer of its schema. */
function collectExamples(spec: Json): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const fromMap = (owner: Json, path: Array<string | number>, schemaPointer: string) => {
    if (isObject(owner.examples)) {
      for (const [name, raw] of Object.entries(owner.examples)) {
        const example = deref(spec, raw);
        if (isObject(example) && "value" in example) {
          cases.push({ at: pointerOf([...path, "examples", name]), schemaPointer, value: example.value });
        }
      }
    }
    if ("example" in owner) cases.push({ at: pointerOf([...path, "example"]), schemaPointer, value: owner.example });
  };

  const walk = (node: Json, path: Array<string | number>): void => {
    if (Array.isArray(node)) {
      node.forEach((v, i) => walk(v, [...path, i]));
      return;
    }
    if (!isObject(node)) return;
    const parentKey = path[path.length - 2];
    const isMediaType = parentKey === "content" && isObject(node.schema);
    const isParameter = typeof node.in === "string" && typeof node.name === "string" && isObject(node.schema);
    if (isMediaType || isParameter) {
      fromMap(node, path, pointerOf([...path, "schema"]));
    } else if (Array.isArray(node.examples)) {
      // Only schema objects carry an `examples` *array* in OpenAPI 3.1.
      node.examples.forEach((value: Json, i: number) =>
        cases.push({ at: pointerOf([...path, "examples", i]), schemaPointer: pointerOf(path), value }),
      );
      if ("example" in node) cases.push({ at: pointerOf([...path, "example"]), schemaPointer: pointerOf(path), value: node.example });
    } else if ("example" in node && ("type" in node || "$ref" in node || "properties" in node)) {
      cases.push({ at: pointerOf([...path, "example"]), schemaPointer: pointerOf(path), value: node.example });
    }
    for (const [k, v] of Object.entries(node)) {
      // Example values, enums and defaults are data, not spec structure.
      if (k === "examples" || k === "example" || k === "enum" || k === "const" || k === "default") continue;
      walk(v, [...path, k]);
    }
  };
  walk(spec, []);
  return cases;
}

/** Every key starting with `x-` anywhere in the spec's structure. */
function vendorExtensions(node: Json, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((v) => vendorExtensions(v, out));
  else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith("x-")) out.add(k);
      if (k !== "examples" && k !== "example") vendorExtensions(v, out);
    }
  }
  return out;
}

const componentSchemaRef = /^#\/components\/schemas\/(.+)$/;

/**
 * Copy of a schema whose `#/components/schemas/X` refs point at `spec.json#/$defs/X`, the document
 * that holds the spec's component schemas in the validator (see buildAjv).
 */
function rewriteRefs(node: Json): Json {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!isObject(node)) return node;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "$ref" && typeof v === "string") {
      const m = componentSchemaRef.exec(v);
      if (!m) throw new Error(`unexpected $ref ${v}: only component schemas are referenced from schemas`);
      out[k] = `spec.json#/$defs/${m[1]}`;
    } else {
      // Example values and defaults hold no refs; copying them unchanged is harmless.
      out[k] = rewriteRefs(v);
    }
  }
  return out;
}

function buildAjv(spec: Json): Ajv {
  // Strict mode stays on, so a typo in a keyword or an unknown format fails the test. Two allowances:
  // - `allowUnionTypes`: OpenAPI 3.1 schemas legitimately use type arrays such as [string, object]
  //   (lumyri's ErrorResponse.error), which strict mode otherwise rejects;
  // - the keywords OpenAPI adds to JSON Schema (its 3.1 base dialect: discriminator, xml, externalDocs,
  //   example) and the spec's `x-` extensions are registered as annotations without validation.
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  for (const keyword of ["discriminator", "xml", "externalDocs", "example", ...vendorExtensions(spec)]) {
    ajv.addKeyword({ keyword });
  }
  // The spec's component schemas under one $id, so `$ref`s between them resolve. They are moved to
  // `$defs` (refs rewritten accordingly) rather than adding the whole OpenAPI document, because ajv
  // compiles the root of a referenced document and strict mode rejects `openapi`, `paths`, ... there.
  ajv.addSchema({ $id: "spec.json", $defs: rewriteRefs(spec.components?.schemas ?? {}) });
  return ajv;
}

/** Validator for the schema at `schemaPointer` in the spec. */
function validatorFor(ajv: Ajv, spec: Json, schemaPointer: string) {
  const m = /^\/components\/schemas\/(.+)$/.exec(schemaPointer);
  if (m) return ajv.compile({ $ref: `spec.json#/$defs/${encodeFragment(m[1]!)}` });
  const schema = getPointer(spec, schemaPointer);
  if (!isObject(schema)) throw new Error(`no schema at ${schemaPointer}`);
  return ajv.compile(rewriteRefs(schema));
}

function encodeFragment(pointer: string): string {
  return pointer
    .split("/")
    .map((s) => encodeURIComponent(s))
    .join("/");
}

/** A value of another JSON type than `value`. */
function otherType(value: Json): Json {
  if (typeof value === "string") return 12345;
  if (typeof value === "number") return "12345";
  if (typeof value === "boolean") return String(value);
  if (value === null) return 0;
  return 42; // object or array
}

interface Mutation {
  label: string;
  value: Json;
}

/** Mutations of `value`: the whole value's type changed, and at every nested position a property deleted or a value's type changed. */
function mutations(value: Json): Mutation[] {
  const out: Mutation[] = [{ label: "root: type changed", value: otherType(value) }];
  const nested = (node: Json, replace: (v: Json | undefined) => Json, path: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        const setItem = (v: Json | undefined) => replace(node.map((x, j) => (j === i ? v : x)));
        out.push({ label: `${path}[${i}]: type changed`, value: setItem(otherType(item)) });
        nested(item, setItem, `${path}[${i}]`);
      });
    } else if (isObject(node)) {
      for (const key of Object.keys(node)) {
        const setKey = (v: Json | undefined) => {
          const copy = { ...node };
          if (v === undefined) delete copy[key];
          else copy[key] = v;
          return replace(copy);
        };
        out.push({ label: `${path}.${key}: deleted`, value: setKey(undefined) });
        out.push({ label: `${path}.${key}: type changed`, value: setKey(otherType(node[key])) });
        nested(node[key], setKey, `${path}.${key}`);
      }
    }
  };
  nested(value, (v) => v, "$");
  return out;
}

describe.each(apiNames)("%s examples", (api) => {
  const spec = loadSpec(`specs/${api}.yaml`);
  const ajv = buildAjv(spec);
  const cases = collectExamples(spec);

  it("has examples to check", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => [c.at, c] as const))("%s", (_at, c) => {
    const validate = validatorFor(ajv, spec, c.schemaPointer);
    const valid = validate(c.value);
    expect(valid ? [] : validate.errors, `example at ${c.at} against ${c.schemaPointer}`).toEqual([]);

    const all = mutations(c.value);
    const rejected = all.filter((m) => !validate(m.value));
    expect(rejected.length, `no mutation of the example at ${c.at} is rejected: the schema does not constrain it`).toBeGreaterThan(0);
    if ((isObject(c.value) && Object.keys(c.value).length > 0) || (Array.isArray(c.value) && c.value.length > 0)) {
      // For a structured example, some change *inside* it must be caught, not only swapping the whole value.
      expect(
        rejected.filter((m) => !m.label.startsWith("root:")).length,
        `no nested mutation of the example at ${c.at} is rejected`,
      ).toBeGreaterThan(0);
    }
  });
});

// Guard against the collector missing a kind of example: every `examples`/`example` key in a spec is
// accounted for by one of the cases above.
describe("example collection", () => {
  it.each(apiNames)("%s: every example key is collected", (api) => {
    const spec = loadSpec(`specs/${api}.yaml`);
    const collected = new Set(collectExamples(spec).map((c) => c.at.replace(/\/(examples\/[^/]+|example)$/, "")));
    const owners: string[] = [];
    const walk = (node: Json, path: Array<string | number>): void => {
      if (Array.isArray(node)) node.forEach((v, i) => walk(v, [...path, i]));
      else if (isObject(node)) {
        // The `components` object's own `examples` is the section of reusable examples, not an owner.
        const isComponents = path.length === 1 && path[0] === "components";
        if (("examples" in node || "example" in node) && !isComponents) owners.push(pointerOf(path));
        for (const [k, v] of Object.entries(node)) {
          if (k === "examples" || k === "example" || k === "enum" || k === "const" || k === "default") continue;
          walk(v, [...path, k]);
        }
      }
    };
    walk(spec, []);
    const missed = owners.filter((o) => !collected.has(o) && !isEmptyExamplesOwner(spec, o));
    expect(missed).toEqual([]);
  });
});

function isEmptyExamplesOwner(spec: Json, pointer: string): boolean {
  const ex = getPointer(spec, pointer).examples;
  return (isObject(ex) && Object.keys(ex).length === 0) || (Array.isArray(ex) && ex.length === 0);
}
