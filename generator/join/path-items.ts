/**
 * The `paths` (or webhooks) of joined specs. A path two inputs both have is one path item holding both
 * inputs' operations; the same method of the same path in two inputs is a conflict (which one serves it?),
 * and so is a path written with other parameter names (`/pets/{id}` and `/pets/{petId}`: a request matches
 * both). What a path item says for all its operations (`servers`, `parameters`) and the two inputs say
 * otherwise is moved down into each operation, where it keeps meaning what it meant; a `summary`,
 * `description` or extension they say otherwise keeps the first input's, with a warning.
 */
import { DiagnosticBag, error, warning } from "../diagnostics/diagnostic.js";
import { canonical } from "../openapi/canonical.js";
import { FIXED_METHODS, isObject, operationsOfItem, type JsonObject } from "../openapi/kinds.js";
import { derefLocal, escapeSegment } from "../openapi/pointer.js";
import { own, setOwn } from "../openapi/own.js";
import { locate, where, type JoinInput, type Placed } from "./input.js";

/** Path item fields that apply to each of its operations, which an operation may say for itself. */
const INHERITED = ["servers", "parameters"] as const;

export class PathItems {
  readonly items: JsonObject = {};
  /** path -> the operation's key in the item (`get`, `additionalOperations/LINK`) -> where it is written */
  private readonly owners = new Map<string, Map<string, Placed>>();
  private readonly itemAt = new Map<string, Placed>();
  /** path -> a field the first input's item lacked (`summary`) -> the item it was taken from */
  private readonly fieldFrom = new Map<string, Map<string, Placed>>();
  private readonly templates = new Map<string, { path: string; at: Placed }>();

  /** `noun`: "path" or "webhook", for messages. */
  constructor(private readonly bag: DiagnosticBag, private readonly noun: string) {}

  /** Adds the path items of `map`, which is at `pointer` (`/paths`) in `input`. */
  add(input: JoinInput, pointer: string, map: JsonObject): void {
    for (const [path, item] of Object.entries(map)) {
      const at: Placed = { input, pointer: `${pointer}/${escapeSegment(path)}` };
      if (!isObject(item)) continue;
      const had = own(this.items, path);
      const existing = isObject(had) ? had : undefined;
      if (path.startsWith("x-")) {
        if (existing === undefined) setOwn(this.items, path, item);
        continue;
      }
      if (this.noun === "path" && !this.sameTemplate(path, at)) continue;
      if (!existing) {
        setOwn(this.items, path, ownItem(item));
        this.itemAt.set(path, at);
        this.owners.set(path, new Map(operationsOfItem(item).map((o) => [o.segments.join("/"), { input, pointer: `${at.pointer}/${o.segments.map(escapeSegment).join("/")}` }])));
        continue;
      }
      this.merge(path, existing, item, at);
    }
  }

  /** A path's template against those of other inputs: `/pets/{id}` beside `/pets/{petId}` is a conflict. */
  private sameTemplate(path: string, at: Placed): boolean {
    const template = path.replace(/\{[^}]*\}/g, "{}");
    const first = this.templates.get(template);
    if (!first) {
      this.templates.set(template, { path, at });
      return true;
    }
    if (first.path === path || first.at.input === at.input) return true;
    this.bag.add(error("join/path-ambiguous", `path '${path}' is '${first.path}' at ${where(first.at)} with its parameters named otherwise: a request matches both`, locate(at), `name the parameters alike (write '${first.path}' in both specs), or move one of the paths`));
    return false;
  }

  private merge(path: string, existing: JsonObject, written: JsonObject, at: Placed): void {
    const first = this.itemAt.get(path)!;
    const item = ownItem(written);
    if (existing.$ref !== undefined || item.$ref !== undefined) {
      if (!same(existing, item)) {
        this.bag.add(error("join/path-conflict", `${this.noun} '${path}' is also at ${where(first)}, and one of them is a $ref: the two cannot be merged`, locate(at), "write the path item in place in both specs, or keep the path in one of them"));
      }
      return;
    }
    const owners = this.owners.get(path)!;
    const incoming = operationsOfItem(item);
    let clash = false;
    for (const { segments, httpMethod } of incoming) {
      const other = owners.get(segments.join("/"));
      if (!other) continue;
      clash = true;
      const opAt = { input: at.input, pointer: `${at.pointer}/${segments.map(escapeSegment).join("/")}` };
      this.bag.add(error("join/path-conflict", `${httpMethod} ${path} is also in ${where(other)}: each operation comes from one spec`, locate(opAt), "remove it from one of the specs, or serve one of them under another path"));
    }
    if (clash) return;
    for (const field of INHERITED) {
      if (same(existing[field] ?? null, item[field] ?? null)) continue;
      moveDown(existing, field, (key) => owners.get(key)!.input.document);
      moveDown(item, field, () => at.input.document);
    }
    for (const [key, value] of Object.entries(item)) {
      if (key === "additionalOperations" || (FIXED_METHODS as readonly string[]).includes(key) || (INHERITED as readonly string[]).includes(key)) continue;
      const from = this.fieldFrom.get(path) ?? new Map<string, Placed>();
      this.fieldFrom.set(path, from);
      if (!Object.hasOwn(existing, key)) {
        setOwn(existing, key, value);
        from.set(key, at);
      } else if (!same(existing[key], value)) {
        // named at the field kept, as written (the first item's, or a later one's the first lacked)
        const kept = from.get(key) ?? first;
        const field = (placed: Placed): Placed => ({ input: placed.input, pointer: `${placed.pointer}/${escapeSegment(key)}` });
        this.bag.add(warning("join/path-field-differs", `the ${key} of ${this.noun} '${path}' differs from the one at ${where(field(kept))}: the first is kept`, locate(field(at)), `write the same ${key} in both specs, or move it into the operations`));
      }
    }
    // moveDown replaced operations it wrote into: `item`'s are the ones to add
    for (const { segments, operation } of operationsOfItem(item)) {
      putOperation(existing, segments, operation);
      owners.set(segments.join("/"), { input: at.input, pointer: `${at.pointer}/${segments.map(escapeSegment).join("/")}` });
    }
  }
}

/**
 * A path item of one input, the join's own to write into: a spec may use one object at several places (a
 * YAML alias, `/stock: *item`), and what joining writes at one path must not show at the others (as
 * overlay/copy-on-write.ts keeps an overlay's writes at their place). Shallow: moveDown copies an operation
 * before writing into it.
 */
function ownItem(item: JsonObject): JsonObject {
  const copy = { ...item };
  if (isObject(item.additionalOperations)) copy.additionalOperations = { ...item.additionalOperations };
  return copy;
}

/** `operation` at `segments` (`get`, `additionalOperations/LINK`) of an item of the join's own. */
function putOperation(item: JsonObject, segments: string[], operation: JsonObject): void {
  if (segments.length === 1) setOwn(item, segments[0]!, operation);
  else setOwn(isObject(item.additionalOperations) ? item.additionalOperations : (item.additionalOperations = {}), segments[1]!, operation);
}

/** Structural equality, by a text made afresh: the path items compared are changed as they are joined. */
function same(a: unknown, b: unknown): boolean {
  const cache = new WeakMap<object, string>();
  return canonical(a, cache) === canonical(b, cache);
}

/**
 * The path item's `field` written into each of its operations instead (an operation's own `servers` win; its
 * own parameters win over the path item's of the same name and location, OpenAPI 3.1 §4.8.9.1). `item` is
 * the join's own (ownItem); an operation is copied before it is written into: the spec may use it at
 * another path too (`get: *op`), where this path item's fields do not apply.
 * `documentOf`: the document an operation's parameter `$ref`s resolve in, by the operation's key.
 */
function moveDown(item: JsonObject, field: (typeof INHERITED)[number], documentOf: (key: string) => JsonObject): void {
  const value = item[field];
  delete item[field];
  if (!Array.isArray(value)) return;
  for (const { segments, operation } of operationsOfItem(item)) {
    if (field === "servers") {
      if (operation.servers === undefined) putOperation(item, segments, { ...operation, servers: structuredClone(value) });
      continue;
    }
    const document = documentOf(segments.join("/"));
    const own = Array.isArray(operation.parameters) ? operation.parameters : [];
    const ownKeys = new Set(own.map((p) => parameterKey(document, p)));
    const inherited = value.filter((p) => !ownKeys.has(parameterKey(document, p)));
    if (inherited.length > 0) putOperation(item, segments, { ...operation, parameters: [...inherited, ...own] });
  }
}

/** A parameter's name and location (`in`), through its `$ref`. */
function parameterKey(document: JsonObject, parameter: unknown): string {
  const { node } = derefLocal(document, parameter);
  return node ? `${String(node.in)}:${String(node.name)}` : JSON.stringify(parameter);
}

/** Operation ids two inputs both use: a generated client would have two functions of one name. */
export function operationIdConflicts(inputs: JoinInput[], bag: DiagnosticBag, operations: (input: JoinInput) => Array<{ operation: JsonObject; pointer: string }>): void {
  const seen = new Map<string, Placed>();
  for (const input of inputs) {
    for (const { operation, pointer } of operations(input)) {
      const id = operation.operationId;
      if (typeof id !== "string") continue;
      const at: Placed = { input, pointer: `${pointer}/operationId` };
      const first = seen.get(id);
      if (!first) seen.set(id, at);
      // one component (a path item two inputs both define, both $ref): components.ts joins it or refuses it
      else if (first.input !== input && !(first.pointer === at.pointer && pointer.startsWith("/components/"))) {
        bag.add(error("join/operation-id-conflict", `operationId '${id}' is also used at ${where(first)}`, locate(at), "rename one of them: operationIds are unique across the joined spec"));
      }
    }
  }
}
