/**
 * OpenAPI 3.2's operations in openapi-typescript's types. openapi-typescript 7.13 types the eight fixed
 * methods of a path item and `in: query|header|path|cookie` parameters only; a `query` operation,
 * `additionalOperations` and `in: querystring` parameters it skips without a word.
 *
 * So its own code types them, through what it knows: before the transform each such operation is moved
 * (in our copy of the document) to a private path item of its own, as its `get`, with the path item's
 * parameters; openapi-typescript types it exactly as any GET (its `operations` entry, its JSDoc, `$ref`s,
 * `dates: Date`). After, the private path's `get` member is moved back into the path item's type (in
 * `paths`, in `webhooks`, or in `components.pathItems` for a `$ref`'d one), as `query` or under `additionalOperations`
 * (keyed by the method as written, as in the spec), and the private path removed. A querystring parameter's schema is typed by openapi-typescript's `transformSchemaObject`
 * and added to its operation's `parameters` as `querystring`. The rest of the output is untouched: a spec
 * without these prints byte for byte as before.
 *
 * This edits the printed AST at three well-known places (the `paths` and `operations` interfaces and an
 * operation's `parameters`), as recursive-arrays.ts does; it does not patch openapi-typescript.
 */
import type TS from "typescript";
import { ts, transformSchemaObject } from "./typescript.js";
import type { GlobalContext, SchemaObject } from "openapi-typescript";
import { isObject, operationsOfItem, type JsonObject } from "../../openapi/kinds.js";
import { escapeSegment, pointerFromFragment, resolvePointer } from "../../openapi/pointer.js";

const f = ts.factory;
const PRIVATE = "specforge:operation:";

/** A path item's place in openapi-typescript's output: `paths["/a"]`, or `components["pathItems"]["A"]` (what a `$ref`'d path item is typed as). */
type Owner = `paths:${string}` | `pathItems:${string}` | `webhooks:${string}`;

interface Moved {
  /** The private key in `paths`. */
  key: string;
  /** The path item it is moved back into. */
  owner: Owner;
  /** `["query"]` or `["additionalOperations", "LINK"]`. */
  segments: string[];
}

interface Querystring {
  /** Where openapi-typescript put the operation's type: its `operations` entry, or inline under `paths`. */
  operationId?: string;
  /** Where its type is when inline (no operationId): the path item and its member (`get`, or `get` of a private path). */
  owner: Owner;
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
  const paths: JsonObject = isObject(copy.paths) ? copy.paths : {};
  const components = isObject(copy.components) ? copy.components : {};
  // a `$ref`'d path item is typed once, as `components["pathItems"][name]`, which `paths` refers to
  const items: Array<[Owner, JsonObject]> = [];
  for (const [name, item] of Object.entries(isObject(components.pathItems) ? components.pathItems : {})) if (isObject(item)) items.push([`pathItems:${name}`, item]);
  for (const [path, item] of Object.entries(paths)) if (!path.startsWith("x-") && isObject(item) && item.$ref === undefined) items.push([`paths:${path}`, item]);
  // webhooks' path items are typed in `webhooks` the same way (openapi-typescript skipped their QUERY and additional operations too)
  for (const [name, item] of Object.entries(isObject(copy.webhooks) ? copy.webhooks : {})) if (isObject(item) && item.$ref === undefined) items.push([`webhooks:${name}`, item]);
  for (const [owner, item] of items) {
    if (!has32(copy, item)) continue;
    for (const op of operationsOfItem(item)) {
      const moves = op.segments.length > 1 || op.method === "query";
      const key = `${PRIVATE}${lifted.moved.length}`;
      const qs = querystringOf(copy, item, op.operation);
      if (qs) {
        // openapi-typescript keys `operations` by the operationId with `#` as `/`
        const operationId = typeof op.operation.operationId === "string" && op.operation.operationId !== "" ? op.operation.operationId.replace(/#/g, "/") : undefined;
        lifted.querystrings.push({ operationId, owner: moves ? `paths:${key}` : owner, method: moves ? "get" : op.method, ...qs });
      }
      if (!moves) continue;
      lifted.moved.push({ key, owner, segments: op.segments });
      copy.paths = paths; // the private paths go under `paths`, made for them when the document has only webhooks
      paths[key] = { ...(item.parameters === undefined ? {} : { parameters: item.parameters }), get: op.operation };
    }
    delete item.query;
    delete item.additionalOperations;
  }
  return lifted;
}

/** Puts the lifted operations back into the transformed nodes (`paths`, `components.pathItems` and `operations`). */
export function placeOperations32(nodes: TS.Node[], lifted: Lifted, ctx: GlobalContext): TS.Node[] {
  if (!lifted.moved.length && !lifted.querystrings.length) return nodes;
  const typeOf = (q: Querystring): TS.PropertySignature =>
    f.createPropertySignature(undefined, "querystring", q.required ? undefined : f.createToken(ts.SyntaxKind.QuestionToken), transformSchemaObject(q.schema as SchemaObject, { path: `#${q.pointer}`, ctx }));
  // inline operation types (no operationId) get their querystring first, private paths included
  const inline = (owner: Owner, m: TS.PropertySignature): TS.PropertySignature => {
    if (!m.type || !ts.isTypeLiteralNode(m.type)) return m;
    const members = m.type.members.map((op) => {
      const q = lifted.querystrings.find((x) => x.operationId === undefined && x.owner === owner && x.method === memberName(op));
      return q && ts.isPropertySignature(op) && op.type && ts.isTypeLiteralNode(op.type) ? withType(op, withQuerystring(op.type, typeOf(q))) : op;
    });
    return withType(m, f.updateTypeLiteralNode(m.type, f.createNodeArray(members)));
  };
  // the private paths' `get`s, by key, taken before `paths` is rewritten (a `components` interface comes first)
  const moved = new Map<string, TS.PropertySignature>();
  for (const node of nodes) {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== "paths") continue;
    for (const m of node.members) {
      const name = memberName(m);
      if (name === undefined || !name.startsWith(PRIVATE) || !ts.isPropertySignature(m)) continue;
      const item = inline(`paths:${name}`, m).type as TS.TypeLiteralNode;
      moved.set(name, item.members.find((x): x is TS.PropertySignature => memberName(x) === "get" && ts.isPropertySignature(x))!);
    }
  }
  // a path item's type: its inline querystrings, then its moved operations
  const item = (owner: Owner, m: TS.PropertySignature) => withMoved(inline(owner, m), lifted.moved.filter((x) => x.owner === owner), moved);
  return nodes.map((node) => {
    if (!ts.isInterfaceDeclaration(node)) return node;
    let members: TS.TypeElement[];
    if (node.name.text === "operations") {
      members = node.members.map((m) => {
        const q = lifted.querystrings.find((x) => x.operationId !== undefined && memberName(m) === x.operationId);
        return q && ts.isPropertySignature(m) && m.type && ts.isTypeLiteralNode(m.type) ? withType(m, withQuerystring(m.type, typeOf(q))) : m;
      });
    } else if (node.name.text === "paths") {
      members = node.members.flatMap((m) => {
        const name = memberName(m);
        if (name === undefined || !ts.isPropertySignature(m)) return [m];
        return name.startsWith(PRIVATE) ? [] : [item(`paths:${name}`, m)];
      });
    } else if (node.name.text === "webhooks") {
      members = node.members.map((m) => {
        const name = memberName(m);
        return name !== undefined && ts.isPropertySignature(m) ? item(`webhooks:${name}`, m) : m;
      });
    } else if (node.name.text === "components") {
      members = node.members.map((m) => {
        if (memberName(m) !== "pathItems" || !ts.isPropertySignature(m) || !m.type || !ts.isTypeLiteralNode(m.type)) return m;
        const items = m.type.members.map((p) => {
          const name = memberName(p);
          return name !== undefined && ts.isPropertySignature(p) ? item(`pathItems:${name}`, p) : p;
        });
        return withType(m, f.updateTypeLiteralNode(m.type, f.createNodeArray(items)));
      });
    } else return node;
    return f.updateInterfaceDeclaration(node, node.modifiers, node.name, node.typeParameters, node.heritageClauses, members);
  });
}

/** A path's type with its moved operations: `query: ...`, then `additionalOperations: { LINK: ... }`. */
function withMoved(member: TS.PropertySignature, moved: Moved[], gets: Map<string, TS.PropertySignature>): TS.PropertySignature {
  if (!moved.length || !member.type || !ts.isTypeLiteralNode(member.type)) return member;
  const operation = (m: Moved, name: string): TS.PropertySignature => {
    const get = gets.get(m.key)!;
    const out = f.createPropertySignature(get.modifiers, propertyName(name), undefined, get.type);
    return ts.setSyntheticLeadingComments(out, ts.getSyntheticLeadingComments(get));
  };
  const added: TS.TypeElement[] = [];
  for (const m of moved.filter((x) => x.segments.length === 1)) added.push(operation(m, m.segments[0]!));
  const extra = moved.filter((x) => x.segments.length === 2);
  if (extra.length) added.push(f.createPropertySignature(undefined, "additionalOperations", undefined, f.createTypeLiteralNode(extra.map((m) => operation(m, m.segments[1]!)))));
  return withType(member, f.updateTypeLiteralNode(member.type, f.createNodeArray([...member.type.members, ...added])));
}

/** An operation's type with `querystring` added to its `parameters` (after `cookie`, where openapi-typescript ends them). */
function withQuerystring(op: TS.TypeLiteralNode, querystring: TS.PropertySignature): TS.TypeLiteralNode {
  const members = op.members.map((m) => {
    if (memberName(m) !== "parameters" || !ts.isPropertySignature(m) || !m.type || !ts.isTypeLiteralNode(m.type)) return m;
    return withType(m, f.updateTypeLiteralNode(m.type, f.createNodeArray([...m.type.members, querystring])));
  });
  return f.updateTypeLiteralNode(op, f.createNodeArray(members));
}

function withType(m: TS.PropertySignature, type: TS.TypeNode): TS.PropertySignature {
  return f.updatePropertySignature(m, m.modifiers, m.name, m.questionToken, type);
}

function memberName(m: TS.TypeElement): string | undefined {
  return m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) || ts.isNumericLiteral(m.name)) ? m.name.text : undefined;
}

function propertyName(name: string): TS.PropertyName {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? f.createIdentifier(name) : f.createStringLiteral(name);
}

/** A local `$ref`'s target, or the value itself; undefined for what is no object (a parameter's). */
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
