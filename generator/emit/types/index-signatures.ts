/**
 * An object with `properties` and a typed `additionalProperties` (or `patternProperties`) is typed by
 * openapi-typescript as `{ name?: string } & { [key: string]: number }`. The index signature covers every
 * key, the named ones too, so `name` reads as `never` and no object with a `name` can be written: a valid
 * `{ name: "x", count: 1 }` did not compile (openapi-typescript#1055, orval#600, oazapfts#866 for the same
 * gap elsewhere). Here the index signature also admits the named properties' types
 * (`[key: string]: number | string`): `name` reads as `string`, such an object compiles, and another key
 * reads as any of those types (what TypeScript can say without "every key but these"). Only the schema's
 * own `properties`: an allOf member's are additional to it in JSON Schema too.
 */
import type TS from "typescript";
import { ts } from "./typescript.js";

const printer = ts.createPrinter({ removeComments: true });
const file = ts.createSourceFile("index-signature.ts", "", ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);

/** openapi-typescript's `postTransform` hook: the schema's type with its index signature widened, or undefined when unchanged. */
export function widenIndexSignature(type: TS.TypeNode): TS.TypeNode | undefined {
  if (ts.isParenthesizedTypeNode(type)) {
    const inner = widenIndexSignature(type.type);
    return inner && ts.factory.updateParenthesizedType(type, inner);
  }
  if (!ts.isUnionTypeNode(type) && !ts.isIntersectionTypeNode(type)) return undefined;
  const pair = ts.isIntersectionTypeNode(type) ? widenPair(type) : undefined;
  if (pair) return pair;
  // the pair inside a union (`| null`) or an allOf's intersection (`(core & index) & Base`)
  let changed = false;
  const types = type.types.map((t) => {
    const w = widenIndexSignature(t);
    if (w) changed = true;
    return w ?? t;
  });
  if (!changed) return undefined;
  const list = ts.factory.createNodeArray(types);
  return ts.isUnionTypeNode(type) ? ts.factory.updateUnionTypeNode(type, list) : ts.factory.updateIntersectionTypeNode(type, list);
}

/** openapi-typescript's `{ ...properties } & { [key: string]: T }` with T widened, or undefined when it is not that or needs nothing. */
function widenPair(type: TS.IntersectionTypeNode): TS.TypeNode | undefined {
  if (type.types.length !== 2) return undefined;
  const [core, index] = type.types as unknown as [TS.TypeNode, TS.TypeNode];
  if (!ts.isTypeLiteralNode(core) || !ts.isTypeLiteralNode(index) || index.members.length !== 1) return undefined;
  const signature = index.members[0]!;
  if (!ts.isIndexSignatureDeclaration(signature) || signature.type.kind === ts.SyntaxKind.UnknownKeyword) return undefined;
  const members = ts.isUnionTypeNode(signature.type) ? [...signature.type.types] : [signature.type];
  const seen = new Set(members.map(text));
  for (const m of core.members) {
    if (!ts.isPropertySignature(m) || !m.type) continue;
    for (const t of ts.isUnionTypeNode(m.type) ? m.type.types : [m.type]) {
      const key = text(t);
      if (seen.has(key) || seen.has(widerThan(t) ?? "")) continue;
      seen.add(key);
      members.push(t);
    }
  }
  if (members.length === (ts.isUnionTypeNode(signature.type) ? signature.type.types.length : 1)) return undefined;
  const widened = ts.factory.updateIndexSignature(signature, signature.modifiers, signature.parameters, ts.factory.createUnionTypeNode(members));
  return ts.factory.updateIntersectionTypeNode(type, ts.factory.createNodeArray([core, ts.factory.updateTypeLiteralNode(index, ts.factory.createNodeArray([widened]))]));
}

/** The keyword a literal type is one value of (`"a"`: `string`), which already covers it. */
function widerThan(node: TS.TypeNode): string | undefined {
  // openapi-typescript writes a string literal type as an identifier holding its JSON text
  if (ts.isIdentifier(node as TS.Node)) return (node as unknown as TS.Identifier).text.startsWith('"') ? "string" : undefined;
  if (!ts.isLiteralTypeNode(node)) return undefined;
  const k = node.literal.kind;
  if (k === ts.SyntaxKind.StringLiteral) return "string";
  if (k === ts.SyntaxKind.NumericLiteral || k === ts.SyntaxKind.PrefixUnaryExpression) return "number";
  if (k === ts.SyntaxKind.TrueKeyword || k === ts.SyntaxKind.FalseKeyword) return "boolean";
  return undefined;
}

function text(node: TS.TypeNode): string {
  return printer.printNode(ts.EmitHint.Unspecified, node, file);
}
