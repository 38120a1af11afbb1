/** Helpers several rules share: the document's operations, `$ref` following, pointer building. */
import { isObject, operationsOfItem, type JsonObject } from "../../openapi/kinds.js";
import { callbackEntries } from "../../openapi/callbacks.js";
import { derefLocal, escapeSegment } from "../../openapi/pointer.js";
import { forEachNode } from "../../openapi/walk.js";
import { X_WEBHOOKS } from "../../openapi/x-webhooks.js";
import type { Kind } from "../../openapi/kinds.js";
import type { LintContext } from "../types.js";

/**
 * Every typed object of the document, as `forEachNode` gives them, plus those under a 3.0 document's
 * `x-webhooks` when it is read as `webhooks` (`ctx.xWebhooks`, openapi/x-webhooks.ts: GitHub's description
 * keeps its webhooks there; Redocly and `generate` read them so), with pointers under `/x-webhooks`.
 */
export function forEachLintNode(ctx: LintContext, fn: (node: JsonObject, kind: Kind, pointer: string) => void): void {
  forEachNode(ctx.document, fn);
  const extra = ctx.xWebhooks;
  if (extra) forEachNode({ webhooks: extra }, (node, kind, pointer) => kind !== "Root" && fn(node, kind, `/${X_WEBHOOKS}${pointer.slice("/webhooks".length)}`));
}

/** Operations of `webhooks` (or of a 3.0 document's `x-webhooks`, when read as them). */
export function webhookOperationsOf(ctx: LintContext): OperationSite[] {
  return ctx.memo("webhook-operations", () => {
    const out: OperationSite[] = [];
    for (const [key, hooks] of [["webhooks", ctx.document.webhooks], [X_WEBHOOKS, ctx.xWebhooks]] as const) {
      if (!isObject(hooks)) continue;
      for (const name of Object.keys(hooks)) {
        const { node: item, pointer: target } = deref(ctx.document, hooks[name]);
        if (!item) continue;
        const itemPointer = target ?? `/${key}/${escapeSegment(name)}`;
        for (const op of operationsOfItem(item)) out.push({ ...siteOf(op, itemPointer), path: `webhook ${name}`, pathItem: item, pathItemPointer: itemPointer, callback: true });
      }
    }
    return out;
  });
}

export interface OperationSite {
  /** Its key: `get`, `query`, or an `additionalOperations` key as written. */
  method: string;
  /** What is sent: `GET`, `QUERY`, `LINK`. */
  httpMethod: string;
  path: string;
  /** Pointer of the operation in the bundled document. */
  pointer: string;
  operation: JsonObject;
  pathItem: JsonObject;
  pathItemPointer: string;
  /** Set for an operation of a callback (its "path" is a runtime expression). */
  callback?: boolean;
}

/** The method, pointer and object of one of a path item's operations (`operationsOfItem`). */
function siteOf(op: ReturnType<typeof operationsOfItem>[number], itemPointer: string): Pick<OperationSite, "method" | "httpMethod" | "pointer" | "operation"> {
  return { method: op.method, httpMethod: op.httpMethod, pointer: `${itemPointer}${op.segments.map((s) => `/${escapeSegment(s)}`).join("")}`, operation: op.operation };
}

/** Follows local `$ref`s (bundle made every ref local); undefined when one does not resolve. */
export const deref = derefLocal;

/** Every operation under `paths`, in document order. */
export function operationsOf(ctx: LintContext): OperationSite[] {
  return ctx.memo("operations", () => {
    const out: OperationSite[] = [];
    const paths = ctx.document.paths;
    if (!isObject(paths)) return out;
    for (const path of Object.keys(paths)) {
      if (path.startsWith("x-")) continue;
      const { node: item, pointer: target } = deref(ctx.document, paths[path]);
      if (!item) continue;
      const itemPointer = target ?? `/paths/${escapeSegment(path)}`;
      for (const op of operationsOfItem(item)) out.push({ ...siteOf(op, itemPointer), path, pathItem: item, pathItemPointer: itemPointer });
    }
    return out;
  });
}

/** The operations of callbacks (operation -> callbacks -> expression -> path item -> operation), any depth. */
export function callbackOperationsOf(ctx: LintContext): OperationSite[] {
  return ctx.memo("callback-operations", () => {
    const out: OperationSite[] = [];
    // a path item several operations share (a components.callbacks entry) is read once: one finding, not one per operation
    const seen = new Set<string>();
    const visit = (sites: OperationSite[], depth: number) => {
      if (depth > 8) return;
      const found: OperationSite[] = [];
      for (const site of sites) {
        for (const { expression, item, itemPointer } of callbackEntries(ctx.document, site.operation.callbacks, `${site.pointer}/callbacks`)) {
          if (seen.has(itemPointer)) continue;
          seen.add(itemPointer);
          for (const op of operationsOfItem(item)) found.push({ ...siteOf(op, itemPointer), path: expression, pathItem: item, pathItemPointer: itemPointer, callback: true });
        }
      }
      out.push(...found);
      if (found.length) visit(found, depth + 1);
    };
    visit(operationsOf(ctx), 0);
    return out;
  });
}

/** Every operation the document describes: under `paths`, webhooks (`x-webhooks` read as them) and callbacks, in that order. */
export function everyOperationOf(ctx: LintContext): OperationSite[] {
  return ctx.memo("every-operation", () => [...operationsOf(ctx), ...webhookOperationsOf(ctx), ...callbackOperationsOf(ctx)]);
}

/** A parameter list's entries, dereferenced, with the pointer to report at (the list entry). */
export function parametersIn(ctx: LintContext, list: unknown, pointer: string): Array<{ param: JsonObject; pointer: string }> {
  if (!Array.isArray(list)) return [];
  const out: Array<{ param: JsonObject; pointer: string }> = [];
  list.forEach((entry, i) => {
    const { node } = deref(ctx.document, entry);
    if (node) out.push({ param: node, pointer: `${pointer}/${i}` });
  });
  return out;
}

export function label(site: OperationSite): string {
  return `${site.httpMethod} ${site.path}`;
}

export { escapeSegment };
