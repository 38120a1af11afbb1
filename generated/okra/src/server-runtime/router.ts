/** The router: a tree of path segments (static before mixed before parameters), built once from the route table. */
import { decode, matchMixed } from "./params.js";
import type { AnyHandler, BodyKind, FileSites, FormField, OperationSpec, OperationValidators, Param, Segment, Validate } from "./types.js";

/** An accepted media type (without parameters, lower-cased), how it is read, and the validator of its body's schema. */
export type RouteMedia = readonly [mediaType: string, kind: BodyKind, fields: readonly FormField[] | undefined, validate: Validate | undefined, files?: FileSites];

export interface Route {
  name: string;
  op: OperationSpec;
  /** Indexes of the path segments holding parameters, and their specs. */
  captures: { index: number; segment: Segment }[];
  handler: AnyHandler;
  validators: OperationValidators | undefined;
  /** The `WWW-Authenticate` of a 401, worked out once. */
  challenge: string;
  media: readonly RouteMedia[];
  /** `Content-Type` values seen and the media type each is read as (`null`: refused); bounded. */
  kinds: Map<string, RouteMedia | null>;
}

interface Node {
  fixed: Map<string, Node>;
  mixed: { parts: readonly (string | Param)[]; node: Node }[];
  param?: Node;
  routes?: Map<string, Route>;
}

const newNode = (): Node => ({ fixed: new Map(), mixed: [] });

export function isParam(s: Segment | string | Param): s is Param {
  return typeof s !== "string" && (s.length === 4 || (s.length === 5 && (s[4] === true || Array.isArray(s[4]) || (typeof s[4] === "object" && s[4] !== null && "except" in s[4])))) && typeof s[2] === "string" && (s[3] === "scalar" || s[3] === "array" || s[3] === "object") && typeof s[0] === "string" && typeof s[1] === "string" && !Array.isArray(s[0]);
}

/** The routes (by method) of a matched path, and its segments as received. */
export interface Match {
  routes: Map<string, Route>;
  segs: string[];
}

export class Router {
  private readonly root = newNode();
  /** Paths without parameters, as received: one map lookup instead of a walk of the tree. */
  private readonly fixedPaths = new Map<string, Match>();

  add(route: Omit<Route, "captures">): void {
    const op = route.op;
    let node = this.root;
    const captures: Route["captures"] = [];
    op.path.forEach((segment, index) => {
      if (typeof segment === "string") {
        let next = node.fixed.get(segment);
        if (!next) node.fixed.set(segment, (next = newNode()));
        node = next;
      } else if (isParam(segment)) {
        captures.push({ index, segment });
        node = node.param ??= newNode();
      } else {
        captures.push({ index, segment });
        const key = JSON.stringify(segment.map((p) => (typeof p === "string" ? p : 0)));
        let entry = node.mixed.find((m) => JSON.stringify(m.parts.map((p) => (typeof p === "string" ? p : 0))) === key);
        if (!entry) node.mixed.push((entry = { parts: segment, node: newNode() }));
        node = entry.node;
      }
    });
    (node.routes ??= new Map()).set(op.method, { ...route, captures });
    // keyed as received: a `%` or `/` in a segment's text (a webhook's key is one segment) as `%25`, `%2F`
    if (!captures.length) this.fixedPaths.set(`/${(op.path as string[]).map((s) => s.replace(/%/g, "%25").replace(/\//g, "%2F")).join("/")}`, { routes: node.routes, segs: [] });
  }

  /**
   * The routes of a path (still percent-encoded), or undefined when no operation has it. Concrete segments
   * win over parameters, unless only a templated path has the method: `GET /things/mine/x` is
   * `GET /things/{owner}/{id}` when `/things/mine/{id}` has no GET, as the client of that GET sends it.
   */
  match(pathname: string, method: string): Match | undefined {
    const fixed = this.fixedPaths.get(pathname);
    if (fixed && serves(fixed.routes, method)) return fixed;
    const { segs, decoded } = split(pathname);
    // the path serving the method; else the first path that has the URL (a 405)
    const node = find(this.root, segs, 0, decoded, (routes) => serves(routes, method));
    if (node) return { routes: node.routes!, segs };
    if (fixed) return fixed;
    const any = find(this.root, segs, 0, decoded, () => true);
    return any ? { routes: any.routes!, segs } : undefined;
  }

  /** The methods some path having this URL answers, for a 405's `Allow`: a concrete path's and the templated ones' that `match` falls back to. */
  allowed(pathname: string): string[] {
    const { segs, decoded } = split(pathname);
    const methods = new Set<string>();
    find(this.root, segs, 0, decoded, (routes) => {
      for (const m of routes.keys()) methods.add(m);
      return false; // go on to every path having the URL
    });
    // HEAD is answered wherever GET is (RFC 9110 9.3.2), so `Allow` names it too
    if (methods.has("GET")) methods.add("HEAD");
    return [...methods];
  }
}

/** A path's segments as received (still percent-encoded) and decoded (`undefined`: not decodable). */
function split(pathname: string): { segs: string[]; decoded: (string | undefined)[] } {
  const segs = pathname.split("/").slice(1);
  const decoded = segs.map((s) => {
    try {
      return decode(s, false);
    } catch {
      return undefined;
    }
  });
  return { segs, decoded };
}

/** Whether a path's routes answer `method` (HEAD by its GET). */
function serves(routes: Map<string, Route>, method: string): boolean {
  return routes.has(method) || (method === "HEAD" && routes.has("GET"));
}

function find(node: Node, segs: string[], i: number, decoded: (string | undefined)[], accept: (routes: Map<string, Route>) => boolean): Node | undefined {
  if (i === segs.length) return node.routes && accept(node.routes) ? node : undefined;
  const d = decoded[i];
  if (d !== undefined) {
    // a segment's text as decoded, else as received (a path the spec writes with a percent-escape)
    const fixed = node.fixed.get(d) ?? (d !== segs[i] ? node.fixed.get(segs[i]!) : undefined);
    const hit = fixed && find(fixed, segs, i + 1, decoded, accept);
    if (hit) return hit;
    for (const m of node.mixed) if (d !== "" && matchMixed(m.parts, segs[i]!)) {
      const got = find(m.node, segs, i + 1, decoded, accept);
      if (got) return got;
    }
  }
  if (node.param && segs[i] !== "") return find(node.param, segs, i + 1, decoded, accept);
  return undefined;
}
