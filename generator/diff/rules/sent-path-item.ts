/**
 * A path item the API sends rather than serves: a webhook (webhooks.ts), or one URL expression of an
 * operation's callback (callbacks.ts). Its operations are compared part by part as served ones are, with
 * the roles turned around (flow.ts, SENT): the API writes the request (parameters such as a signature
 * header, the payload) and consumers' receivers read it, so narrowing it binds the API and widening it
 * breaks consumers; receivers write the answer (responses) and the API reads it.
 */
import { FIXED_METHODS, operationsOfItem } from "../../openapi/kinds.js";
import type { RuleId } from "../change.js";
import { child, NOT_BREAKING, type At, type DiffContext } from "../context.js";
import { deprecationOf, removalVerdict, sunsetPointer } from "../sunset.js";
import { compareCallbacks } from "./callbacks.js";
import { SENT } from "../flow.js";
import { compareParameters, type OperationSite } from "./parameters.js";
import { compareRequestBody } from "./request-body.js";
import { compareResponses } from "./responses.js";
import { compareSecurity } from "./security.js";
import { compareOperationId } from "./operation-id.js";

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
    // each side's operation as a served one's is held (its path item's parameters apply to it too)
    const b: OperationSite | undefined = base && bo ? { op: bo.operation, opPtr: child(base.pointer, ...bo.segments), item: base.value, itemPtr: base.pointer } : undefined;
    const h: OperationSite | undefined = head && ho ? { op: ho.operation, opPtr: child(head.pointer, ...ho.segments), item: head.value, itemPtr: head.pointer } : undefined;
    if (b && !h) {
      // a sent request is an operation: deprecated with an x-sunset that has come, it may go (as operations may)
      const verdict = removalVerdict(deprecationOf(b.op), ctx.policy);
      const where = { base: b.opPtr, head: head?.pointer ?? missing.head };
      if (verdict.allowed) ctx.emit(rules.removedAfterSunset, `${label}: removed; ${verdict.why}`, NOT_BREAKING, where);
      else ctx.emit(rules.removed, `${label}: removed (consumers no longer receive it); ${verdict.why}`, { client: true, server: false }, where);
    } else if (h && !b) {
      ctx.emit(rules.added, `${label}: added (the API must send it)`, { client: false, server: true }, { base: base?.pointer ?? missing.base, head: h.opPtr });
    } else if (b && h) {
      if (b.op.deprecated !== true && h.op.deprecated === true) ctx.emit(rules.deprecated, `${label}: deprecated`, NOT_BREAKING, { base: b.opPtr, head: child(h.opPtr, "deprecated") });
      ctx.checkNotice(b.op, h.op, label, { base: b.opPtr, head: sunsetPointer(h.op, h.opPtr) });
      compareOperationId(ctx, label, "the generated receiver's handler and sender's method are renamed", b, h);
      compareParameters(ctx, label, SENT.request, b, h, new Map());
      compareRequestBody(ctx, label, SENT.request, b, h);
      compareResponses(ctx, label, SENT.response, b, h);
      // the subscriber's URL is registered, not taken from `servers`: those of a webhook are not compared
      compareSecurity(ctx, label, SENT.request, b, h);
      // a sent request may declare callbacks of its own (legal, if rare): they are compared in turn
      compareCallbacks(ctx, label, { op: b.op, pointer: b.opPtr }, { op: h.op, pointer: h.opPtr });
    }
  }
}
