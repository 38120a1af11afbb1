/** Schemas whose shape says less than the author meant: required names never declared, arrays of nothing said. */
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import type { LintContext, Rule } from "../types.js";
import { schemasOf } from "./schemas.js";
import { deref } from "./shared.js";

const BRANCHES = ["allOf", "anyOf", "oneOf"] as const;
/** Subschemas that apply to the same instance as their parent (so the parent's properties are theirs too). */
const SAME_INSTANCE = [...BRANCHES, "not", "if", "then", "else"] as const;

/** Each schema's parents through keywords that apply to the same instance, dereferenced. */
function parentsOf(ctx: LintContext): WeakMap<object, JsonObject[]> {
  return ctx.memo("schema-parents", () => {
    const parents = new WeakMap<object, JsonObject[]>();
    const link = (child: unknown, parent: JsonObject) => {
      const { node } = deref(ctx.document, child);
      if (!node) return;
      const list = parents.get(node);
      if (list) list.push(parent);
      else parents.set(node, [parent]);
    };
    for (const { schema } of schemasOf(ctx)) {
      for (const key of SAME_INSTANCE) {
        const sub = schema[key];
        if (Array.isArray(sub)) for (const s of sub) link(s, schema);
        else if (isObject(sub)) link(sub, schema);
      }
      if (typeof schema.$ref === "string") link(schema, schema);
      if (isObject(schema.dependentSchemas)) for (const s of Object.values(schema.dependentSchemas)) link(s, schema);
    }
    return parents;
  });
}

/**
 * The property names a schema can see for an instance: its own, its `$ref`'s and its branches' (down), and
 * those of every schema it is a member of, with that schema's `allOf` members, which apply with it (up; a
 * parent's other `oneOf`/`anyOf` branches do not).
 */
function visibleProperties(ctx: LintContext, schema: JsonObject): { names: Set<string>; open: boolean } {
  const names = new Set<string>();
  let open = false;
  const seen = new Set<object>();
  const down = (s: JsonObject, branches: readonly string[], depth: number) => {
    if (seen.has(s) || depth > 32) return;
    seen.add(s);
    if (isObject(s.properties)) for (const k of Object.keys(s.properties)) names.add(k);
    // a map (additionalProperties a schema) or patterns may hold the name: not ours to say
    if (isObject(s.patternProperties) || isObject(s.additionalProperties) || s.additionalProperties === true) open = true;
    const target = typeof s.$ref === "string" ? deref(ctx.document, s).node : undefined;
    if (target) down(target, branches, depth + 1);
    for (const key of branches) {
      const list = s[key];
      if (Array.isArray(list)) for (const b of list) if (isObject(b)) down(deref(ctx.document, b).node ?? b, branches, depth + 1);
    }
  };
  const up = (s: JsonObject, depth: number) => {
    if (depth > 8) return;
    for (const parent of parentsOf(ctx).get(s) ?? []) {
      down(parent, ["allOf"], depth + 1);
      up(parent, depth + 1);
    }
  };
  down(schema, BRANCHES, 0);
  up(schema, 0);
  return { names, open };
}

export const requiredPropertiesDefined: Rule = {
  id: "required-properties-defined",
  severity: "warn",
  description: "Every name in a schema's `required` is a property it (or a schema combined with it) declares.",
  check(ctx) {
    // `not: { required: [c] }` says c must be absent: a name no schema needs to declare
    const negated = new WeakSet<object>();
    for (const { schema } of schemasOf(ctx)) if (isObject(schema.not)) negated.add(deref(ctx.document, schema.not).node ?? schema.not);
    for (const { schema, pointer } of schemasOf(ctx)) {
      if (!Array.isArray(schema.required) || schema.required.length === 0 || negated.has(schema)) continue;
      const { names, open } = visibleProperties(ctx, schema);
      if (open) continue;
      schema.required.forEach((name, i) => {
        if (typeof name === "string" && !names.has(name)) {
          const near = [...names].find((n) => n.toLowerCase() === name.toLowerCase());
          ctx.report(`${pointer}/required/${i}`, `required property '${name}' is not declared in properties`, near ? `did you mean '${near}'?` : `declare '${name}' under properties (its type), or remove it from required`);
        }
      });
    }
  },
};

export const arrayItems: Rule = {
  id: "array-items",
  severity: "warn",
  description: "An array schema says what its items are (`items` or `prefixItems`): else they are typed `unknown`.",
  check(ctx) {
    for (const { schema, pointer } of schemasOf(ctx)) {
      const types = typeof schema.type === "string" ? [schema.type] : Array.isArray(schema.type) ? schema.type : [];
      if (!types.includes("array") || "items" in schema || "prefixItems" in schema) continue;
      if (itemsSaidBeside(ctx, schema)) continue;
      // `contains` asks only that some items match (at least minContains of them): it says nothing of the others
      if ("contains" in schema) ctx.report(pointer, "array schema with contains but without items: contains only asks that some items match it, so the others may be anything (typed unknown)", "add `items:` with the schema every item has (keep `contains` for the ones that must be there)");
      else ctx.report(pointer, "array schema without items", "add `items:` with the schema of each item (`items: {}` if they may be anything)");
    }
  },
};

/** Whether a schema combined with this one (its allOf members, or the schema it is a member of, and that one's members) says what the items are. */
function itemsSaidBeside(ctx: LintContext, schema: JsonObject): boolean {
  const says = (s: JsonObject) => "items" in s || "prefixItems" in s || (Array.isArray(s.allOf) && s.allOf.some((b) => {
    const n = deref(ctx.document, b).node;
    return !!n && ("items" in n || "prefixItems" in n);
  }));
  return says(schema) || (parentsOf(ctx).get(schema) ?? []).some(says);
}

export const readWriteBoth: Rule = {
  id: "read-write-both",
  severity: "warn",
  description: "A property is not both `readOnly` and `writeOnly`: then neither side sends it.",
  check(ctx) {
    for (const { schema, pointer } of schemasOf(ctx)) {
      if (schema.readOnly === true && schema.writeOnly === true) {
        ctx.report(pointer, "marked both readOnly (only the API sends it) and writeOnly (only its callers send it): no one sends it, and the types leave it out of both the received and the sent type", "keep the one that says who sends it");
      }
    }
  },
};
