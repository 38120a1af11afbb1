/** Helpers shared by the spec tests: loading the specs and resolving local `$ref`s and JSON pointers. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

export const apiNames = ["okra", "bankingservice", "customer-v3", "lumyri", "onefi"] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function loadSpec(file: string): Json {
  return parse(readFileSync(join(repoRoot, file), "utf8"));
}

export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function pointerOf(segments: Array<string | number>): string {
  return segments.map((s) => "/" + escapePointerSegment(String(s))).join("");
}

/** Value at a JSON pointer (`/a/b`, or `#/a/b`) in `doc`; `undefined` when it does not exist. */
export function getPointer(doc: Json, pointer: string): Json {
  const p = pointer.startsWith("#") ? pointer.slice(1) : pointer;
  if (p === "") return doc;
  if (!p.startsWith("/")) throw new Error(`not a JSON pointer: ${pointer}`);
  let node = doc;
  for (const raw of p.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object" || !(key in node)) return undefined;
    node = node[key];
  }
  return node;
}

/** Follows a chain of local `$ref`s (`#/...`) and returns the target; other nodes are returned as is. */
export function deref(doc: Json, node: Json): Json {
  const seen = new Set<string>();
  while (isObject(node) && typeof node.$ref === "string") {
    const ref: string = node.$ref;
    if (!ref.startsWith("#")) throw new Error(`only local $refs are supported, got ${ref}`);
    if (seen.has(ref)) throw new Error(`$ref cycle at ${ref}`);
    seen.add(ref);
    const target = getPointer(doc, ref);
    if (target === undefined) throw new Error(`unresolvable $ref ${ref}`);
    node = target;
  }
  return node;
}

/**
 * The schemas a property `name` of `schema` may have: direct `properties`, and those of `allOf`,
 * `anyOf` and `oneOf` branches (following `$ref`s). Each is returned unresolved, as written.
 */
export function propertySchemas(doc: Json, schema: Json, name: string): Json[] {
  const s = deref(doc, schema);
  if (!isObject(s)) return [];
  const found: Json[] = [];
  if (isObject(s.properties) && Object.prototype.hasOwnProperty.call(s.properties, name)) {
    found.push(s.properties[name]);
  }
  for (const k of ["allOf", "anyOf", "oneOf"]) {
    if (Array.isArray(s[k])) for (const sub of s[k]) found.push(...propertySchemas(doc, sub, name));
  }
  return found;
}

/** The item schemas of an array schema (following `$ref`s and composition), unresolved. */
export function itemSchemas(doc: Json, schema: Json): Json[] {
  const s = deref(doc, schema);
  if (!isObject(s)) return [];
  const found: Json[] = [];
  if (s.items !== undefined && typeof s.items !== "boolean") found.push(s.items);
  for (const k of ["allOf", "anyOf", "oneOf"]) {
    if (Array.isArray(s[k])) for (const sub of s[k]) found.push(...itemSchemas(doc, sub));
  }
  return found;
}

/**
 * Resolves a field path (`data.customers[].credentials[].bank._id`) in `schema`; returns every schema
 * (unresolved) the field may have. Empty when the field does not exist.
 */
export function resolveFieldPath(doc: Json, schema: Json, path: string): Json[] {
  let current: Json[] = [schema];
  for (const segment of path.split(".")) {
    const isArray = segment.endsWith("[]");
    const name = isArray ? segment.slice(0, -2) : segment;
    let next = current.flatMap((s) => propertySchemas(doc, s, name));
    if (isArray) next = next.flatMap((s) => itemSchemas(doc, s));
    current = next;
    if (current.length === 0) return [];
  }
  return current;
}

/** Resolves a JSON pointer over the *properties* of a schema (as `x-pagination` pointers are). */
export function resolveSchemaPointer(doc: Json, schema: Json, pointer: string): Json[] {
  if (!pointer.startsWith("/")) return [];
  const segments = pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  let current: Json[] = [schema];
  for (const segment of segments) {
    current = current.flatMap((s) => propertySchemas(doc, s, segment));
    if (current.length === 0) return [];
  }
  return current;
}

/** `type` of a schema as an array (empty when it has none). */
export function typesOf(doc: Json, schema: Json): string[] {
  const s = deref(doc, schema);
  if (!isObject(s) || s.type === undefined) return [];
  return Array.isArray(s.type) ? s.type : [s.type];
}

export const httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export interface OperationRef {
  path: string;
  method: string;
  pointer: string;
  operation: Json;
  pathItem: Json;
}

export function operationsOf(doc: Json): OperationRef[] {
  const out: OperationRef[] = [];
  for (const [path, rawItem] of Object.entries<Json>(doc.paths ?? {})) {
    const pathItem = deref(doc, rawItem);
    for (const method of httpMethods) {
      if (isObject(pathItem[method])) {
        out.push({ path, method, pointer: pointerOf(["paths", path, method]), operation: pathItem[method], pathItem });
      }
    }
  }
  return out;
}

/** Path-level and operation-level parameters (resolved), the operation's overriding the path's. */
export function parametersOf(doc: Json, op: OperationRef): Json[] {
  const byKey = new Map<string, Json>();
  for (const raw of [...(op.pathItem.parameters ?? []), ...(op.operation.parameters ?? [])]) {
    const p = deref(doc, raw);
    byKey.set(`${p.in}:${p.name}`, p);
  }
  return [...byKey.values()];
}
