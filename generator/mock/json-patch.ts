/**
 * JSON Patch (RFC 6902), as `specforge mock --stateful` applies a PATCH sent as `application/json-patch+json`
 * (ASP.NET's JsonPatchDocument, Kubernetes, Azure DevOps). The operations apply in order to a copy; one that
 * fails leaves the target as it was (§5: the whole patch or nothing).
 */
import { canonical } from "../openapi/canonical.js";
import { isObject } from "../openapi/kinds.js";
import { escapeSegment, segmentsOf } from "../openapi/pointer.js";
import { setOwn } from "../openapi/own.js";

/** Why a patch cannot apply, with the status RFC 5789 §2.2 gives it: 400 malformed, 409 a failed `test`, 422 a target that is not there. */
export class JsonPatchError extends Error {
  constructor(
    readonly status: 400 | 409 | 422,
    message: string,
  ) {
    super(message);
  }
}

/** `target` with `patch` applied; neither is changed. Throws `JsonPatchError`. */
export function jsonPatch(target: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw new JsonPatchError(400, "a JSON Patch is an array of operations");
  let doc = structuredClone(target);
  patch.forEach((operation, i) => {
    doc = apply(doc, operation, `operation ${i}`);
  });
  return doc;
}

function apply(doc: unknown, operation: unknown, at: string): unknown {
  if (!isObject(operation) || typeof operation.op !== "string") throw new JsonPatchError(400, `${at} has no op`);
  const pointer = (name: "path" | "from"): string[] => {
    const p = operation[name];
    if (typeof p !== "string" || (p !== "" && !p.startsWith("/"))) throw new JsonPatchError(400, `${at} (${operation.op}) needs a JSON Pointer as its ${name}`);
    return segmentsOf(p);
  };
  const value = (): unknown => {
    if (!Object.hasOwn(operation, "value")) throw new JsonPatchError(400, `${at} (${operation.op}) needs a value`);
    return structuredClone(operation.value);
  };
  const path = pointer("path");
  switch (operation.op) {
    case "add":
      return add(doc, path, value(), at);
    case "remove":
      return remove(doc, path, at).doc;
    case "replace":
      return add(remove(doc, path, at).doc, path, value(), at);
    case "move": {
      const from = pointer("from");
      if (from.length < path.length && from.every((s, i) => path[i] === s)) throw new JsonPatchError(400, `${at} moves a value into itself`);
      const taken = remove(doc, from, at);
      return add(taken.doc, path, taken.value, at);
    }
    case "copy":
      return add(doc, path, structuredClone(get(doc, pointer("from"), at)), at);
    case "test":
      if (canonical(get(doc, path, at), new WeakMap()) !== canonical(value(), new WeakMap())) throw new JsonPatchError(409, `${at} (test) failed: the value at ${operation.path} differs`);
      return doc;
    default:
      throw new JsonPatchError(400, `${at} has an unknown op (add, remove, replace, move, copy or test)`);
  }
}

/** The container holding the last segment of `path`, and that segment. */
function parentOf(doc: unknown, path: string[], at: string): { parent: unknown; key: string } {
  return { parent: get(doc, path.slice(0, -1), at), key: path[path.length - 1]! };
}

function get(doc: unknown, path: string[], at: string): unknown {
  let node = doc;
  for (const key of path) {
    if (Array.isArray(node) && /^(0|[1-9]\d*)$/.test(key) && Number(key) < node.length) node = node[Number(key)];
    else if (isObject(node) && Object.hasOwn(node, key)) node = node[key];
    else throw new JsonPatchError(422, `${at}: nothing at ${path.map((p) => `/${escapeSegment(p)}`).join("")}`);
  }
  return node;
}

function add(doc: unknown, path: string[], value: unknown, at: string): unknown {
  if (path.length === 0) return value;
  const { parent, key } = parentOf(doc, path, at);
  if (Array.isArray(parent)) {
    const index = key === "-" ? parent.length : /^(0|[1-9]\d*)$/.test(key) ? Number(key) : NaN;
    if (!(index <= parent.length)) throw new JsonPatchError(422, `${at}: no index ${key} to add at`);
    parent.splice(index, 0, value);
  } else if (isObject(parent)) setOwn(parent, key, value);
  else throw new JsonPatchError(422, `${at}: nothing to add to at the parent of its path`);
  return doc;
}

function remove(doc: unknown, path: string[], at: string): { doc: unknown; value: unknown } {
  const value = get(doc, path, at);
  if (path.length === 0) return { doc: undefined, value };
  const { parent, key } = parentOf(doc, path, at);
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete (parent as Record<string, unknown>)[key];
  return { doc, value };
}
