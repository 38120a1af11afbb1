/**
 * Paths and operations: matched by method and path template (variable names ignored, so `/pets/{id}` and
 * `/pets/{petId}` are one route), then each matched pair compared part by part.
 */
import { isObject, operationsOfItem, type JsonObject, type PathItemOperation } from "../../openapi/kinds.js";
import { child, NOT_BREAKING, type DiffContext } from "../context.js";
import { compareCallbacks } from "./callbacks.js";
import { compareParameters, type OperationSite } from "./parameters.js";
import { compareRequestBody } from "./request-body.js";
import { compareResponses } from "./responses.js";
import { compareSecurity } from "./security.js";
import { compareOperationId } from "./operation-id.js";
import { compareServers } from "./servers.js";
import { deprecationOf, removalVerdict, sunsetPointer } from "../sunset.js";
import { SERVED } from "../flow.js";

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
    const hOps = h ? byMethod(h.item) : new Map<string, PathItemOperation>();
    for (const bo of operationsOfItem(b.item)) {
      const ho = hOps.get(bo.httpMethod);
      ctx.operation = `${bo.httpMethod} ${h?.path ?? b.path}`;
      const bSite: OperationSite = { op: bo.operation, opPtr: at(b.pointer, bo.segments), item: b.item, itemPtr: b.pointer };
      if (!h || !ho) {
        const verdict = removalVerdict(deprecationOf(bo.operation), ctx.policy);
        const text = `${bo.httpMethod} ${b.path}: operation removed${h ? "" : " (the whole path is gone)"}`;
        const where = { base: bSite.opPtr, head: h ? h.pointer : "/paths" };
        if (verdict.allowed) ctx.emit("operation-removed-after-sunset", `${text}; ${verdict.why}`, NOT_BREAKING, where);
        else ctx.emit("operation-removed", `${text}; ${verdict.why}`, { client: true, server: false }, where);
        continue;
      }
      const hSite: OperationSite = { op: ho.operation, opPtr: at(h.pointer, ho.segments), item: h.item, itemPtr: h.pointer };
      compareOperation(ctx, bSite, hSite, renamesOf(b.path, h.path));
    }
  }
  for (const [key, h] of head) {
    const b = base.get(key);
    const bOps = b ? byMethod(b.item) : new Map<string, PathItemOperation>();
    for (const ho of operationsOfItem(h.item)) {
      if (bOps.has(ho.httpMethod)) continue;
      ctx.operation = `${ho.httpMethod} ${h.path}`;
      ctx.emit("operation-added", `${ctx.operation}: operation added (servers must implement it)`, { client: false, server: true }, { base: b ? b.pointer : "/paths", head: at(h.pointer, ho.segments) });
    }
  }
  ctx.operation = undefined;
}

/**
 * A path item's operations by the method they send: `query` and `additionalOperations` compare like the
 * fixed fields, and an operation moved between `additionalOperations` and a fixed field (one 3.2 spelling
 * to another) is the same operation.
 */
function byMethod(item: JsonObject): Map<string, PathItemOperation> {
  return new Map(operationsOfItem(item).map((o) => [o.httpMethod, o]));
}

const at = (pointer: string, segments: string[]) => child(pointer, ...segments);

function renamesOf(basePath: string, headPath: string): Map<string, string> {
  const bv = variables(basePath);
  const hv = variables(headPath);
  return new Map(bv.map((name, i) => [name, hv[i] ?? name]));
}

function compareOperation(ctx: DiffContext, b: OperationSite, h: OperationSite, renames: Map<string, string>): void {
  const op = ctx.operation ?? "";
  compareOperationId(ctx, op, "generated client methods and server handlers are renamed", b, h);
  if (b.op.deprecated !== true && h.op.deprecated === true) ctx.emit("operation-deprecated", `${op}: deprecated`, NOT_BREAKING, { base: b.opPtr, head: child(h.opPtr, "deprecated") });
  ctx.checkNotice(b.op, h.op, op, { base: b.opPtr, head: sunsetPointer(h.op, h.opPtr) });
  if (b.op.deprecated === true && h.op.deprecated !== true) ctx.emit("operation-undeprecated", `${op}: no longer deprecated`, NOT_BREAKING, { base: child(b.opPtr, "deprecated"), head: h.opPtr });
  compareParameters(ctx, op, SERVED.request, b, h, renames);
  compareRequestBody(ctx, op, SERVED.request, b, h);
  compareResponses(ctx, op, SERVED.response, b, h);
  compareSecurity(ctx, op, SERVED.request, b, h);
  const own = (s: OperationSite) => s.op.servers ?? s.item.servers;
  if (own(b) !== undefined || own(h) !== undefined) {
    const list = (s: OperationSite, doc: JsonObject) => own(s) ?? doc.servers;
    const ptr = (s: OperationSite) => (s.op.servers !== undefined ? child(s.opPtr, "servers") : s.item.servers !== undefined ? child(s.itemPtr, "servers") : "/servers");
    compareServers(ctx, list(b, ctx.base.document), ptr(b), list(h, ctx.head.document), ptr(h), op);
  }
  compareCallbacks(ctx, op, { op: b.op, pointer: b.opPtr }, { op: h.op, pointer: h.opPtr });
}
