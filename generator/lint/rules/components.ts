/** Components nothing references. */
import { below, inheritances } from "../../openapi/inherited-discriminators.js";
import { isObject } from "../../openapi/kinds.js";
import { escapeSegment, pointerFromFragment, segmentsOf } from "../../openapi/pointer.js";
import type { Rule } from "../types.js";

const SECTIONS = ["schemas", "parameters", "responses", "examples", "requestBodies", "headers"];

export const unusedComponents: Rule = {
  id: "unused-components",
  severity: "warn",
  description: "Every schema, parameter, response, example, request body and header under `components` is referenced somewhere.",
  check(ctx) {
    const components = ctx.document.components;
    if (!isObject(components)) return;
    // each component used, and the components (or "" for the rest of the document) whose refs use it
    const used = new Map<string, Set<string>>();
    const use = (ref: unknown, from: string) => {
      if (typeof ref !== "string" || !ref.startsWith("#")) return;
      const pointer = pointerFromFragment(ref.slice(1));
      if (pointer === undefined) return;
      // `#/components/schemas/A/properties/b` uses A.
      const m = /^\/components\/[^/]+\/[^/]+/.exec(pointer);
      if (m) used.set(m[0], (used.get(m[0]) ?? new Set()).add(from));
    };
    // Every `$ref` anywhere counts, extensions included (GitHub's 3.0 `x-webhooks` reference schemas).
    const seen = new Set<object>();
    const visit = (value: unknown, from: string): void => {
      if (typeof value !== "object" || value === null || seen.has(value)) return;
      seen.add(value);
      if (Array.isArray(value)) return value.forEach((v) => visit(v, from));
      const node = value as Record<string, unknown>;
      use(node.$ref, from);
      if (isObject(node.discriminator) && isObject(node.discriminator.mapping)) {
        for (const target of Object.values(node.discriminator.mapping)) use(typeof target === "string" && !target.startsWith("#") ? `#/components/schemas/${target}` : target, from);
      }
      for (const k in node) visit(node[k], from);
    };
    for (const section of SECTIONS) {
      const map = components[section];
      if (isObject(map)) for (const name of Object.keys(map)) visit(map[name], `/components/${section}/${escapeSegment(name)}`);
    }
    visit(ctx.document, "");
    // `#/components/schemas/A/properties/b` as written uses A, though the bundle made it a component of its own.
    for (const written of ctx.deepRefs.values()) use(written, "");
    // A schema extending a discriminator's base through `allOf` is one its base (or a member above it) stands
    // for: the validators dispatch to it by its tag (openapi/inherited-discriminators.ts), so a use of the
    // base from outside the hierarchy (its members' own `allOf` refs do not count) uses the members below.
    for (const h of inheritances(ctx.document)) {
      const at = (key: string) => `/components/schemas/${escapeSegment(key)}`;
      const family = new Set([h.base, ...h.members.keys()].map(at));
      for (const key of [h.base, ...h.members.keys()]) {
        if (![...(used.get(at(key)) ?? [])].some((from) => !family.has(from))) continue;
        for (const member of below(h, key)) use(`#${at(member)}`, at(key));
      }
    }
    for (const section of SECTIONS) {
      const map = components[section];
      if (!isObject(map)) continue;
      for (const name of Object.keys(map)) {
        const pointer = `/components/${section}/${escapeSegment(name)}`;
        if (used.has(pointer)) continue;
        // a Swagger 2.0 spec's component is named where it is written (`definitions/Dog`)
        const origin = ctx.root.upgraded ? ctx.sources.origin(pointer) : undefined;
        const shown = origin ? segmentsOf(origin.file.writtenPointer?.(origin.pointer) ?? origin.pointer).join("/") : `components/${section}/${name}`;
        ctx.report(pointer, `${shown} is never referenced`, "remove it, or reference it where it applies");
      }
    }
  },
};
