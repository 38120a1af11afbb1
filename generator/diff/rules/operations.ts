/**
 * Paths and operations: matched by method and path template (variable names ignored, so `/pets/{id}` and
 * `/pets/{petId}` are one route), then each matched pair compared part by part.
 */
import { HTTP_METHODS, isObject, type JsonObject } from "../../openapi/kinds.js";
import { child, NOT_BREAKING, q, type DiffContext } from "../context.js";
import { compareParameters, type OperationSite } from "./parameters.js";
import { compareRequestBody } from "./request-body.js";
import { compareResponses } from "./responses.js";
import { compareSecurity } from "./security.js";
import { compareServers } from "./servers.js";
import { deprecationOf, removalVerdict, sunsetPointer } from "../sunset.js";

interface Route {
  path: string;
  item: JsonObject;
  pointer: string;
}

const routeKey = (path: string) => path.replace(/\{[^}]*\}/g, "{}");
const variables = (path: string) => [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);

function routesOf(ctx: DiffContext, which: "base" | "head"): Map<string, Route> {
  const doc = (which === "base" ? ctx.base : ctx.head).document;
  const out = new Map<string, Route>();
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const path of Object.keys(paths)) {
    if (path.startsWith("x-")) continue;
    const pointer = child("/paths", path);
    const at = ctx.deref(which, paths[path], pointer);
    if (at) out.set(routeKey(path), { path, item: at.value, pointer });
  }
  return out;
}

export function compareOperations(ctx: DiffContext): void {
  const base = routesOf(ctx, "base");
  const head = routesOf(ctx, "head");
  for (const [key, b] of base) {
    const h = head.get(key);
    for (const method of HTTP_METHODS) {
      const bOp = b.item[method];
      if (!isObject(bOp)) continue;
      const hOp = h?.item[method];
      ctx.operation = `${method.toUpperCase()} ${h?.path ?? b.path}`;
      const bSite: OperationSite = { op: bOp, opPtr: child(b.pointer, method), item: b.item, itemPtr: b.pointer };
      if (!h || !isObject(hOp)) {
        const verdict = removalVerdict(deprecationOf(bOp), ctx.policy);
        const text = `${method.toUpperCase()} ${b.path}: operation removed${h ? "" : " (the whole path is gone)"}`;
        const where = { base: bSite.opPtr, head: h ? h.pointer : "/paths" };
        if (verdict.allowed) ctx.emit("operation-removed-after-sunset", `${text}; ${verdict.why}`, NOT_BREAKING, where);
        else ctx.emit("operation-removed", `${text}; ${verdict.why}`, { client: true, server: false }, where);
        continue;
      }
      const hSite: OperationSite = { op: hOp, opPtr: child(h.pointer, method), item: h.item, itemPtr: h.pointer };
      compareOperation(ctx, bSite, hSite, renamesOf(b.path, h.path));
    }
  }
  for (const [key, h] of head) {
    const b = base.get(key);
    for (const method of HTTP_METHODS) {
      if (!isObject(h.item[method]) || (b && isObject(b.item[method]))) continue;
      ctx.operation = `${method.toUpperCase()} ${h.path}`;
      ctx.emit("operation-added", `${ctx.operation}: operation added (servers must implement it)`, { client: false, server: true }, { base: b ? b.pointer : "/paths", head: child(h.pointer, method) });
    }
  }
  ctx.operation = undefined;
}

function renamesOf(basePath: string, headPath: string): Map<string, string> {
  const bv = variables(basePath);
  const hv = variables(headPath);
  return new Map(bv.map((name, i) => [name, hv[i] ?? name]));
}

function compareOperation(ctx: DiffContext, b: OperationSite, h: OperationSite, renames: Map<string, string>): void {
  const op = ctx.operation ?? "";
  const bId = typeof b.op.operationId === "string" ? b.op.operationId : undefined;
  const hId = typeof h.op.operationId === "string" ? h.op.operationId : undefined;
  if (bId !== hId) {
    const text = bId === undefined ? `operationId ${q(hId!)} added` : hId === undefined ? `operationId ${q(bId)} removed` : `operationId changed from ${q(bId)} to ${q(hId)}`;
    ctx.emit("operation-id-changed", `${op}: ${text} (the wire is unchanged, but generated client methods and server handlers are renamed)`, { client: true, server: true }, { base: child(b.opPtr, "operationId"), head: child(h.opPtr, "operationId") });
  }
  if (b.op.deprecated !== true && h.op.deprecated === true) ctx.emit("operation-deprecated", `${op}: deprecated`, NOT_BREAKING, { base: b.opPtr, head: child(h.opPtr, "deprecated") });
  ctx.checkNotice(b.op, h.op, op, { base: b.opPtr, head: sunsetPointer(h.op, h.opPtr) });
  if (b.op.deprecated === true && h.op.deprecated !== true) ctx.emit("operation-undeprecated", `${op}: no longer deprecated`, NOT_BREAKING, { base: child(b.opPtr, "deprecated"), head: h.opPtr });
  compareParameters(ctx, b, h, renames);
  compareRequestBody(ctx, b, h);
  compareResponses(ctx, b, h);
  compareSecurity(ctx, b, h);
  const own = (s: OperationSite) => s.op.servers ?? s.item.servers;
  if (own(b) !== undefined || own(h) !== undefined) {
    const list = (s: OperationSite, doc: JsonObject) => own(s) ?? doc.servers;
    const ptr = (s: OperationSite) => (s.op.servers !== undefined ? child(s.opPtr, "servers") : s.item.servers !== undefined ? child(s.itemPtr, "servers") : "/servers");
    compareServers(ctx, list(b, ctx.base.document), ptr(b), list(h, ctx.head.document), ptr(h), op);
  }
}
