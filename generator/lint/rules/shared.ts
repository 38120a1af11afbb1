/** Helpers several rules share: the document's operations, `$ref` following, pointer building. */
import { HTTP_METHODS, isObject, type HttpMethod, type JsonObject } from "../../openapi/kinds.js";
import { escapeSegment, pointerFromFragment, resolvePointer } from "../../openapi/pointer.js";
import type { LintContext } from "../types.js";

export interface OperationSite {
  method: HttpMethod;
  path: string;
  /** Pointer of the operation in the bundled document. */
  pointer: string;
  operation: JsonObject;
  pathItem: JsonObject;
  pathItemPointer: string;
  /** Set for an operation of a callback (its "path" is a runtime expression). */
  callback?: boolean;
}

/** Follows local `$ref`s (bundle made every ref local); undefined when one does not resolve. */
export function deref(document: JsonObject, value: unknown): { node: JsonObject | undefined; pointer?: string } {
  let node = value;
  let pointer: string | undefined;
  for (let hops = 0; isObject(node) && typeof node.$ref === "string" && hops < 32; hops++) {
    const ref = node.$ref;
    const fragment = ref.startsWith("#") ? pointerFromFragment(ref.slice(1)) : undefined;
    if (fragment === undefined) return { node: undefined };
    pointer = fragment;
    const r = resolvePointer(document, fragment);
    node = r.found ? r.value : undefined;
  }
  return { node: isObject(node) ? node : undefined, pointer };
}

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
      for (const method of HTTP_METHODS) {
        const operation = item[method];
        if (isObject(operation)) out.push({ method, path, pointer: `${itemPointer}/${method}`, operation, pathItem: item, pathItemPointer: itemPointer });
      }
    }
    return out;
  });
}

/** The operations of callbacks (operation -> callbacks -> expression -> path item -> operation), any depth. */
export function callbackOperationsOf(ctx: LintContext): OperationSite[] {
  return ctx.memo("callback-operations", () => {
    const out: OperationSite[] = [];
    const visit = (sites: OperationSite[], depth: number) => {
      if (depth > 8) return;
      const found: OperationSite[] = [];
      for (const site of sites) {
        const callbacks = site.operation.callbacks;
        if (!isObject(callbacks)) continue;
        for (const name of Object.keys(callbacks)) {
          const { node: callback, pointer: target } = deref(ctx.document, callbacks[name]);
          if (!callback) continue;
          const at = target ?? `${site.pointer}/callbacks/${escapeSegment(name)}`;
          for (const expr of Object.keys(callback)) {
            if (expr.startsWith("x-")) continue;
            const { node: item, pointer: itemTarget } = deref(ctx.document, callback[expr]);
            if (!item) continue;
            const itemPointer = itemTarget ?? `${at}/${escapeSegment(expr)}`;
            for (const method of HTTP_METHODS) {
              const operation = item[method];
              if (isObject(operation)) found.push({ method, path: expr, pointer: `${itemPointer}/${method}`, operation, pathItem: item, pathItemPointer: itemPointer, callback: true });
            }
          }
        }
      }
      out.push(...found);
      if (found.length) visit(found, depth + 1);
    };
    visit(operationsOf(ctx), 0);
    return out;
  });
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
  return `${site.method.toUpperCase()} ${site.path}`;
}

export { escapeSegment };
