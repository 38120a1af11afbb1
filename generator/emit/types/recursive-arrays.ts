/**
 * A schema that is an array of itself outside any object (a JSON value: `oneOf: [string, number, ...,
 * {type: array, items: {$ref: Json}}]`) comes out of openapi-typescript as
 * `Json: string | ... | components["schemas"]["Json"][]`, which TypeScript refuses (TS2502: it resolves the
 * array's element at once, through the interface it is defining; openapi-typescript issue #1603). An
 * interface is resolved lazily, so each such array becomes one:
 * `export interface $ArrayOf_Json extends Array<components["schemas"]["Json"]> {}`, the same type. Arrays
 * inside an object type (`{ children: Node[] }`) are resolved lazily already and stay as they are, so
 * specs without the pattern print exactly as before. With `immutable`, `readonly T[]` becomes an interface
 * extending `ReadonlyArray`.
 */
import type TS from "typescript";
import { ts } from "./typescript.js";

const f = ts.factory;
/** `visitEachChild` over type nodes needs no lexical environment: the factory is all it uses. */
const NO_CONTEXT = { factory: f } as unknown as TS.TransformationContext;

/** `components["schemas"]["Name"]` -> "Name". */
function schemaRef(node: TS.Node): string | undefined {
  if (!ts.isIndexedAccessTypeNode(node) || !ts.isLiteralTypeNode(node.indexType) || !ts.isStringLiteral(node.indexType.literal)) return undefined;
  const outer = node.objectType;
  if (!ts.isIndexedAccessTypeNode(outer) || !ts.isTypeReferenceNode(outer.objectType) || !ts.isIdentifier(outer.objectType.typeName)) return undefined;
  if (outer.objectType.typeName.text !== "components" || !ts.isLiteralTypeNode(outer.indexType) || !ts.isStringLiteral(outer.indexType.literal) || outer.indexType.literal.text !== "schemas") return undefined;
  return node.indexType.literal.text;
}

/** Whether TypeScript resolves what is under `node` only when asked (an object type, a mapped type, a function). */
const lazy = (node: TS.Node) => ts.isTypeLiteralNode(node) || ts.isMappedTypeNode(node) || ts.isFunctionTypeNode(node) || ts.isConstructorTypeNode(node);

/** The schemas `node` refers to where TypeScript resolves them at once. */
function eagerRefs(node: TS.Node, out = new Set<string>()): Set<string> {
  const name = schemaRef(node);
  if (name !== undefined) out.add(name);
  else if (!lazy(node)) ts.forEachChild(node, (child) => void eagerRefs(child, out));
  return out;
}

/** The `schemas` members of the `components` interface, by name. */
function schemaMembers(nodes: readonly TS.Node[]): Map<string, TS.PropertySignature> | undefined {
  const components = nodes.find((n): n is TS.InterfaceDeclaration => ts.isInterfaceDeclaration(n) && n.name.text === "components");
  const schemas = components?.members.find((m): m is TS.PropertySignature => ts.isPropertySignature(m) && ts.isIdentifier(m.name) && m.name.text === "schemas");
  if (!schemas?.type || !ts.isTypeLiteralNode(schemas.type)) return undefined;
  const out = new Map<string, TS.PropertySignature>();
  for (const m of schemas.type.members) {
    if (!ts.isPropertySignature(m) || !m.type) continue;
    const key = ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) ? m.name.text : undefined;
    if (key !== undefined) out.set(key, m);
  }
  return out;
}

/** Schemas on a cycle of eager references (each reaches itself). */
function cyclic(graph: Map<string, Set<string>>): Set<string> {
  const out = new Set<string>();
  for (const start of graph.keys()) {
    const seen = new Set<string>();
    const stack = [...(graph.get(start) ?? [])];
    while (stack.length > 0) {
      const at = stack.pop()!;
      if (at === start) {
        out.add(start);
        break;
      }
      if (seen.has(at)) continue;
      seen.add(at);
      for (const next of graph.get(at) ?? []) stack.push(next);
    }
  }
  return out;
}

export function deferRecursiveArrays(nodes: TS.Node[]): TS.Node[] {
  const members = schemaMembers(nodes);
  if (!members) return nodes;
  const graph = new Map<string, Set<string>>();
  for (const [name, m] of members) graph.set(name, eagerRefs(m.type!));
  const onCycle = cyclic(graph);
  if (onCycle.size === 0) return nodes;

  const declarations: TS.InterfaceDeclaration[] = [];
  const used = new Set<string>();
  const interfaceFor = (schema: string, element: TS.TypeNode, array: "Array" | "ReadonlyArray"): TS.TypeReferenceNode => {
    const base = `$ArrayOf_${schema.replace(/[^A-Za-z0-9_$]/g, "_")}`;
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    const extendsArray = f.createHeritageClause(ts.SyntaxKind.ExtendsKeyword, [f.createExpressionWithTypeArguments(f.createIdentifier(array), [element])]);
    declarations.push(f.createInterfaceDeclaration([f.createModifier(ts.SyntaxKind.ExportKeyword)], name, undefined, [extendsArray], []));
    return f.createTypeReferenceNode(name);
  };

  const replaced = new Map<TS.PropertySignature, TS.PropertySignature>();
  for (const name of onCycle) {
    const member = members.get(name)!;
    // An array whose element leads back to a schema on a cycle becomes an interface; lazy parts are left.
    const rewrite = (node: TS.Node): TS.Node => {
      if (lazy(node) || schemaRef(node) !== undefined) return node;
      const back = (array: TS.ArrayTypeNode) => [...eagerRefs(array.elementType)].some((r) => onCycle.has(r));
      if (ts.isArrayTypeNode(node) && back(node)) return interfaceFor(name, node.elementType, "Array");
      // `types: { immutable: true }`: `readonly T[]`, whose `readonly` cannot stand before an interface's name
      if (ts.isTypeOperatorNode(node) && node.operator === ts.SyntaxKind.ReadonlyKeyword && ts.isArrayTypeNode(node.type) && back(node.type)) return interfaceFor(name, node.type.elementType, "ReadonlyArray");
      return ts.visitEachChild(node, rewrite, NO_CONTEXT);
    };
    const type = rewrite(member.type!) as TS.TypeNode;
    if (type !== member.type) replaced.set(member, f.updatePropertySignature(member, member.modifiers, member.name, member.questionToken, type));
  }
  if (declarations.length === 0) return nodes;

  // Down `components` to `schemas` only: the rest of the interface is returned as it is.
  const swap = (node: TS.Node): TS.Node => {
    if (ts.isPropertySignature(node)) {
      const replacement = replaced.get(node);
      if (replacement) return replacement;
      if (!(ts.isIdentifier(node.name) && node.name.text === "schemas")) return node;
    } else if (!ts.isInterfaceDeclaration(node) && !ts.isTypeLiteralNode(node)) return node;
    return ts.visitEachChild(node, swap, NO_CONTEXT);
  };
  const out: TS.Node[] = [];
  for (const n of nodes) {
    if (ts.isInterfaceDeclaration(n) && n.name.text === "components") out.push(swap(n), ...declarations);
    else out.push(n);
  }
  return out;
}
