/**
 * Lint's example validators: each example's schema is its own ajv root, and a component two roots name is
 * compiled once (shared-components.ts), with the same checks and errors as when each root compiled its own.
 */
import { describe, expect, it } from "vitest";
import Ajv2020Module from "ajv/dist/2020.js";
import { shareComponents } from "../../generator/lint/rules/shared-components.js";

// CommonJS module: under NodeNext typing the default import is the module object (test/specs/examples.test.ts)
const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;

const DOC = {
  $id: "specforge:api",
  $defs: {
    Pet: { type: "object", properties: { id: { type: "integer" }, name: { type: "string" } }, required: ["id"], unevaluatedProperties: false },
    Owner: { type: "object", properties: { pets: { type: "array", items: { $ref: "specforge:api#/$defs/Pet" } } }, unevaluatedProperties: false },
    Bad: { type: "string", pattern: "([" },
  },
};

/** The example schemas lint compiles, in order: a media type's ref, an inline object, a schema naming Owner (which names Pet). */
const ROOTS = [
  { $ref: "specforge:api#/$defs/Pet" },
  { type: "object", properties: { pet: { $ref: "specforge:api#/$defs/Pet" } }, unevaluatedProperties: false },
  { $ref: "specforge:api#/$defs/Owner" },
  { type: "array", items: { $ref: "specforge:api#/$defs/Pet" } },
];

/** Counts the functions ajv writes for our schemas (not for the JSON Schema meta-schemas it checks them by). */
function counter() {
  const count = { functions: 0 };
  const process = (src: string, env?: { root: { baseId: string } }) => {
    if (!/^https?:/.test(env?.root.baseId ?? "")) count.functions++;
    return src;
  };
  return { count, process };
}

const VALUES = [{ id: 1 }, { id: "x", extra: true }, { pet: { name: 2 } }, { pets: [{ id: 1 }, { nick: "r" }] }, [{ id: 1, name: "a" }, {}], "text"];

/** Compiles every root (sharing components or not) and counts the functions ajv wrote. */
function compileAll(share: boolean) {
  const { count, process } = counter();
  const ajv = new Ajv2020({ strict: false, allErrors: true, messages: true, inlineRefs: false, code: { optimize: false, process: process as never }, logger: false });
  ajv.addSchema(DOC);
  const validators = ROOTS.map((root) => {
    if (share) shareComponents(ajv, root, ["specforge:api"]);
    return ajv.compile(root);
  });
  const outcomes = validators.flatMap((validate) => VALUES.map((v) => [validate(v), validate.errors ?? null]));
  return { functions: count.functions, outcomes, ajv };
}

describe("shareComponents", () => {
  it("compiles each component once across example roots, with the same results and errors", () => {
    const own = compileAll(false);
    const shared = compileAll(true);
    // 4 roots, the document (ajv compiles it before resolving into it), Pet, Owner; each root compiling
    // its own made Pet once per root that names it, and once more inside Owner
    expect(shared.functions).toBe(7);
    expect(own.functions).toBe(10);
    expect(shared.outcomes).toEqual(own.outcomes);
  });

  it("leaves a component that does not compile to ajv.compile, which fails on it as before", () => {
    const { ajv } = compileAll(true);
    const root = { type: "object", properties: { code: { $ref: "specforge:api#/$defs/Bad" } } };
    expect(() => shareComponents(ajv, root, ["specforge:api"])).not.toThrow();
    expect(() => ajv.compile(root)).toThrow(/pattern|Invalid regular expression/i);
  });

  it("takes the function a document already compiled for a component (Owner's Pet), compiling nothing more", () => {
    const { count, process } = counter();
    const ajv = new Ajv2020({ strict: false, allErrors: true, inlineRefs: false, code: { process: process as never }, logger: false });
    ajv.addSchema(DOC);
    const [pet, , owner] = ROOTS as [object, object, object];
    shareComponents(ajv, owner, ["specforge:api"]);
    ajv.compile(owner); // the root, Owner, and Pet inside the document
    const before = count.functions;
    shareComponents(ajv, pet, ["specforge:api"]);
    ajv.compile(pet);
    expect(count.functions - before).toBe(1); // the root alone
  });
});
