/**
 * Encoding Objects of form bodies (OpenAPI 3.1 §4.8.15): each names a property of the body's schema, as
 * the generated client and server read it (generator/ir/form-encoding.ts). `style: deepObject` on a scalar
 * is not reported: it changes nothing, and Stripe writes it on every field (29 findings on its spec).
 */
import { isObject } from "../../openapi/kinds.js";
import { escapeSegment } from "../../openapi/pointer.js";
import { formProperties } from "../../openapi/file-parts.js";
import { deref as derefSchema } from "../../openapi/sample-value.js";
import type { Rule } from "../types.js";
import { deref, label, operationsOf } from "./shared.js";

const FORM = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

export const formEncoding: Rule = {
  id: "form-encoding",
  severity: "warn",
  description: "Each encoding entry of a form body names a property of its schema.",
  check(ctx) {
    const seen = new Set<object>();
    for (const site of operationsOf(ctx)) {
      const { node: body, pointer: target } = deref(ctx.document, site.operation.requestBody);
      if (!body || !isObject(body.content) || seen.has(body)) continue;
      seen.add(body);
      const at = `${target ?? `${site.pointer}/requestBody`}/content`;
      for (const mediaType of Object.keys(body.content)) {
        const media = body.content[mediaType];
        if (!FORM.test(mediaType) || !isObject(media) || !isObject(media.encoding)) continue;
        const properties = formProperties(ctx.document, media.schema, true);
        // a schema that takes other properties (or is no object schema we can read) may take any name
        const open = !properties.size || hasOthers(ctx.document, media.schema);
        for (const name of Object.keys(media.encoding)) {
          if (open || properties.has(name)) continue;
          const pointer = `${at}/${escapeSegment(mediaType)}/encoding/${escapeSegment(name)}`;
          ctx.report(pointer, `the ${mediaType} body of ${label(site)} has no property '${name}' for this encoding entry`, `name a property of the body's schema (it has ${[...properties.keys()].slice(0, 8).map((p) => `'${p}'`).join(", ")}), or remove the entry`);
        }
      }
    }
  },
};

/** Whether a schema takes properties it does not name (`additionalProperties`/`patternProperties` not false). */
function hasOthers(document: Parameters<typeof derefSchema>[0], schema: unknown): boolean {
  const s = derefSchema(document, schema);
  if (!isObject(s)) return true;
  return (s.additionalProperties !== undefined && s.additionalProperties !== false && !(isObject(s.additionalProperties) && isObject(s.additionalProperties.not) && !Object.keys(s.additionalProperties.not).length)) || s.patternProperties !== undefined;
}
