/**
 * `prefixItems` (JSON Schema 2020-12 §10.3.1.1) says what each position holds, not that it is there: an
 * array shorter than the tuple is valid unless `minItems` says otherwise, and a longer one unless `items:
 * false` or `maxItems` does, its rest checked by `items`. openapi-typescript types every `prefixItems` as
 * the exact tuple `[A, B]` and drops `items`, so values the validators accept (`[]`, `["a", 1, true]`) did
 * not compile. Here a position under `minItems` is required, the others optional, and the rest is
 * `...Items[]` (`unknown` without `items`): `[A, B?, ...C[]]`. A tuple exactly as long as `minItems` and
 * `maxItems` (Lumyri's `[latitude, longitude]`) prints as before.
 */
import type { GlobalContext, SchemaObject } from "openapi-typescript";
import type TS from "typescript";
import { ts, transformSchemaObject } from "./typescript.js";
import { isObject } from "../../openapi/kinds.js";

const f = ts.factory;

/** openapi-typescript's `transform` hook: the type of a `type: array` schema with `prefixItems`, else undefined. */
export function tupleType(schema: SchemaObject, options: { path?: string; ctx: GlobalContext }): TS.TypeNode | undefined {
  const s = schema as Record<string, unknown>;
  if (s.type !== "array" || !Array.isArray(s.prefixItems)) return undefined;
  const positions = s.prefixItems as SchemaObject[];
  const min = typeof s.minItems === "number" ? s.minItems : 0;
  const max = typeof s.maxItems === "number" ? s.maxItems : Infinity;
  const at = (sub: SchemaObject, key: string) => transformSchemaObject(sub, { path: `${options.path ?? "#"}/${key}`, ctx: options.ctx });
  const elements: TS.TypeNode[] = positions.slice(0, max).map((p, i) => (i < min ? at(p, `prefixItems/${i}`) : f.createOptionalTypeNode(at(p, `prefixItems/${i}`))));
  // `items: false` is what typesInput leaves of a subschema admitting nothing (openapi-typescript-input.ts)
  const closed = s.items === false || max <= positions.length;
  if (!closed) elements.push(f.createRestTypeNode(f.createArrayTypeNode(isObject(s.items) ? at(s.items as SchemaObject, "items") : f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword))));
  const tuple = f.createTupleTypeNode(elements);
  return options.ctx.immutable ? f.createTypeOperatorNode(ts.SyntaxKind.ReadonlyKeyword, tuple) : tuple;
}
