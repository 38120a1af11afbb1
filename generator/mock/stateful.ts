/**
 * `specforge mock --stateful`: the mock remembers what it is sent, as json-server and Mockoon's CRUD
 * routes do and Prism declined to (stoplightio/prism #962, #2026). The resources are read from the paths
 * (stateful-resources.ts); their entities live in this process, per scope (the collection path's
 * parameter values), and are lost on restart and on a `--watch` reload.
 *
 * POST to the collection stores its body, completed with what the entity requires and the body lacks (from
 * the stateless answer's entity, else data made from the schema) and a new key where it has none (a UUID
 * for `format: uuid`, else the next number, as text for a string key); a key already stored is a 409.
 * GET of an item answers the stored entity, PUT replaces it (and creates one, as RFC 9110 §9.3.4 lets it),
 * PATCH merges a JSON Merge Patch (RFC 7396) into it (plain JSON's null sets null where allowed) or applies a
 * JSON Patch (RFC 6902, `application/json-patch+json`: json-patch.ts), DELETE removes it. Once a scope has had a write, an
 * id it does not hold (removed, or never stored) is a 404 (the documented 404, else a problem), and GET of
 * the collection lists the scope's entities, filtered by the query parameters named as its properties and
 * paged where the operation is (stateful-page.ts). Each answer is the stateless one (its status and headers) with the entity, or the list, where its schema holds it: the answer itself
 * or its one property (`{ data: Pet }`). A write drops the members a closed entity does not declare, and
 * keeps a member sent that would not fit as stored (else as answered, made, or dropped: `fitting`); one
 * that still would not fit its answer's schema is refused (422, a problem naming the member), nothing kept;
 * a read that would not fit gets the stateless answer and one line on stderr says why (a list leaves out
 * only the entities that would not fit). An id in a scope never written, a request that
 * asks for an answer itself (`Prefer: code=`, `example=`) and a write the stateless mock answers with other
 * than a 2xx (a paired example's 402) get the stateless answer and change nothing.
 */
import { randomUUID } from "node:crypto";
import type { ApiIR, OperationIR } from "../ir/types.js";
import { bodyKind, preferredMedia } from "../ir/media.js";
import { isFalseSchema, isObject, type JsonObject } from "../openapi/kinds.js";
import { deref, types } from "../openapi/schema-deref.js";
import { synthesize } from "../openapi/sample-value.js";
import { mayFit } from "../openapi/sample-fits.js";
import { setOwn } from "../openapi/own.js";
import type { Random } from "../openapi/random-value.js";
import { componentSchemas, isMarked } from "../openapi/read-write.js";
import { printable } from "../diagnostics/printable.js";
import { asksItself, preferring } from "./example-match.js";
import { jsonAnswer } from "./dynamic.js";
import { mergePatch } from "./json-merge-patch.js";
import { JsonPatchError, jsonPatch } from "./json-patch.js";
import { isNumeric, isUuidKey, numericKey, textKey } from "./stateful-keys.js";
import { nextLink, pageOfList, setTotals } from "./stateful-page.js";
import { sortedList } from "./stateful-sort.js";
import { entityPlace, extendsEntity, isScalar, propertyNames, propertySchema, requiredNames, statefulResources, type Resource, type Role } from "./stateful-resources.js";
import { statusKey, type ProblemReplyClass, type ValidatorsModule } from "../spec-server.js";

type Request = { url: string; header(name: string): string | undefined };
/** `chained`: asked by a stateful handler wrapping this one (its `Prefer` is the mock's, not the client's). */
type Input = { request: Request; path?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown; chained?: boolean };
type Handler = (input: Input) => unknown;
type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
/** A write's answer with its entity, or why the entity does not fit (`member`: the entity's member the first error is in). */
type Fitted = { reply: Reply; fits: boolean; why: string; checked?: boolean; member?: string };

/** One scope's entities by key (as text), and the keys of those removed; kept in `State.scopes` once it has had a write. */
interface Scope {
  key: string;
  entities: Map<string, JsonObject>;
  removed: Set<string>;
}

export interface StatefulOptions {
  ProblemReply: ProblemReplyClass;
  /** Draws the UUID keys (a seeded one with `--seed`); without it, `crypto.randomUUID`. */
  random?: Random;
  warn?: (line: string) => void;
}

/** The start's line: the resources kept, and the item paths that are not, with why. */
export function describeStateful(ir: ApiIR): string {
  const { resources, unkeyed } = statefulResources(ir);
  const kept = resources.map((r) => `${r.item} (key ${r.key})`);
  const not = unkeyed.map((u) => `${u.item}: ${u.why}`);
  if (!kept.length) return `--stateful: no resource found (a collection path, its item path /{id} and an entity with a key)${not.length ? `; not stateful: ${not.join("; ")}` : ""}`;
  return `stateful: ${kept.join(", ")}${not.length ? `; not stateful: ${not.join("; ")}` : ""}`;
}

/** The mock handlers, those of the resources' operations answering from and changing the state. */
export function statefulHandlers(base: Record<string, Handler>, ir: ApiIR, validators: ValidatorsModule, options: StatefulOptions): Record<string, Handler> {
  const state = new State(ir, validators, options);
  const out: Record<string, Handler> = { ...base };
  for (const resource of statefulResources(ir).resources) {
    for (const op of ir.operations) {
      const role = resource.roles.get(op.names.method);
      // a path that is one resource's item and another's collection: each wraps the one before
      const inner = out[op.names.method];
      if (role && inner) out[op.names.method] = (input) => (asksItself(input.request) && !input.chained ? inner(input) : state.answer(resource, role, op, inner, input));
    }
  }
  return out;
}

class State {
  private readonly scopes = new Map<string, Scope>();
  private readonly counters = new Map<Resource, number>();
  /** How many `id`s beside the key each resource has made (`freshId`). */
  private readonly ids = new Map<Resource, number>();
  private readonly cache = new WeakMap<object, string>();
  private readonly components: JsonObject;
  private readonly warn: (line: string) => void;

  constructor(
    private readonly ir: ApiIR,
    private readonly validators: ValidatorsModule,
    private readonly options: StatefulOptions,
  ) {
    this.warn = options.warn ?? ((line) => process.stderr.write(`${line}\n`));
    this.components = componentSchemas(ir.document);
  }

  async answer(resource: Resource, role: Role, op: OperationIR, inner: Handler, input: Input): Promise<unknown> {
    const path = input.path ?? {};
    const scope = this.scope(resource, path);
    if (role === "list") return this.list(resource, op, inner, input, scope);
    if (role === "create") return this.create(resource, op, inner, input, scope);
    const id = String(path[resource.param]);
    const stored = scope.entities.get(id);
    if (!stored && role !== "replace" && this.scopes.has(scope.key)) {
      // once the scope has had a write its list is the state's: an id it does not hold is not found (json-server, Mockoon)
      const what = `The mock's ${clip(pathOf(input.request.url))}`;
      return this.refuse(op, inner, input, 404, scope.removed.has(id) ? `${what} was deleted.` : `${what} was never stored: this scope has had a write, so only what it holds is found.`);
    }
    if (role === "read") {
      if (!stored) return inner(input);
      return this.fitted(resource, op, await this.success(op, inner, input), stored, `the stored entity ${id}`).reply;
    }
    if (role === "remove") {
      const reply = (await inner(input)) as Reply;
      if (!is2xx(reply)) return reply;
      // deleting an id never stored is a write too: it is not found from then on, nor any other not held
      this.scopes.set(scope.key, scope);
      if (!stored) return reply;
      scope.entities.delete(id);
      scope.removed.add(id);
      return this.fitted(resource, op, reply, stored, `the removed entity ${id}`).reply;
    }
    // replace, merge: a body that is no object changes nothing, but a JSON Patch (by its media type) applies
    const jsonPatchSent = role === "merge" && /json-patch\+json/i.test(input.request.header("content-type") ?? "");
    // a JSON Patch applies whole or not at all: no member it writes is repaired (`fitting`), it is refused
    const body = jsonPatchSent ? {} : input.body;
    if (!isObject(body) || (role === "merge" && !stored)) return inner(input);
    const reply = (await inner(input)) as Reply;
    if (!is2xx(reply)) return reply;
    const answered = this.answeredEntity(resource, op, reply);
    let changed: JsonObject;
    if (jsonPatchSent) {
      const patched = this.jsonPatched(op, stored!, input.body);
      if ("refused" in patched) return this.refuse(op, inner, input, patched.refused.status, patched.refused.detail);
      changed = this.declared(resource, patched.entity);
    } else changed = role === "merge" ? this.declared(resource, this.patched(resource, stored ?? {}, body, input.request)) : this.completed(resource, this.declared(resource, body), path, [stored, answered]);
    if (!stored && role === "replace") this.freshId(resource, scope, body, changed);
    const entity = keyFirst(changed, resource.key, this.keyFromPath(resource, path[resource.param]));
    const { fitted, kept } = this.fitting(resource, op, reply, entity, body, stored, answered, role === "merge" ? `the patched entity ${id}` : `the replacing entity ${id}`);
    if (!fitted.fits) return this.unfit(op, inner, input, fitted.why);
    this.keep(resource, scope, id, kept);
    return fitted.reply;
  }

  private async create(resource: Resource, op: OperationIR, inner: Handler, input: Input, scope: Scope): Promise<unknown> {
    const body = input.body;
    if (!isObject(body)) return inner(input);
    const reply = (await inner(input)) as Reply;
    if (!is2xx(reply)) return reply;
    const answered = this.answeredEntity(resource, op, reply);
    const filled = this.completed(resource, this.declared(resource, body), input.path ?? {}, [answered]);
    this.freshId(resource, scope, body, filled);
    const given = Object.hasOwn(filled, resource.key) ? filled[resource.key] : undefined;
    if (given !== undefined && scope.entities.has(String(given))) {
      return this.refuse(op, inner, input, 409, `The mock already holds ${pathOf(input.request.url)}/${clip(encodeURIComponent(String(given)))}: PUT replaces it.`);
    }
    const made = given === undefined ? this.newKey(resource, scope, isObject(answered) ? answered[resource.key] : undefined) : { key: given };
    const key = made.key;
    const id = String(key);
    const { fitted, kept } = this.fitting(resource, op, reply, keyFirst(filled, resource.key, key), body, undefined, answered, "the created entity");
    if (!fitted.fits) return this.unfit(op, inner, input, fitted.why);
    this.keep(resource, scope, id, kept, made.n);
    return withLocation(op, fitted.reply, input.request.url, id);
  }

  private async list(resource: Resource, op: OperationIR, inner: Handler, input: Input, scope: Scope): Promise<unknown> {
    if (!this.scopes.has(scope.key)) return inner(input);
    const reply = await this.success(op, inner, input);
    const end = this.endCursor(op, reply);
    const answer = (all: JsonObject[], quiet: boolean) => {
      const { items, total, slice } = pageOfList(op, input.query, all, (name, value) => this.filters(resource, op, name, value));
      return { slice, ...this.fitted(resource, op, reply, items, "the stored entities", quiet, (body) => setTotals(op, body, total, slice, end)) };
    };
    const all = sortedList(this.ir.document, op, input.query, [...scope.entities.values()], propertyNames(this.ir.document, resource.entity));
    let fitted = answer(all, true);
    if (fitted.slice.unknownCursor) return this.unknownCursor(op, inner, input, fitted.slice.unknownCursor);
    if (!fitted.fits) {
      // an entity kept unchecked (nothing answered or read it back when written) that does not fit hides only itself
      const fits = all.map((e) => this.fitted(resource, op, reply, [e], "", true).fits);
      const misfits = all.filter((_, i) => !fits[i]).map((e) => e[resource.key]);
      fitted = answer(all.filter((_, i) => fits[i]), false);
      if (fitted.fits) this.warn(printable(`${op.names.method}: the stored ${misfits.length === 1 ? "entity" : "entities"} ${misfits.map((k) => clip(String(k))).join(", ")} ${misfits.length === 1 ? "does" : "do"} not fit the ${statusOf(op, reply)} answer's schema: left out of the list`));
    }
    if (op.pagination?.kind !== "link" || !fitted.fits) return fitted.reply;
    // the example's Link header points at the spec's pages: the state's are said, or none after the last
    const headers = Object.fromEntries(Object.entries(fitted.reply.headers ?? {}).filter(([h]) => h.toLowerCase() !== "link"));
    const link = nextLink(op, input.request.url, fitted.slice);
    if (link) headers.link = link;
    return { ...fitted.reply, headers };
  }

  /**
   * Whether `?name=value` filters the list: `name` is a property of the entity holding a scalar (or a list
   * of them) that `value` may be, and `value` is not the parameter's choice of `all` (or `any`). GitHub's
   * `?state=all` asks for every state (its issue's `state` is any text), its `?assignee=octocat` names a
   * user held as an object: filtering by them would list nothing.
   */
  private filters(resource: Resource, op: OperationIR, name: string, value: unknown): boolean {
    const document = this.ir.document;
    if (!propertyNames(document, resource.entity).includes(name)) return false;
    const property = deref(document, propertySchema(document, resource.entity, name));
    const held = isObject(property) && (types(property).includes("array") || property.items !== undefined) ? property.items : property;
    const values = Array.isArray(value) ? value : [value];
    // the parameter's `all` where the property's own enum has none
    const choices = op.parameters.query.find((q) => q.name === name)?.schema;
    const enumOf = (s: unknown) => ((d) => (isObject(d) && Array.isArray(d.enum) ? d.enum : []))(deref(document, s));
    const all = enumOf(choices).filter((c) => typeof c === "string" && /^(all|any)$/i.test(c) && !enumOf(held).includes(c));
    return !values.some((v) => all.includes(v)) && isScalar(document, held) && values.every((v) => asQueried(v).some((c) => mayFit(document, held, c, 0)));
  }

  /**
   * A cursor the list cannot place: a 400, the documented one (why on stderr, which its example cannot say),
   * else a problem, as Stripe refuses an unknown `starting_after`; an empty page would read as the list's end.
   */
  private unknownCursor(op: OperationIR, inner: Handler, input: Input, cursor: { name: string; value: string; item: boolean }): unknown {
    const what = `${cursor.item ? "no entity has the cursor" : "the mock gave no cursor"} ${clip(cursor.value)} (query parameter ${clip(cursor.name)})`;
    if (documents(op, 400)) this.warn(printable(`${op.names.method}: ${what}: refused with the documented 400`));
    return this.refuse(op, inner, input, 400, `${what[0]!.toUpperCase()}${what.slice(1)}: start without one, or pass one a page of this list gave.`);
  }

  /** A cursor list's next cursor after the last page: null, or "" where the answer's schema allows no null. */
  private endCursor(op: OperationIR, reply: Reply): null | "" {
    const pointer = op.pagination?.kind === "cursor" ? op.pagination.nextCursor : undefined;
    const json = pointer && jsonAnswer(op, reply);
    if (!json) return null;
    const schema = deref(this.ir.document, pointer.reduce<unknown>((s, name) => propertySchema(this.ir.document, s, name), json.media.schema));
    return !isObject(schema) || schema.nullable === true || types(schema).includes("null") || !types(schema).length ? null : "";
  }

  /**
   * `reply` with `value` where its schema holds the entity (`list`: the list of them), if it fits that schema;
   * else `reply` as it is (`fits` false, `why` it does not, said on stderr unless `quiet`: a write's misfit is refused instead).
   */
  private fitted(resource: Resource, op: OperationIR, reply: Reply, value: unknown, what: string, quiet = false, finish?: (body: unknown) => void): Fitted {
    const json = jsonAnswer(op, reply);
    const list = Array.isArray(value);
    const place = json && entityPlace(this.ir.document, json.media.schema, resource.entity, list, this.cache);
    if (!json || !place || (place.length && !isObject(reply.body))) return { reply, fits: true, why: "" };
    let shown = Array.isArray(value) ? value.map((v) => this.answerable(resource.entity, v)) : this.answerable(resource.entity, value);
    const example = place.length ? (isObject(reply.body) ? reply.body[place[0]!] : undefined) : reply.body;
    const at = place.length ? propertySchema(this.ir.document, json.media.schema, place[0]!) : json.media.schema;
    if (!list && isObject(shown) && isObject(example) && extendsEntity(this.ir.document, at, resource.entity, this.cache)) {
      // the entity with more (allOf [Issue, {...}]): the stored members over the example's others
      const declared = propertyNames(this.ir.document, resource.entity);
      const extra: JsonObject = {};
      for (const k of Object.keys(example)) if (!declared.includes(k)) setOwn(extra, k, example[k]);
      shown = { ...extra, ...shown };
    }
    let body: unknown = shown;
    if (place.length) {
      body = structuredClone(reply.body);
      setOwn(body as object, place[0]!, shown);
    }
    finish?.(body);
    const result = this.validators.responseValidators[op.names.method]?.[json.response.status]?.(body);
    if (result && !result.ok) {
      // `what` may hold the URL's id: the whole line is made printable
      const why = printable(`${what} ${list ? "do" : "does"} not fit the ${json.response.status} answer's schema (${firstError(result)})`);
      if (!quiet) this.warn(`${op.names.method}: ${why}: answered from the spec`);
      return { reply, fits: false, why, checked: true, member: memberAt(result, place.length) };
    }
    return { reply: { ...reply, body }, fits: true, why: "", checked: true };
  }

  /**
   * `fitted` of a write whose answer holds no entity (a 201 without a body) checked by the item GET's 2xx
   * answer instead, its other members made from the schema: what could never be read back is not kept.
   */
  private readable(resource: Resource, fitted: Fitted, entity: JsonObject): Fitted {
    const read = this.ir.operations.find((o) => resource.roles.get(o.names.method) === "read");
    const response = read?.responses.find((r) => /^2/.test(r.status));
    const media = response && preferredMedia(response.content);
    if (fitted.checked || !read || !response || !media || bodyKind(media) !== "json") return fitted;
    const place = entityPlace(this.ir.document, media.schema, resource.entity, false, this.cache);
    const validate = this.validators.responseValidators[read.names.method]?.[response.status];
    if (!place || !validate) return fitted;
    let body = this.answerable(resource.entity, entity);
    if (place.length) {
      const wrapper = synthesize(this.ir.document, media.schema);
      if (!isObject(wrapper)) return fitted;
      setOwn(wrapper, place[0]!, body);
      body = wrapper;
    }
    const result = validate(body);
    return result.ok ? fitted : { ...fitted, fits: false, why: printable(`the entity would not fit ${read.names.method}'s ${response.status} answer's schema (${firstError(result)})`), member: memberAt(result, place.length) };
  }

  /**
   * A written `entity` made to fit its answer (`fitted`, the answer with it): a member the client sent that
   * would not (GitHub's request sends `assignees` as logins, its answer holds users) is the stored one's, else
   * the stateless answer's, else made from the schema where the entity requires it, else dropped, one stderr
   * line each, as a real API keeps what the request means, which the mock cannot tell. What still would not
   * fit (a member it made or did not send) the caller refuses.
   */
  private fitting(resource: Resource, op: OperationIR, reply: Reply, entity: JsonObject, sent: JsonObject, stored: unknown, answered: unknown, what: string): { fitted: Fitted; kept: JsonObject } {
    const lines: string[] = [];
    const fixed = new Set<string>();
    for (;;) {
      const fitted = this.readable(resource, this.fitted(resource, op, reply, entity, what, true), entity);
      const name = fitted.member;
      if (fitted.fits || name === undefined || name === resource.key || !Object.hasOwn(sent, name) || fixed.has(name)) {
        if (fitted.fits) lines.forEach((line) => this.warn(line));
        return { fitted, kept: entity };
      }
      fixed.add(name);
      const has = (s: unknown): s is JsonObject => isObject(s) && Object.hasOwn(s, name);
      let done: string;
      if (has(stored)) [entity[name], done] = [structuredClone(stored[name]), "kept as stored"];
      else if (has(answered)) [entity[name], done] = [structuredClone(answered[name]), "taken from the spec's answer"];
      else if (requiredNames(this.ir.document, resource.entity).includes(name)) [entity[name], done] = [synthesize(this.ir.document, propertySchema(this.ir.document, resource.entity, name)), "made from its schema"];
      else {
        delete entity[name];
        done = "dropped";
      }
      lines.push(`${op.names.method}: ${fitted.why}: its member ${printable(name)} ${done}`);
    }
  }

  /**
   * `stored` patched by `body`: a JSON Merge Patch (RFC 7396), whose null removes a member; sent as plain
   * JSON, a null sets the member null where its schema allows null (GitHub's `{"milestone": null}` clears it).
   */
  private patched(resource: Resource, stored: JsonObject, body: JsonObject, request: Request): JsonObject {
    const out = mergePatch(stored, body) as JsonObject;
    if (/merge-patch/i.test(request.header("content-type") ?? "")) return out;
    for (const k of Object.keys(body)) {
      const schema = propertySchema(this.ir.document, resource.entity, k);
      if (body[k] === null && schema !== undefined && mayFit(this.ir.document, schema, null, 0)) setOwn(out, k, null);
    }
    return out;
  }

  /** `stored` with a JSON Patch applied, or the status and why it does not (RFC 5789 §2.2: 400, 409, 422). */
  private jsonPatched(op: OperationIR, stored: JsonObject, operations: unknown): { entity: JsonObject } | { refused: { status: number; detail: string } } {
    let patched: unknown;
    try {
      patched = jsonPatch(stored, operations);
    } catch (e) {
      if (!(e instanceof JsonPatchError)) throw e;
      // a documented answer's example cannot say why: stderr does
      if (documents(op, e.status)) this.warn(printable(`${op.names.method}: the JSON Patch does not apply: ${e.message}`));
      return { refused: { status: e.status, detail: `The JSON Patch does not apply: ${e.message}.` } };
    }
    return isObject(patched) ? { entity: patched } : { refused: { status: 422, detail: "The JSON Patch does not leave an object." } };
  }

  /**
   * A copy of a written body without the members a closed entity (`additionalProperties: false`) does not
   * declare: a real API ignores unknown fields rather than keep what its answers could not hold.
   */
  private declared(resource: Resource, body: JsonObject): JsonObject {
    const out = structuredClone(body);
    const schema = deref(this.ir.document, resource.entity);
    if (!isObject(schema) || !(isFalseSchema(schema.additionalProperties) || isFalseSchema(schema.unevaluatedProperties))) return out;
    const names = propertyNames(this.ir.document, schema);
    for (const k of Object.keys(out)) if (!names.includes(k)) delete out[k];
    return out;
  }

  /**
   * A write whose entity would not fit the answer: refused, nothing kept, as a real server refuses what it
   * cannot store (a 201 with made-up data would tell the client it was saved). 422, or 400 where the
   * operation documents a 400 and no 422: its documented answer (the why on stderr, which that answer
   * cannot say), else a problem naming the member.
   */
  private unfit(op: OperationIR, inner: Handler, input: Input, why: string): unknown {
    const documented = op.responses.map((r) => r.status);
    const status = !documented.includes("422") && documented.includes("400") ? 400 : 422;
    if (documents(op, status)) this.warn(`${op.names.method}: ${why}: refused with the documented ${status}, nothing kept`);
    return this.refuse(op, inner, input, status, `${why[0]!.toUpperCase()}${why.slice(1)}: nothing was kept.`);
  }

  /**
   * A copy of `value` without what `schema` marks writeOnly, nested objects' too: a password is kept but
   * never answered (OpenAPI 3.1 §4.8.24), as the mock's answers leave it out.
   */
  private answerable(schema: unknown, value: unknown, depth = 0): unknown {
    if (!isObject(value) || depth > 16) return structuredClone(value);
    const out: JsonObject = {};
    for (const k of Object.keys(value)) {
      const property = propertySchema(this.ir.document, schema, k);
      if (property !== undefined && isMarked(property, "writeOnly", this.components)) continue;
      setOwn(out, k, this.answerable(property, value[k], depth + 1));
    }
    return out;
  }

  /** The entity in the stateless answer, to complete a stored one with. */
  private answeredEntity(resource: Resource, op: OperationIR, reply: Reply): unknown {
    const json = jsonAnswer(op, reply);
    const place = json && entityPlace(this.ir.document, json.media.schema, resource.entity, false, this.cache);
    if (!place) return undefined;
    return place.length ? (isObject(reply.body) && Object.hasOwn(reply.body, place[0]!) ? reply.body[place[0]!] : undefined) : reply.body;
  }

  /** `entity` with the scope's parameters it declares and lacks, and what the entity requires and it lacks, from the first of `from` that has it. */
  private completed(resource: Resource, entity: JsonObject, path: Record<string, unknown>, from: unknown[]): JsonObject {
    const document = this.ir.document;
    const declared = propertyNames(document, resource.entity);
    for (const name of resource.scope) if (!Object.hasOwn(entity, name) && declared.includes(name)) setOwn(entity, name, path[name]);
    let made: unknown;
    for (const name of requiredNames(document, resource.entity)) {
      if (Object.hasOwn(entity, name) || name === resource.key) continue;
      const has = (s: unknown): s is JsonObject => isObject(s) && Object.hasOwn(s, name);
      // data made from the schema last, made only when the others lack a member
      const source = from.find(has) ?? [(made ??= synthesize(document, resource.entity))].find(has);
      if (source) setOwn(entity, name, structuredClone(source[name]));
    }
    return entity;
  }

  /** Stores `entity`; a key that is a number (or made as the `n`th) counts, so the next made is after it. */
  private keep(resource: Resource, scope: Scope, id: string, entity: JsonObject, n?: number): void {
    this.scopes.set(scope.key, scope);
    scope.entities.set(id, entity);
    scope.removed.delete(id);
    const counted = n ?? (/^\d{1,15}$/.test(id) ? Number(id) : undefined);
    if (counted !== undefined) this.counters.set(resource, Math.max(this.counters.get(resource) ?? 0, counted));
  }

  /** A new key and its number: a UUID for `format: uuid`, else the resource's next number (text fitting a string key: stateful-keys.ts). */
  private newKey(resource: Resource, scope: Scope, example: unknown): { key: unknown; n?: number } {
    const document = this.ir.document;
    if (isUuidKey(document, resource.keySchema)) return { key: this.options.random ? uuidFrom(this.options.random) : randomUUID() };
    const numeric = isNumeric(deref(document, resource.keySchema));
    for (let n = (this.counters.get(resource) ?? 0) + 1; ; n++) {
      // none fits (past a maximum; the start said so where none ever does): the answer's check refuses it
      const key = numeric ? (numericKey(document, resource.keySchema, n) ?? n) : (textKey(document, resource.keySchema, n, [example]) ?? String(n));
      if (typeof key === "number") n = key;
      if (!scope.entities.has(String(key))) return { key, n };
    }
  }

  /**
   * A new entity's `id` where another member is its key (GitHub's issue `number`) and the client sent none:
   * made as keys are (a UUID for `format: uuid`, else the resource's next number, as text for a string id),
   * one no entity of the scope holds, where the example's, taken for every entity, made them all alike. One
   * that no form fits keeps what `completed` took.
   */
  private freshId(resource: Resource, scope: Scope, sent: JsonObject, entity: JsonObject): void {
    if (resource.key === "id" || Object.hasOwn(sent, "id") || !Object.hasOwn(entity, "id")) return;
    const document = this.ir.document;
    const schema = propertySchema(document, resource.entity, "id");
    if (isUuidKey(document, schema)) return void setOwn(entity, "id", this.options.random ? uuidFrom(this.options.random) : randomUUID());
    const numeric = isNumeric(deref(document, schema));
    const held = new Set([...scope.entities.values()].map((e) => String(e.id)));
    for (let n = (this.ids.get(resource) ?? 0) + 1; n < Number.MAX_SAFE_INTEGER; n++) {
      const id = numeric ? numericKey(document, schema, n) : textKey(document, schema, n, [entity.id]);
      if (id === undefined) return;
      if (typeof id === "number") n = id;
      if (held.has(String(id))) continue;
      this.ids.set(resource, n);
      return void setOwn(entity, "id", id);
    }
  }

  /** The item's path value as the key property's type has it (`/pets/7` is 7 for an integer key). */
  private keyFromPath(resource: Resource, value: unknown): unknown {
    const schema = deref(this.ir.document, resource.keySchema);
    if (isNumeric(schema) && typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
    return isObject(schema) && types(schema).includes("string") && typeof value === "number" ? String(value) : value;
  }

  /** The scope of `path`'s parent values: one kept once written, else a new one, kept by the first write (reads of any parent keep nothing). */
  private scope(resource: Resource, path: Record<string, unknown>): Scope {
    const key = JSON.stringify([resource.item, ...resource.scope.map((n) => String(path[n]))]);
    return this.scopes.get(key) ?? { key, entities: new Map(), removed: new Set() };
  }

  /** The operation's first 2xx answer, whatever a request example it equals pairs it with (the state answers it). */
  private success(op: OperationIR, inner: Handler, input: Input): Promise<Reply> {
    const status = op.responses.find((r) => /^2/.test(r.status))?.status;
    return Promise.resolve((status ? inner({ ...input, request: preferring(input.request, `code=${status}`), chained: true }) : inner(input)) as Reply);
  }

  /** The operation's documented answer of `status`, else that status as a problem. */
  private refuse(op: OperationIR, inner: Handler, input: Input, status: number, detail: string): unknown {
    if (documents(op, status)) return inner({ ...input, request: preferring(input.request, `code=${status}`) });
    throw new this.options.ProblemReply(status, detail);
  }
}

/** `entity` with `key` set to `value`, first, as a server that assigns keys writes them. */
function keyFirst(entity: JsonObject, key: string, value: unknown): JsonObject {
  const out: JsonObject = {};
  setOwn(out, key, value);
  for (const k of Object.keys(entity)) if (k !== key) setOwn(out, k, entity[k]);
  return out;
}

/** Whether the operation documents an answer of `status` (`422`, `4XX`; not `default`). */
function documents(op: OperationIR, status: number): boolean {
  return statusKey(op.responses.map((r) => r.status).filter((s) => s !== "default"), status) !== undefined;
}

function is2xx(reply: Reply): boolean {
  return reply.status >= 200 && reply.status < 300;
}

/** A created entity's answer with its `Location`, where the answer documents one: the collection's URL and the key. */
function withLocation(op: OperationIR, reply: Reply, url: string, id: string): Reply {
  const key = statusKey(op.responses.map((r) => r.status), reply.status);
  const response = op.responses.find((r) => r.status === key);
  if (!response || !Object.keys(response.headers).some((h) => h.toLowerCase() === "location")) return reply;
  const headers = Object.fromEntries(Object.entries(reply.headers ?? {}).filter(([h]) => h.toLowerCase() !== "location"));
  headers.location = `${pathOf(url)}/${encodeURIComponent(id)}`;
  return { ...reply, headers };
}

/** The documented status a reply falls under (`200`, `2XX`). */
function statusOf(op: OperationIR, reply: Reply): string {
  return statusKey(op.responses.map((r) => r.status), reply.status) ?? String(reply.status);
}

/** A query value as the property may hold it: itself, and text read as a number or boolean. */
function asQueried(value: unknown): unknown[] {
  if (typeof value !== "string") return [value];
  const number = value.trim() !== "" && Number.isFinite(Number(value)) ? [Number(value)] : [];
  return [value, ...number, ...(value === "true" ? [true] : value === "false" ? [false] : [])];
}

/** The entity's member a validator's first error is in, the entity `depth` segments into the answer. */
function memberAt(result: { errors: Array<{ path?: string }> }, depth: number): string | undefined {
  const segment = (result.errors[0]?.path ?? "").split("/")[depth + 1];
  return segment === undefined ? undefined : segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** A validator's first error, as a message names it. */
function firstError(result: { errors: Array<{ path?: string; message: string }> }): string {
  const first = result.errors[0];
  return first ? `${first.path || "/"} ${first.message}` : "invalid";
}

/** Text cut to 64 characters: a key echoed in a message (a 1 MB key is the client's, not the log's). */
function clip(text: string): string {
  return text.length > 64 ? `${text.slice(0, 61)}...` : text;
}

/** A request URL's path, without a trailing slash. */
function pathOf(url: string): string {
  return url.split("?")[0]!.replace(/\/+$/, "");
}

/** A version 4 UUID drawn from `random` (RFC 9562 §5.4): the same keys on every start with `--seed`. */
function uuidFrom(random: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = "4";
  hex[16] = (8 + Math.floor(random() * 4)).toString(16);
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
