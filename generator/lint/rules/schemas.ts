/** Schemas: enums, property name casing, inline schemas repeated where a component would do. */
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { forEachLintNode } from "./shared.js";
import { FORMAT_NAMES, NUMBER_FORMAT_NAMES } from "../../emit/validators/format-names.js";
import { escapeSegment } from "../../openapi/pointer.js";
import { canonical } from "../../openapi/canonical.js";
import { componentsIndex, declaredTags, type ComponentsIndex } from "../../openapi/discriminator-tags.js";
import type { LintContext, Rule } from "../types.js";

/**
 * Every schema object of the document with its pointer (each object once), in `forEachLintNode`'s order.
 * `walked`: that list, gathered by the caller's own walk of `forEachLintNode` (one walk less).
 */
export function schemasOf(ctx: LintContext, walked?: () => Array<{ schema: JsonObject; pointer: string }>): Array<{ schema: JsonObject; pointer: string }> {
  return ctx.memo("schemas", walked ?? (() => {
    const out: Array<{ schema: JsonObject; pointer: string }> = [];
    forEachLintNode(ctx, (node, kind, pointer) => {
      if (kind === "Schema") out.push({ schema: node, pointer });
    });
    return out;
  }));
}

export const enumUnique: Rule = {
  id: "enum-unique",
  severity: "error",
  description: "An enum lists each value once.",
  check(ctx) {
    const cache = new WeakMap<object, string>();
    for (const { schema, pointer } of schemasOf(ctx)) {
      if (!Array.isArray(schema.enum)) continue;
      const seen = new Set<string>();
      schema.enum.forEach((v, i) => {
        const key = canonical(v, cache);
        if (seen.has(key)) ctx.report(`${pointer}/enum/${i}`, `enum value ${JSON.stringify(v)} is listed twice`, "remove the duplicate");
        seen.add(key);
      });
    }
  },
};

export const enumEmpty: Rule = {
  id: "enum-empty",
  severity: "warn",
  description: "An enum lists at least one value.",
  check(ctx) {
    for (const { schema, pointer } of schemasOf(ctx)) {
      if (Array.isArray(schema.enum) && schema.enum.length === 0) ctx.report(`${pointer}/enum`, "enum: [] matches no value: every value this schema checks is rejected", "list the values it allows, or write `not: {}` if nothing is meant to match");
    }
  },
};

function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case "null": return value === null;
    case "string": return typeof value === "string";
    case "number": return typeof value === "number";
    case "integer": return typeof value === "number" && Number.isInteger(value);
    case "boolean": return typeof value === "boolean";
    case "array": return Array.isArray(value);
    case "object": return isObject(value);
    default: return true;
  }
}

export const enumType: Rule = {
  id: "enum-type",
  severity: "error",
  description: "Every enum value has the schema's type.",
  check(ctx) {
    for (const { schema, pointer } of schemasOf(ctx)) {
      if (!Array.isArray(schema.enum)) continue;
      const types = typeof schema.type === "string" ? [schema.type] : Array.isArray(schema.type) ? schema.type.filter((t): t is string => typeof t === "string") : [];
      if (types.length === 0) continue;
      schema.enum.forEach((v, i) => {
        if (!types.some((t) => matchesType(v, t))) ctx.report(`${pointer}/enum/${i}`, `enum value ${JSON.stringify(v)} is not of type ${types.join(" or ")}`, "fix the value or the schema's type");
      });
    }
  },
};

type Casing = "camelCase" | "snake_case" | "kebab-case" | "PascalCase" | "SCREAMING_SNAKE_CASE";

/** The casing of a name with at least two words; undefined for one-word or mixed names. */
export function casingOf(name: string): Casing | undefined {
  if (/^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+$/.test(name)) return "camelCase";
  if (/^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/.test(name)) return "snake_case";
  if (/^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/.test(name)) return "kebab-case";
  if (/^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+$/.test(name)) return "PascalCase";
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(name)) return "SCREAMING_SNAKE_CASE";
  return undefined;
}

export const propertyCasing: Rule = {
  id: "property-casing",
  severity: "warn",
  description: "Property names follow one casing across the spec (the one most names use); each differing name is reported once.",
  check(ctx) {
    const first = new Map<string, { casing: Casing; pointer: string }>();
    const counts = new Map<Casing, number>();
    for (const { schema, pointer } of schemasOf(ctx)) {
      if (!isObject(schema.properties)) continue;
      for (const name of Object.keys(schema.properties)) {
        if (first.has(name)) continue;
        const casing = casingOf(name);
        if (!casing) continue;
        first.set(name, { casing, pointer: `${pointer}/properties/${escapeSegment(name)}` });
        counts.set(casing, (counts.get(casing) ?? 0) + 1);
      }
    }
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    if (ranked.length < 2) return;
    const [dominant, n] = ranked[0]!;
    for (const [name, { casing, pointer }] of first) {
      if (casing !== dominant) ctx.report(pointer, `property '${name}' is ${casing}; ${n} of the spec's property names are ${dominant}`, `rename it in ${dominant}, if the API allows`);
    }
  },
};

const NOT_SHAPE = new Set(["description", "title", "example", "examples", "default", "externalDocs", "deprecated", "$comment"]);

export const duplicateInlineSchema: Rule = {
  id: "duplicate-inline-schema",
  severity: "warn",
  description: "An inline object schema (3+ properties) is not repeated, nor a copy of a component: it should be a component referenced with $ref.",
  check(ctx) {
    const cache = new WeakMap<object, string>();
    const shapeOf = (schema: JsonObject) => {
      const copy: JsonObject = {};
      for (const k of Object.keys(schema)) if (!NOT_SHAPE.has(k) && !k.startsWith("x-")) copy[k] = schema[k];
      return canonical(copy, cache);
    };
    const components = isObject(ctx.document.components) && isObject(ctx.document.components.schemas) ? ctx.document.components.schemas : {};
    const componentOf = new Map<string, string>();
    // a component the bundle hoisted from a deep $ref (bundle.ts) is not one the spec has: it is the very schema
    const hoisted = new Set(ctx.deepRefs.keys());
    for (const key of Object.keys(components)) {
      if (hoisted.has(`#/components/schemas/${escapeSegment(key)}`)) continue;
      const s = components[key];
      if (isObject(s) && isObject(s.properties) && Object.keys(s.properties).length >= 3) componentOf.set(shapeOf(s), key);
    }
    const candidates = schemasOf(ctx).filter(({ schema, pointer }) =>
      !/^\/components\/schemas\/[^/]+$/.test(pointer) && isObject(schema.properties) && Object.keys(schema.properties).length >= 3);
    const groups = new Map<string, string[]>();
    const shapes = candidates.map(({ schema, pointer }) => {
      const shape = shapeOf(schema);
      groups.set(shape, [...(groups.get(shape) ?? []), pointer]);
      return { shape, pointer };
    });
    // Report the outermost copies only: the schemas inside a copy are copies too.
    const covered = new Set<string>();
    const inside = (pointer: string) => {
      for (let i = pointer.lastIndexOf("/"); i > 0; i = pointer.lastIndexOf("/", i - 1)) if (covered.has(pointer.slice(0, i))) return true;
      return false;
    };
    for (const { shape, pointer } of shapes) {
      if (inside(pointer)) continue;
      const component = componentOf.get(shape);
      const group = groups.get(shape)!;
      if (component !== undefined) {
        covered.add(pointer);
        ctx.report(pointer, `this inline schema is the same as components/schemas/${component}`, `replace it with $ref: '#/components/schemas/${escapeSegment(component)}'`);
      } else if (group.length > 1) {
        covered.add(pointer);
        if (group[0] !== pointer) ctx.report(pointer, `this inline schema repeats the one at #${group[0]}`, "move it to components/schemas and reference it with $ref from both places");
      }
    }
  },
};

const KNOWN_FORMATS = new Set([...FORMAT_NAMES, ...NUMBER_FORMAT_NAMES]);

export const formatKnown: Rule = {
  id: "format-known",
  severity: "warn",
  description: "Every `format` is one the generated validators check; any other is an annotation only (reported once per format).",
  check(ctx) {
    const seen = new Set<string>();
    for (const { schema, pointer } of schemasOf(ctx)) {
      if (typeof schema.format !== "string" || KNOWN_FORMATS.has(schema.format) || seen.has(schema.format)) continue;
      seen.add(schema.format);
      ctx.report(`${pointer}/format`, `format '${schema.format}' is not checked by the generated validators (values pass unchecked)`, `use a known format (${[...FORMAT_NAMES.slice(0, 6), "..."].join(", ")}), or a pattern`);
    }
  },
};

export const discriminatorValues: Rule = {
  id: "discriminator-values",
  severity: "warn",
  description: "A discriminator selects each schema by a value that schema's tag property allows: by a mapping entry, else by the schema's name (OpenAPI's implicit mapping).",
  check(ctx) {
    let index: ComponentsIndex | undefined;
    for (const { schema, pointer } of schemasOf(ctx)) {
      if (!isObject(schema.discriminator)) continue;
      index ??= componentsIndex(ctx.document);
      for (const { ref, given, mapped, declared } of declaredTags(ctx.document, schema, index)) {
        const refused = given.filter((v) => !declared.includes(v));
        if (!refused.length) continue;
        const tag = (schema.discriminator as JsonObject).propertyName as string;
        const allowed = declared.map((v) => JSON.stringify(v)).join(", ");
        const by = mapped ? `maps ${refused.map((v) => JSON.stringify(v)).join(", ")} to ${ref}` : `selects ${ref} by its name ${JSON.stringify(refused[0])} (no mapping entry names it)`;
        ctx.report(
          `${pointer}/discriminator`,
          `discriminator '${tag}' ${by}, but that schema's '${tag}' allows only ${allowed}: no valid value carries ${refused.length > 1 ? "those" : "it"}`,
          mapped ? `map the values ${ref} allows (${allowed}) instead` : `add a mapping entry: ${JSON.stringify(declared[0])}: '${ref}'`,
        );
      }
    }
  },
};
