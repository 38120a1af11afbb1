/**
 * A path item the API sends rather than serves: a webhook (webhooks.ts), or one URL expression of an
 * operation's callback (callbacks.ts). The roles turn around: the payload is data the provider writes and
 * consumers read, so it is compared as a response (narrowing it binds the provider, widening it breaks
 * consumers). What the consumer's receiver answers is not compared.
 */
import { FIXED_METHODS, isObject, operationsOfItem } from "../../openapi/kinds.js";
import type { RuleId } from "../change.js";
import { child, NOT_BREAKING, type At, type DiffContext } from "../context.js";
import { deprecationOf, removalVerdict, sunsetPointer } from "../sunset.js";
import { compareCallbacks } from "./callbacks.js";
import { compareSchemas } from "./schemas.js";

/** The rules each kind of sent path item reports under (written out, so that each id can be found by its name). */
const RULES_OF = {
  webhook: { removed: "webhook-removed", removedAfterSunset: "webhook-removed-after-sunset", added: "webhook-added", deprecated: "webhook-deprecated" },
  callback: { removed: "callback-removed", removedAfterSunset: "callback-removed-after-sunset", added: "callback-added", deprecated: "callback-deprecated" },
} as const satisfies Record<string, Record<string, RuleId>>;

export interface SentSite {
  kind: keyof typeof RULES_OF;
  /** One of its operations in messages: `webhook newPet (POST)`, `POST /subscriptions callback 'onEvent' POST '{$request.body#/callbackUrl}'`. */
  label: (method: string) => string;
  /**
   * What its changes are reported at (`Change.operation`, as ignore-file entries name it), when that is
   * the operation itself (a webhook); a callback's changes stay at the operation that declares it.
   */
  operation?: (method: string) => string;
}

/**
 * Compares `base` and `head` (path items after `$ref`s; undefined on a side that has none) method by
 * method. `missing`: the nearest place that exists on each side, pointed at when the path item does not.
 */
export function compareSentPathItem(ctx: DiffContext, site: SentSite, base: At | undefined, head: At | undefined, missing: { base: string; head: string }): void {
  const rules = RULES_OF[site.kind];
  const bOps = new Map(base ? operationsOfItem(base.value).map((o) => [o.httpMethod, o]) : []);
  const hOps = new Map(head ? operationsOfItem(head.value).map((o) => [o.httpMethod, o]) : []);
  // the fixed methods in their order (as before 3.2), then the others as they come
  const fixed = FIXED_METHODS.map((m) => m.toUpperCase()).filter((m) => bOps.has(m) || hOps.has(m));
  for (const method of new Set([...fixed, ...bOps.keys(), ...hOps.keys()])) {
    const bo = bOps.get(method);
    const ho = hOps.get(method);
    const label = site.label(method);
    if (site.operation) ctx.operation = site.operation(method);
    const bPtr = base && bo ? child(base.pointer, ...bo.segments) : undefined;
    const hPtr = head && ho ? child(head.pointer, ...ho.segments) : undefined;
    if (bo && bPtr !== undefined && !ho) {
      // a sent request is an operation: deprecated with an x-sunset that has come, it may go (as operations may)
      const verdict = removalVerdict(deprecationOf(bo.operation), ctx.policy);
      const where = { base: bPtr, head: head?.pointer ?? missing.head };
      if (verdict.allowed) ctx.emit(rules.removedAfterSunset, `${label}: removed; ${verdict.why}`, NOT_BREAKING, where);
      else ctx.emit(rules.removed, `${label}: removed (consumers no longer receive it); ${verdict.why}`, { client: true, server: false }, where);
    } else if (ho && hPtr !== undefined && !bo) {
      ctx.emit(rules.added, `${label}: added (the API must send it)`, { client: false, server: true }, { base: base?.pointer ?? missing.base, head: hPtr });
    } else if (bo && ho && bPtr !== undefined && hPtr !== undefined) {
      const [bOp, hOp] = [bo.operation, ho.operation];
      if (bOp.deprecated !== true && hOp.deprecated === true) ctx.emit(rules.deprecated, `${label}: deprecated`, NOT_BREAKING, { base: bPtr, head: child(hPtr, "deprecated") });
      ctx.checkNotice(bOp, hOp, label, { base: bPtr, head: sunsetPointer(hOp, hPtr) });
      comparePayload(ctx, label, bOp.requestBody, child(bPtr, "requestBody"), hOp.requestBody, child(hPtr, "requestBody"));
      // a sent request may declare callbacks of its own (legal, if rare): they are compared in turn
      compareCallbacks(ctx, label, { op: bOp, pointer: bPtr }, { op: hOp, pointer: hPtr });
    }
  }
}

function comparePayload(ctx: DiffContext, label: string, b: unknown, bPtr: string, h: unknown, hPtr: string): void {
  const bb = b === undefined ? undefined : ctx.deref("base", b, bPtr);
  const hb = h === undefined ? undefined : ctx.deref("head", h, hPtr);
  if (!bb || !hb) return;
  const bc = isObject(bb.value.content) ? bb.value.content : {};
  const hc = isObject(hb.value.content) ? hb.value.content : {};
  for (const media of Object.keys(bc)) {
    const x = bc[media];
    const y = hc[media];
    if (!isObject(x) || !isObject(y) || x.schema === undefined || y.schema === undefined) continue;
    const base = { value: x.schema, pointer: child(bb.pointer, "content", media, "schema") };
    const head = { value: y.schema, pointer: child(hb.pointer, "content", media, "schema") };
    compareSchemas(ctx, base, head, "response", `${label} payload (${media})`);
  }
}
