/**
 * Date plans (`types: { dates: "Date" }`): per operation, where its parameters, request body and JSON
 * responses hold `type: string, format: date-time` values, as data the runtime interprets
 * (`templates/dates/runtime.ts`). The schema decides where a Date may be, never the look of a string.
 * A `$ref` to a schema that holds dates becomes `{ ref }` into one shared table: recursion stays finite
 * and a component's plan is written once. Keywords followed: properties, additionalProperties, items,
 * prefixItems, allOf/anyOf/oneOf, then/else and `$ref`; patternProperties are not (their keys are regexes).
 */
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { own, setOwn } from "../../openapi/own.js";
import { pointerFromFragment, resolvePointer } from "../../openapi/pointer.js";
import { types } from "../../openapi/sample-value.js";
import { bareMediaType, preferredMedia } from "../../ir/media.js";
import type { ApiIR, MediaIR, OperationIR, ParameterLocation } from "../../ir/types.js";
import { bodyKind, responseMedia, runtimeResponseKind } from "../client/media-kinds.js";

/** Mirrors `DatePlan` of templates/dates/runtime.ts. */
export type DatePlan = "date" | { ref: string } | DateShape;
export interface DateShape {
  props?: Record<string, DatePlan>;
  items?: DatePlan;
  tuple?: (DatePlan | null)[];
  rest?: DatePlan;
  all?: DatePlan[];
}
export interface OperationDatePlans {
  path?: DatePlan;
  query?: DatePlan;
  headers?: DatePlan;
  cookies?: DatePlan;
  /** The `in: querystring` value's (JSON or form; OpenAPI 3.2). */
  querystring?: DatePlan;
  body?: DatePlan;
  /** Every request media type's plan (bare type), when one differs from `body`'s (the preferred one's); `null`: none. */
  bodies?: Record<string, DatePlan | null>;
  responses?: Record<string, DatePlan>;
}
export interface DatePlans {
  operations: Record<string, OperationDatePlans>;
  /** The webhooks' plans by handler name, when a webhook has date-times. */
  webhooks?: Record<string, OperationDatePlans>;
  shared: Record<string, DatePlan>;
}

const BRANCHES = ["allOf", "anyOf", "oneOf"] as const;
/** Deeper inline nesting than this is not followed (a `$ref` starts again at 0). */
const MAX_DEPTH = 64;

function isDateTime(s: JsonObject): boolean {
  return s.format === "date-time" && types(s).includes("string");
}

/** The schemas a schema's value may nest, each with how the plan reaches it. */
function* children(s: JsonObject): Generator<["prop", string, unknown] | ["items" | "rest" | "all", undefined, unknown] | ["tuple", number, unknown]> {
  if (isObject(s.properties)) for (const k of Object.keys(s.properties)) yield ["prop", k, s.properties[k]];
  if (Array.isArray(s.prefixItems)) for (let i = 0; i < s.prefixItems.length; i++) yield ["tuple", i, s.prefixItems[i]];
  if (isObject(s.items)) yield ["items", undefined, s.items];
  if (isObject(s.additionalProperties)) yield ["rest", undefined, s.additionalProperties];
  for (const k of BRANCHES) if (Array.isArray(s[k])) for (const sub of s[k] as unknown[]) yield ["all", undefined, sub];
  for (const k of ["then", "else"]) if (isObject(s[k])) yield ["all", undefined, s[k]];
}

class PlanBuilder {
  readonly shared: Record<string, DatePlan> = {};
  /** Refs known to reach a date-time (true) or known not to (false). */
  private readonly reaches = new Map<string, boolean>();

  constructor(private readonly document: JsonObject) {}

  plan(schema: unknown, depth = 0): DatePlan | undefined {
    if (!isObject(schema) || depth > MAX_DEPTH) return undefined;
    const all: DatePlan[] = [];
    if (typeof schema.$ref === "string") {
      const ref = this.ref(schema.$ref);
      if (ref) all.push(ref);
    }
    if (isDateTime(schema)) all.push("date");
    const shape: DateShape = {};
    const tuple: (DatePlan | null)[] = [];
    for (const [how, at, sub] of children(schema)) {
      const p = this.plan(sub, depth + 1);
      if (how === "tuple") tuple[at] = p ?? null;
      if (!p) continue;
      if (how === "prop") setOwn((shape.props ??= {}), at, p);
      else if (how === "items" || how === "rest") shape[how] = p;
      else if (how === "all") all.push(p);
    }
    if (tuple.some((p) => p !== null)) shape.tuple = tuple;
    if (Object.keys(shape).length === 0 && all.length <= 1) return all[0];
    if (all.length) shape.all = all;
    return shape;
  }

  /** `{ ref }` for a local `$ref` whose schema holds a date-time (its plan then in `shared`), else nothing. */
  private ref(ref: string): DatePlan | undefined {
    if (!this.reachesDate(ref)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(this.shared, ref)) {
      setOwn(this.shared, ref, "date"); // a placeholder while its own plan is built: recursion finds the key
      setOwn(this.shared, ref, this.plan(this.resolve(ref))!);
    }
    return { ref };
  }

  private resolve(ref: string): unknown {
    const pointer = ref.startsWith("#") ? pointerFromFragment(ref.slice(1)) : undefined;
    const found = pointer === undefined ? undefined : resolvePointer(this.document, pointer);
    return found?.found ? found.value : undefined;
  }

  /**
   * Whether a ref's schema reaches a date-time, through refs too (cycles included). A search that finds
   * none proves it for every ref it visited; one that finds one proves it only for where it started.
   */
  private reachesDate(ref: string): boolean {
    const known = this.reaches.get(ref);
    if (known !== undefined) return known;
    const visited = new Set<string>();
    const search = (r: string): boolean => {
      if (this.reaches.get(r) === true) return true;
      if (visited.has(r) || this.reaches.get(r) === false) return false;
      visited.add(r);
      const refs: string[] = [];
      if (this.scan(this.resolve(r), refs, 0)) return true;
      return refs.some(search);
    };
    const found = search(ref);
    if (found) this.reaches.set(ref, true);
    else for (const r of visited) this.reaches.set(r, false);
    return found;
  }

  /** Whether a schema holds a date-time without following refs; the refs it meets are collected. */
  private scan(schema: unknown, refs: string[], depth: number): boolean {
    if (!isObject(schema) || depth > MAX_DEPTH) return false;
    if (typeof schema.$ref === "string") refs.push(schema.$ref);
    if (isDateTime(schema)) return true;
    for (const [, , sub] of children(schema)) if (this.scan(sub, refs, depth + 1)) return true;
    return false;
  }
}

/** Bodies read into values where date-times may be: JSON and forms (multipart fields are form fields). */
const REVIVED_BODIES = new Set(["json", "form", "multipart"]);

/** The client input's key for each parameter location. */
export const INPUT_KEYS: Record<ParameterLocation, "path" | "query" | "headers" | "cookies"> = { path: "path", query: "query", header: "headers", cookie: "cookies" };

function operationPlans(b: PlanBuilder, document: JsonObject, op: OperationIR): OperationDatePlans | undefined {
  const out: OperationDatePlans = {};
  for (const location of ["path", "query", "header", "cookie"] as const) {
    const props: Record<string, DatePlan> = {};
    for (const p of op.parameters[location]) {
      const plan = b.plan(p.schema);
      if (plan) setOwn(props, p.name, plan);
    }
    if (Object.keys(props).length) out[INPUT_KEYS[location]] = { props };
  }
  const qs = op.querystring;
  const qsPlan = qs && REVIVED_BODIES.has(bodyKind({ mediaType: qs.contentType })) ? b.plan(qs.schema) : undefined;
  if (qsPlan) out.querystring = qsPlan;
  // Forms carry date-times as text too. `body` is the preferred media type's plan (what the README's
  // example calls show). When another media type's schema plans otherwise, `bodies` lists every media
  // type's plan, so the server revives a body by the schema it was validated with.
  const content = op.requestBody?.content ?? [];
  const bodyPlan = (m: MediaIR | undefined) => (m && REVIVED_BODIES.has(bodyKind(m)) ? b.plan(m.schema) : undefined);
  const body = bodyPlan(preferredMedia(content));
  if (body) out.body = body;
  const bodies: Record<string, DatePlan | null> = {};
  for (const m of content) {
    const key = bareMediaType(m.mediaType);
    if (own(bodies, key) === undefined) setOwn(bodies, key, bodyPlan(m) ?? null);
  }
  const differs = Object.values(bodies).some((plan) => JSON.stringify(plan) !== JSON.stringify(body ?? null));
  if (differs) out.bodies = bodies;
  for (const r of op.responses) {
    // JSON bodies, and the JSON data of each event of an event stream
    const kind = runtimeResponseKind(document, r);
    if (kind !== "json" && kind !== "jsonEvents") continue;
    const plan = b.plan(responseMedia(r)!.schema);
    if (plan) setOwn((out.responses ??= {}), r.status, plan);
  }
  return Object.keys(out).length ? out : undefined;
}

/** One schema's plan and the shared plans it refers to (for tests and tools). */
export function schemaPlan(document: JsonObject, schema: unknown): { plan: DatePlan | undefined; shared: Record<string, DatePlan> } {
  const b = new PlanBuilder(document);
  return { plan: b.plan(schema), shared: b.shared };
}

/** The plans of every operation that has date-times somewhere, keyed by its method name. */
export function datePlans(ir: ApiIR): DatePlans {
  const b = new PlanBuilder(ir.document);
  const operations: Record<string, OperationDatePlans> = {};
  const webhooks: Record<string, OperationDatePlans> = {};
  for (const [list, into] of [[ir.operations, operations], [ir.webhooks, webhooks]] as const) {
    for (const op of list) {
      const plans = operationPlans(b, ir.document, op);
      if (plans) setOwn(into, op.names.method, plans);
    }
  }
  return { operations, ...(Object.keys(webhooks).length ? { webhooks } : {}), shared: b.shared };
}
