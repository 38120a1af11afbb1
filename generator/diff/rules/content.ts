/**
 * A body's media types (a request body's or payload's, a response's): matched case-insensitively and
 * without parameters (`application/json; charset=utf-8` is `application/json`), each one removed or added
 * classified by who writes the body (flow.ts), and the schemas of those both sides have compared in the
 * direction it flows.
 */
import { isObject } from "../../openapi/kinds.js";
import type { RuleId } from "../change.js";
import { child, impact, mediaTypes, q, type At, type DiffContext } from "../context.js";
import { contentRemoved, mediaTypeAdded, type Flow } from "../flow.js";
import { compareSchemas } from "./schemas.js";

/** `label`: the body's place in messages (`POST /pets`, `POST /pets response 201`); `schemas`: its schemas' (`POST /pets request body`). */
export interface ContentSite {
  ids: { removed: RuleId; added: RuleId };
  label: string;
  schemas: string;
}

export function compareContent(ctx: DiffContext, f: Flow, b: At, h: At, site: ContentSite): void {
  const bc = isObject(b.value.content) ? b.value.content : {};
  const hc = isObject(h.value.content) ? h.value.content : {};
  const bm = mediaTypes(bc);
  const hm = mediaTypes(hc);
  const contentOf = (at: At) => (isObject(at.value.content) ? child(at.pointer, "content") : at.pointer);
  for (const [key, media] of bm) {
    const other = hm.get(key);
    if (other === undefined) {
      const v = contentRemoved(f, "it");
      ctx.emit(site.ids.removed, `${site.label}: ${f.media} ${q(media)} removed (${v.why})`, v.breaking, { base: child(b.pointer, "content", media), head: contentOf(h) });
      continue;
    }
    const x = bc[media];
    const y = hc[other];
    if (!isObject(x) || !isObject(y)) continue;
    const at = { base: child(b.pointer, "content", media, "schema"), head: child(h.pointer, "content", other, "schema") };
    if (x.schema !== undefined && y.schema !== undefined) {
      compareSchemas(ctx, { value: x.schema, pointer: at.base }, { value: y.schema, pointer: at.head }, f.dir, `${site.schemas} (${other})`);
    } else if (x.schema !== undefined || y.schema !== undefined) {
      // no schema is any value: one change for the whole body, not one per keyword or property of the other side
      const removed = y.schema === undefined;
      const where = removed ? { base: at.base, head: child(h.pointer, "content", other) } : { base: child(b.pointer, "content", media), head: at.head };
      const text = removed ? "schema removed: any value now" : "schema added where any value was";
      ctx.emit(removed ? "type-widened" : "type-narrowed", `${site.schemas} (${other}): ${text} (${removed ? "widened" : "narrowed"})`, impact(f.dir, removed ? "widened" : "narrowed"), where);
    }
  }
  for (const [key, media] of hm) {
    if (bm.has(key)) continue;
    const v = mediaTypeAdded(f);
    ctx.emit(site.ids.added, `${site.label}: ${f.media} ${q(media)} added (${v.why})`, v.breaking, { base: contentOf(b), head: child(h.pointer, "content", media) });
  }
}
