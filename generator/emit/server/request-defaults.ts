/**
 * Where a request's schemas have a `default`, as data for the server's runtime (`defaults.ts`), which fills
 * each absent property with it before validation, as Fastify (ajv's `useDefaults`) does: through `$ref`,
 * `allOf`, `properties`, `additionalProperties` and `items`, never into `oneOf`/`anyOf`/`not`/`if` (which
 * branch holds is not known before validation). A property the request's side does not send (readOnly in
 * what a client sends, writeOnly in what the API sends) gets none. Nodes are numbered, so a recursive
 * schema's node refers to itself; nodes that fill nothing, themselves or below, are left out.
 */
import { code, join, key, literal, type Code } from "../../codegen/code.js";
import type { ApiIR, OperationIR, ParameterIR } from "../../ir/types.js";
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { setOwn } from "../../openapi/own.js";
import { componentSchemas, isMarked } from "../../openapi/read-write.js";
import { deref } from "../../openapi/sample-value.js";
import { sentByApi } from "../../ir/sent.js";
import { requestBodyKind, requestMedia } from "../client/media-kinds.js";

interface Node {
  fill: Map<string, unknown>;
  members: Map<string, number>;
  /** The node of `additionalProperties`' values, and the names `properties` declares (which it does not cover). */
  others?: number;
  named: string[];
  items?: number;
  /** No `oneOf`/`anyOf`/`if`/`not` among its schemas: its type is one object type, which `WithDefaults` can map. */
  plain: boolean;
}

/** Where one operation's parts have defaults: node numbers (before `finish` renumbers them). */
interface OperationRoots {
  query?: number;
  header?: number;
  cookie?: number;
  querystring?: number;
  bodies: [mediaType: string, node: number][];
}

/** Schemas visited per node at most (allOf chains); nodes per spec at most: past it, deeper values get no defaults. */
const MAX_MERGED = 64;
const MAX_NODES = 20_000;

class PlanBuilder {
  readonly nodes: Node[] = [];
  private readonly ids = new WeakMap<object, number>();
  private nextId = 0;
  private readonly memo = new Map<string, number>();
  private readonly components: JsonObject;

  constructor(
    private readonly document: JsonObject,
    private readonly skip: "readOnly" | "writeOnly",
  ) {
    this.components = componentSchemas(document);
  }

  private id(o: object): number {
    let id = this.ids.get(o);
    if (id === undefined) this.ids.set(o, (id = this.nextId++));
    return id;
  }

  /** The node of a value all of `schemas` apply to; undefined past the node budget. */
  node(schemas: readonly unknown[]): number | undefined {
    const objects = schemas.filter(isObject);
    if (!objects.length) return undefined;
    const memoKey = objects.map((s) => this.id(s)).sort().join(",");
    const known = this.memo.get(memoKey);
    if (known !== undefined) return known;
    if (this.nodes.length >= MAX_NODES) return undefined;
    const node: Node = { fill: new Map(), members: new Map(), named: [], plain: true };
    const index = this.nodes.push(node) - 1;
    this.memo.set(memoKey, index);
    const members = new Map<string, unknown[]>();
    const others: unknown[] = [];
    const items: unknown[] = [];
    const seen = new Set<object>();
    const named = new Set<string>();
    const visit = (raw: unknown): void => {
      // a 3.1 `$ref` with siblings: the siblings apply beside what it refers to
      if (isObject(raw) && typeof raw.$ref === "string" && Object.keys(raw).length > 1 && !seen.has(raw)) {
        seen.add(raw);
        const { $ref: _ref, ...siblings } = raw;
        visitOwn(siblings);
      }
      const s = deref(this.document, raw);
      if (!isObject(s) || seen.has(s) || seen.size >= MAX_MERGED) return;
      seen.add(s);
      visitOwn(s);
    };
    const visitOwn = (s: JsonObject): void => {
      if (["oneOf", "anyOf", "if", "not"].some((k) => s[k] !== undefined)) node.plain = false;
      if (isObject(s.properties)) {
        for (const name of Object.keys(s.properties)) {
          const property = s.properties[name];
          if (!named.has(name)) {
            named.add(name);
            node.named.push(name);
          }
          if (isMarked(property, this.skip, this.components)) continue;
          const value = defaultOf(this.document, property);
          if (value !== undefined && !node.fill.has(name)) node.fill.set(name, value.value);
          const list = members.get(name);
          if (list) list.push(property);
          else members.set(name, [property]);
        }
      }
      if (isObject(s.additionalProperties)) others.push(s.additionalProperties);
      if (isObject(s.items)) items.push(s.items);
      if (Array.isArray(s.allOf)) for (const m of s.allOf) visit(m);
    };
    for (const s of objects) visit(s);
    for (const [name, list] of members) {
      const child = this.node(list);
      if (child !== undefined) node.members.set(name, child);
    }
    if (others.length) node.others = this.node(others);
    if (items.length) node.items = this.node(items);
    return index;
  }

  /** The nodes that fill something, themselves or below, renumbered; `at(i)` is node i's new number. */
  finish(): { nodes: Node[]; at: (i: number | undefined) => number | undefined } {
    // useful: fills itself, or a node below does; spread from the filling nodes up their parent edges,
    // each node once (a pass over every node until none changed was quadratic on GitHub's webhooks)
    const parents: number[][] = this.nodes.map(() => []);
    this.nodes.forEach((n, i) => {
      for (const c of [...n.members.values(), n.others, n.items]) if (c !== undefined) parents[c]!.push(i);
    });
    const useful = this.nodes.map((n) => n.fill.size > 0);
    const queue = useful.flatMap((u, i) => (u ? [i] : []));
    while (queue.length) {
      for (const p of parents[queue.pop()!]!) {
        if (useful[p]) continue;
        useful[p] = true;
        queue.push(p);
      }
    }
    const renumbered = new Map<number, number>();
    useful.forEach((u, i) => u && renumbered.set(i, renumbered.size));
    const at = (i: number | undefined) => (i === undefined ? undefined : renumbered.get(i));
    const nodes = this.nodes.flatMap((n, i): Node[] => {
      if (!useful[i]) return [];
      const members = new Map([...n.members].flatMap(([name, c]): [string, number][] => (at(c) === undefined ? [] : [[name, at(c)!]])));
      return [{ ...n, members, others: at(n.others), items: at(n.items) }];
    });
    return { nodes, at };
  }
}

/** A property's `default` (beside its `$ref`, or on the schema it refers to). */
function defaultOf(document: JsonObject, property: unknown): { value: unknown } | undefined {
  if (isObject(property) && "default" in property) return { value: property.default };
  const s = deref(document, property);
  return isObject(s) && "default" in s ? { value: s.default } : undefined;
}

/** A parameter part as the one object the server validates: each parameter a property. */
function paramsSchema(list: readonly ParameterIR[]): JsonObject {
  const properties: JsonObject = {};
  for (const p of list) if (p.schema !== undefined && !p.contentType) setOwn(properties, p.name, p.schema);
  return { type: "object", properties };
}

export interface RequestDefaults {
  /** `defaults` of the route table, or undefined when no request of these operations has one. */
  table: Code | undefined;
  /** An operation's `defaults` field of its route. */
  of(op: OperationIR): Code | undefined;
  /**
   * The top-level names the server fills in a part (`query`, `header`, `cookie`, or a body's media type);
   * none for a body whose type is not one object type (a union's members have their own properties).
   */
  filled(op: OperationIR, part: string): string[];
}

/** The defaults of the requests of `operations` (all served, or all sent by the API). */
export function requestDefaults(ir: ApiIR, operations: readonly OperationIR[]): RequestDefaults {
  const builder = new PlanBuilder(ir.document, operations.some(sentByApi) ? "writeOnly" : "readOnly");
  const roots = new Map<OperationIR, OperationRoots>();
  for (const op of operations) {
    const r: OperationRoots = { bodies: [] };
    const param = (list: readonly ParameterIR[]) => (list.length ? builder.node([paramsSchema(list)]) : undefined);
    r.query = param(op.parameters.query);
    r.header = param(op.parameters.header);
    r.cookie = param(op.parameters.cookie);
    if (op.querystring?.schema !== undefined) r.querystring = builder.node([op.querystring.schema]);
    for (const m of requestMedia(op.requestBody?.content ?? [])) {
      const kind = requestBodyKind(ir.document, m);
      if (kind === "text" || kind === "raw" || m.schema === undefined) continue;
      const n = builder.node([m.schema]);
      if (n !== undefined) r.bodies.push([m.mediaType, n]);
    }
    roots.set(op, r);
  }
  const { nodes, at } = builder.finish();
  const nodeCode = (n: Node): Code => {
    const fields: Code[] = [];
    if (n.fill.size) fields.push(code`fill: [${join([...n.fill].map(([name, value]) => code`[${name}, ${literal(value)}]`), ", ")}]`);
    if (n.members.size) fields.push(code`members: [${join([...n.members].map(([name, c]) => code`[${name}, ${c}]`), ", ")}]`);
    if (n.others !== undefined) fields.push(code`others: ${n.others}`, code`named: [${join(n.named.map((name) => code`${name}`), ", ")}]`);
    if (n.items !== undefined) fields.push(code`items: ${n.items}`);
    return code`{ ${join(fields, ", ")} }`;
  };
  return {
    table: nodes.length ? code`[\n${join(nodes.map((n) => code`    ${nodeCode(n)},`))}\n  ]` : undefined,
    of(op) {
      const r = roots.get(op);
      if (!r) return undefined;
      const fields: Code[] = [];
      for (const part of ["query", "header", "cookie", "querystring"] as const) {
        const n = at(r[part]);
        if (n !== undefined) fields.push(code`${key(part)}: ${n}`);
      }
      const bodies = r.bodies.flatMap(([m, i]): Code[] => (at(i) === undefined ? [] : [code`[${m}, ${at(i)!}]`]));
      if (bodies.length) fields.push(code`bodies: [${join(bodies, ", ")}]`);
      return fields.length ? code`{ ${join(fields, ", ")} }` : undefined;
    },
    filled(op, part) {
      const r = roots.get(op);
      const raw = part === "query" || part === "header" || part === "cookie" ? r?.[part] : r?.bodies.find(([m]) => m === part)?.[1];
      const node = raw === undefined || at(raw) === undefined ? undefined : builder.nodes[raw]!;
      return node?.plain ? [...node.fill.keys()] : [];
    },
  };
}
