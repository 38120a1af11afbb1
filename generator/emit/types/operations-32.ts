/**
 * OpenAPI 3.2's operations in openapi-typescript's types. openapi-typescript 7.13 types the eight fixed
 * methods of a path item and `in: query|header|path|cookie` parameters only; a `query` operation,
 * `additionalOperations` and `in: querystring` parameters it skips without a word.
 *
 * So its own code types them, through what it knows: before the transform each such operation is moved
 * (in our copy of the document) to a private path item of its own, as its `get`, with the path item's
 * parameters; openapi-typescript types it exactly as any GET (its `operations` entry, its JSDoc, `$ref`s,
 * `dates: Date`). After, the private path's `get` member is moved back into the real path's type, as
 * `query` or under `additionalOperations` (keyed by the method as written, as in the spec), and the private
 * path removed. A querystring parameter's schema is typed by openapi-typescript's `transformSchemaObject`
 * and added to its operation's `parameters` as `querystring`. The rest of the output is untouched: a spec
 * without these prints byte for byte as before.
 *
 * This edits the printed AST at three well-known places (the `paths` and `operations` interfaces and an
 * operation's `parameters`), as recursive-arrays.ts does; it does not patch openapi-typescript.
 */
import ts from "typescript";
import type { GlobalContext, SchemaObject } from "openapi-typescript";
import transformSchemaObject from "openapi-typescript/dist/transform/schema-object.mjs";
import { isObject, operationsOfItem, type JsonObject } from "../../openapi/kinds.js";
import { escapeSegment, pointerFromFragment, resolvePointer } from "../../openapi/pointer.js";

const f = ts.factory;
const PRIVATE = "specforge:operation:";

interface Moved {
  /** The private key in `paths`. */
  key: string;
  /** The real path. */
  path: string;
  /** `["query"]` or `["additionalOperations", "LINK"]`. */
  segments: string[];
}

interface Querystring {
  /** Where openapi-typescript put the operation's type: its `operations` entry, or inline under `paths`. */
  operationId?: string;
  path: string;
  method: string;
  required: boolean;
  schema: JsonObject | boolean;
  pointer: string;
}

export interface Lifted {
  moved: Moved[];
  querystrings: Querystring[];
}

/** Prepares `copy` (openapi-typescript's input, ours to change) and says what to put back after the transform. */
export function liftOperations32(copy: JsonObject): Lifted {
  const lifted: Lifted = { moved: [], querystrings: [] };
  const paths = copy.paths;
  if (!isObject(paths)) return lifted;
  for (const path of Object.keys(paths)) {
    if (path.startsWith("x-")) continue;
    let item = paths[path];
    const target = resolved(copy, item);
    if (!target || !(has32(copy, target))) continue;
    // A `$ref`'d path item (components.pathItems) is typed by reference; one with 3.2 operations is inlined here.
    if (target !== item) paths[path] = item = structuredClone(target);
    const pathItem = item as JsonObject;
    for (const op of operationsOfItem(pathItem)) {
      const qs = querystringOf(copy, pathItem, op.operation);
      if (qs) {
        lifted.querystrings.push({
          operationId: typeof op.operation.operationId === "string" && op.operation.operationId !== "" ? op.operation.operationId : undefined,
          path: op.segments.length === 1 && op.method !== "query" ? path : `${PRIVATE}${lifted.moved.length}`,
          method: op.segments.length === 1 && op.method !== "query" ? op.method : "get",
          ...qs,
        });
      }
      if (op.segments.length === 1 && op.method !== "query") continue;
      const key = `${PRIVATE}${lifted.moved.length}`;
      lifted.moved.push({ key, path, segments: op.segments });
      paths[key] = { ...(pathItem.parameters === undefined ? {} : { parameters: pathItem.parameters }), get: op.operation };
    }
    delete pathItem.query;
    delete pathItem.additionalOperations;
  }
  return lifted;
}

/** Puts the lifted operations back into the transformed nodes (`paths` and `operations`). */
export function placeOperations32(nodes: ts.Node[], lifted: Lifted, ctx: GlobalContext): ts.Node[] {
  if (!lifted.moved.length && !lifted.querystrings.length) return nodes;
  const typeOf = (q: Querystring): ts.PropertySignature =>
    f.createPropertySignature(undefined, "querystring", q.required ? undefined : f.createToken(ts.SyntaxKind.QuestionToken), transformSchemaObject(q.schema as SchemaObject, { path: `#${q.pointer}`, ctx }));
  return nodes.map((node) => {
    if (!ts.isInterfaceDeclaration(node)) return node;
    if (node.name.text === "operations") {
      const members = node.members.map((m) => {
        const q = lifted.querystrings.find((x) => x.operationId !== undefined && memberName(m) === x.operationId);
        return q && ts.isPropertySignature(m) && m.type && ts.isTypeLiteralNode(m.type) ? withType(m, withQuerystring(m.type, typeOf(q))) : m;
      });
      return f.updateInterfaceDeclaration(node, node.modifiers, node.name, node.typeParameters, node.heritageClauses, members);
    }
    if (node.name.text !== "paths") return node;
    // inline operation types (no operationId) get their querystring first, private paths included
    const inline = (path: string, m: ts.PropertySignature): ts.PropertySignature => {
      if (!m.type || !ts.isTypeLiteralNode(m.type)) return m;
      const members = m.type.members.map((op) => {
        const q = lifted.querystrings.find((x) => x.operationId === undefined && x.path === path && x.method === memberName(op));
        return q && ts.isPropertySignature(op) && op.type && ts.isTypeLiteralNode(op.type) ? withType(op, withQuerystring(op.type, typeOf(q))) : op;
      });
      return withType(m, f.updateTypeLiteralNode(m.type, f.createNodeArray(members)));
    };
    const byKey = new Map<string, ts.PropertySignature>();
    for (const m of node.members) {
      const name = memberName(m);
      if (name !== undefined && ts.isPropertySignature(m)) byKey.set(name, inline(name, m));
    }
    const members: ts.TypeElement[] = [];
    for (const m of node.members) {
      const name = memberName(m);
      if (name === undefined || !ts.isPropertySignature(m)) members.push(m);
      else if (!name.startsWith(PRIVATE)) members.push(withMoved(byKey.get(name)!, lifted.moved.filter((x) => x.path === name), byKey));
    }
    return f.updateInterfaceDeclaration(node, node.modifiers, node.name, node.typeParameters, node.heritageClauses, members);
  });
}

/** A path's type with its moved operations: `query: ...`, then `additionalOperations: { LINK: ... }`. */
function withMoved(member: ts.PropertySignature, moved: Moved[], byKey: Map<string, ts.PropertySignature>): ts.PropertySignature {
  if (!moved.length || !member.type || !ts.isTypeLiteralNode(member.type)) return member;
  const operation = (m: Moved, name: string): ts.PropertySignature => {
    const get = (byKey.get(m.key)!.type as ts.TypeLiteralNode).members.find((x): x is ts.PropertySignature => memberName(x) === "get" && ts.isPropertySignature(x))!;
    const out = f.createPropertySignature(get.modifiers, propertyName(name), undefined, get.type);
    return ts.setSyntheticLeadingComments(out, ts.getSyntheticLeadingComments(get));
  };
  const added: ts.TypeElement[] = [];
  for (const m of moved.filter((x) => x.segments.length === 1)) added.push(operation(m, m.segments[0]!));
  const extra = moved.filter((x) => x.segments.length === 2);
  if (extra.length) added.push(f.createPropertySignature(undefined, "additionalOperations", undefined, f.createTypeLiteralNode(extra.map((m) => operation(m, m.segments[1]!)))));
  return withType(member, f.updateTypeLiteralNode(member.type, f.createNodeArray([...member.type.members, ...added])));
}

/** An operation's type with `querystring` added to its `parameters` (after `cookie`, where openapi-typescript ends them). */
function withQuerystring(op: ts.TypeLiteralNode, querystring: ts.PropertySignature): ts.TypeLiteralNode {
  const members = op.members.map((m) => {
    if (memberName(m) !== "parameters" || !ts.isPropertySignature(m) || !m.type || !ts.isTypeLiteralNode(m.type)) return m;
    return withType(m, f.updateTypeLiteralNode(m.type, f.createNodeArray([...m.type.members, querystring])));
  });
  return f.updateTypeLiteralNode(op, f.createNodeArray(members));
}

function withType(m: ts.PropertySignature, type: ts.TypeNode): ts.PropertySignature {
  return f.updatePropertySignature(m, m.modifiers, m.name, m.questionToken, type);
}

function memberName(m: ts.TypeElement): string | undefined {
  return m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) || ts.isNumericLiteral(m.name)) ? m.name.text : undefined;
}

function propertyName(name: string): ts.PropertyName {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? f.createIdentifier(name) : f.createStringLiteral(name);
}

/** A local `$ref`'s target, or the value itself; undefined for what is no object. */
function resolved(document: JsonObject, value: unknown): JsonObject | undefined {
  let node = value;
  for (let hops = 0; isObject(node) && typeof node.$ref === "string" && hops < 32; hops++) {
    const fragment = node.$ref.startsWith("#") ? pointerFromFragment(node.$ref.slice(1)) : undefined;
    node = fragment === undefined ? undefined : resolvePointer(document, fragment).value;
  }
  return isObject(node) ? node : undefined;
}

function has32(document: JsonObject, item: JsonObject): boolean {
  return isObject(item.query) || isObject(item.additionalOperations) || operationsOfItem(item).some((op) => querystringOf(document, item, op.operation) !== undefined);
}

/** The operation's `in: querystring` parameter (its own, else the path item's): its schema and where it is written. */
function querystringOf(document: JsonObject, item: JsonObject, op: JsonObject): { required: boolean; schema: JsonObject | boolean; pointer: string } | undefined {
  for (const list of [op.parameters, item.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const p = resolved(document, entry);
      if (!p || p.in !== "querystring" || !isObject(p.content)) continue;
      const [mediaType, media] = Object.entries(p.content)[0] ?? [];
      if (mediaType === undefined || !isObject(media)) continue;
      const schema = isObject(media.schema) || typeof media.schema === "boolean" ? media.schema : {};
      const at = isObject(entry) && typeof entry.$ref === "string" ? pointerFromFragment(entry.$ref.slice(entry.$ref.indexOf("#") + 1)) ?? "" : "";
      return { required: p.required === true, schema, pointer: `${at}/content/${escapeSegment(mediaType)}/schema` };
    }
  }
  return undefined;
}
