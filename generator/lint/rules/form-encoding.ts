/**
 * Encoding Objects of form bodies (OpenAPI 3.1 §4.8.15): each names a property of the body's schema, and
 * `style: deepObject` is given to an object or a list (the only values bracket notation holds), as the
 * generated client and server read it (generator/ir/form-encoding.ts).
 */
import { isObject } from "../../openapi/kinds.js";
import { escapeSegment } from "../../openapi/pointer.js";
import { formProperties } from "../../openapi/file-parts.js";
import { deref as derefSchema, types } from "../../openapi/sample-value.js";
import type { Rule } from "../types.js";
import { deref, label, operationsOf } from "./shared.js";

const FORM = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

export const formEncoding: Rule = {
  id: "form-encoding",
  severity: "warn",
  description: "Each encoding entry of a form body names a property of its schema, and `style: deepObject` is given to an object or a list.",
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
          const pointer = `${at}/${escapeSegment(mediaType)}/encoding/${escapeSegment(name)}`;
          const entry = media.encoding[name];
          if (!properties.has(name)) {
            if (!open) ctx.report(pointer, `the ${mediaType} body of ${label(site)} has no property '${name}' for this encoding entry`, `name a property of the body's schema (it has ${[...properties.keys()].slice(0, 8).map((p) => `'${p}'`).join(", ")}), or remove the entry`);
            continue;
          }
          if (!isObject(entry) || entry.style !== "deepObject") continue;
          const s = derefSchema(ctx.document, properties.get(name));
          const t = isObject(s) ? containerTypes(ctx.document, s) : [];
          if (t.length && !t.includes("object") && !t.includes("array")) {
            ctx.report(`${pointer}/style`, `'${name}' of the ${mediaType} body of ${label(site)} is no object or list (${t.join(" or ")}), but its style is deepObject`, "remove the style (a scalar is sent as name=value anyway), or make the property an object or a list");
          }
        }
      }
    }
  },
};

/** The types a schema (and the `allOf`/`anyOf`/`oneOf` members it has) allows; objects and lists counted by their keywords too. */
function containerTypes(document: Parameters<typeof derefSchema>[0], schema: Record<string, unknown>, depth = 0): string[] {
  const out = new Set(types(schema));
  if (isObject(schema.properties) || schema.additionalProperties !== undefined) out.add("object");
  if (schema.items !== undefined) out.add("array");
  if (depth < 8) {
    for (const k of ["allOf", "anyOf", "oneOf"]) {
      if (!Array.isArray(schema[k])) continue;
      for (const m of schema[k] as unknown[]) {
        const s = derefSchema(document, m);
        if (isObject(s)) for (const t of containerTypes(document, s, depth + 1)) out.add(t);
      }
    }
  }
  return [...out];
}

/** Whether a schema takes properties it does not name (`additionalProperties`/`patternProperties` not false). */
function hasOthers(document: Parameters<typeof derefSchema>[0], schema: unknown): boolean {
  const s = derefSchema(document, schema);
  if (!isObject(s)) return true;
  return (s.additionalProperties !== undefined && s.additionalProperties !== false && !(isObject(s.additionalProperties) && isObject(s.additionalProperties.not) && !Object.keys(s.additionalProperties.not).length)) || s.patternProperties !== undefined;
}
