/** Components nothing references. */
import { isObject } from "../../openapi/kinds.js";
import { forEachNode } from "../../openapi/walk.js";
import { escapeSegment, pointerFromFragment } from "../../openapi/pointer.js";
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
    forEachNode(ctx.document, (node, kind) => {
      use(node.$ref);
      if (kind === "Schema" && isObject(node.discriminator) && isObject(node.discriminator.mapping)) {
        for (const target of Object.values(node.discriminator.mapping)) use(typeof target === "string" && !target.startsWith("#") ? `#/components/schemas/${target}` : target);
      }
    });
    for (const section of SECTIONS) {
      const map = components[section];
      if (!isObject(map)) continue;
      for (const name of Object.keys(map)) {
        const pointer = `/components/${section}/${escapeSegment(name)}`;
        if (!used.has(pointer)) ctx.report(pointer, `components/${section}/${name} is never referenced`, "remove it, or reference it where it applies");
      }
    }
  },
};
