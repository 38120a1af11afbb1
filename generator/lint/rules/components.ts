/** Components nothing references. */
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
    const used = new Set<string>();
    const use = (ref: unknown) => {
      if (typeof ref !== "string" || !ref.startsWith("#")) return;
      const pointer = pointerFromFragment(ref.slice(1));
      if (pointer === undefined) return;
      // `#/components/schemas/A/properties/b` uses A.
      const m = /^\/components\/[^/]+\/[^/]+/.exec(pointer);
      if (m) used.add(m[0]);
    };
    // Every `$ref` anywhere counts, extensions included (GitHub's 3.0 `x-webhooks` reference schemas).
    const seen = new Set<object>();
    const visit = (value: unknown): void => {
      if (typeof value !== "object" || value === null || seen.has(value)) return;
      seen.add(value);
      if (Array.isArray(value)) return value.forEach(visit);
      const node = value as Record<string, unknown>;
      use(node.$ref);
      if (isObject(node.discriminator) && isObject(node.discriminator.mapping)) {
        for (const target of Object.values(node.discriminator.mapping)) use(typeof target === "string" && !target.startsWith("#") ? `#/components/schemas/${target}` : target);
      }
      for (const k in node) visit(node[k]);
    };
    visit(ctx.document);
    // `#/components/schemas/A/properties/b` as written uses A, though the bundle made it a component of its own.
    for (const written of ctx.deepRefs.values()) use(written);
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
