/**
 * What the server reads of a `deepObject` form field's schema (`form-encoding.ts`): where it may be an object
 * (its properties' shapes, `additionalProperties` as `others`) or a list (`items`), so bracketed names build
 * the right one (`metadata[0]` is a key of an object, `items[0]` an index), and which texts are numbers or
 * booleans, so `items[0][quantity]=2` reads as `2` (where the only strings allowed are listed, `enum: [""]`,
 * those are values of their own: `tax_rates=` is `""`, not a list of one). `allOf`/`anyOf`/`oneOf` members are merged (Stripe's
 * `anyOf: [object, ""]`). Text that stays text is left out (`{}`), and so are members whose shape says nothing.
 * Emitted as data: names are string literals.
 */
import { code, join, type Code } from "../../codegen/code.js";
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { deref, types } from "../../openapi/sample-value.js";
import { stringList } from "../client/operations-table.js";

interface Shape {
  types: Set<string>;
  /** A string schema without `enum`/`const` is among them: any text is a value (else only the listed ones). */
  freeText: boolean;
  /** The strings the string schemas list (`enum`, `const`). */
  texts: Set<string>;
  members: Map<string, unknown[]>;
  others: unknown[];
  items: unknown[];
}

/** Deeper schemas, and more nodes per field, are read as any value (their texts kept as text). */
const MAX_DEPTH = 16;
const MAX_NODES = 2000;

export function deepShape(document: JsonObject, schema: unknown): Code {
  let budget = MAX_NODES;
  const node = (schemas: readonly unknown[], path: readonly object[]): Code => {
    if (--budget < 0 || path.length > MAX_DEPTH) return code`{}`;
    const s = merged(document, schemas, path);
    const next = [...path, ...s.seen];
    const fields: Code[] = [];
    const t = [...s.shape.types];
    const type = s.shape.freeText ? undefined : (["integer", "number", "boolean"] as const).find((x) => t.includes(x));
    if (type) fields.push(code`type: ${type}`);
    const object = t.includes("object") || s.shape.members.size > 0 || s.shape.others.length > 0;
    const list = t.includes("array") || s.shape.items.length > 0;
    // Stripe's `anyOf: [integer, enum: [""]]`, `anyOf: [array, enum: [""]]`: those strings are values of their own
    // (an object's plain value is read as text anyway)
    if (!s.shape.freeText && s.shape.texts.size && (type || list)) fields.push(code`texts: ${stringList([...s.shape.texts].slice(0, 64))}`);
    if (object) {
      fields.push(code`object: true`);
      const others = s.shape.others.length ? node(s.shape.others, next) : undefined;
      const members = [...s.shape.members]
        .map(([name, list]) => [name, node(list, next)] as const)
        // a member that says nothing is left out, unless leaving it out would give it the others' shape
        .filter(([, shape]) => shape.text !== "{}" || (others !== undefined && others.text !== "{}"));
      if (members.length) fields.push(code`members: [${join(members.map(([name, shape]) => code`[${name}, ${shape}]`), ", ")}]`);
      if (others !== undefined && others.text !== "{}") fields.push(code`others: ${others}`);
    }
    if (list) fields.push(code`items: ${node(s.shape.items, next)}`);
    return fields.length ? code`{ ${join(fields, ", ")} }` : code`{}`;
  };
  return node([schema], []);
}

/** The schemas' types, properties, `additionalProperties` and `items`, with their `$ref`s and combinators followed. */
function merged(document: JsonObject, schemas: readonly unknown[], path: readonly object[]): { shape: Shape; seen: object[] } {
  const shape: Shape = { types: new Set(), freeText: false, texts: new Set(), members: new Map(), others: [], items: [] };
  const seen: object[] = [];
  const visit = (raw: unknown): void => {
    const s = deref(document, raw);
    // a schema already on the way here (a recursive one) or visited: its members are read once
    if (!isObject(s) || path.includes(s) || seen.includes(s) || seen.length > 64) return;
    seen.push(s);
    for (const t of types(s)) shape.types.add(t);
    if (types(s).includes("string")) {
      if (s.enum === undefined && s.const === undefined) shape.freeText = true;
      for (const v of Array.isArray(s.enum) ? s.enum : "const" in s ? [s.const] : []) if (typeof v === "string") shape.texts.add(v);
    }
    if (isObject(s.properties)) {
      for (const name of Object.keys(s.properties)) {
        const list = shape.members.get(name);
        if (list) list.push(s.properties[name]);
        else shape.members.set(name, [s.properties[name]]);
      }
    }
    if (s.additionalProperties !== undefined && s.additionalProperties !== false) shape.others.push(s.additionalProperties);
    if (s.items !== undefined && s.items !== false) shape.items.push(s.items);
    for (const k of ["allOf", "anyOf", "oneOf"]) if (Array.isArray(s[k])) for (const m of s[k] as unknown[]) visit(m);
  };
  for (const s of schemas) visit(s);
  return { shape, seen };
}
