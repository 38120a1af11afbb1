// openapi-typescript's transform and printer, imported without its entry point: the entry loads Redocly
// (~1 s) to lint and bundle again what our pipeline has already bundled and checked.
declare module "openapi-typescript/dist/transform/index.mjs" {
  import type { GlobalContext, OpenAPI3 } from "openapi-typescript";
  import type ts from "typescript";
  export default function transformSchema(schema: OpenAPI3, ctx: GlobalContext): ts.Node[];
}
declare module "openapi-typescript/dist/lib/ts.mjs" {
  import type ts from "typescript";
  export function astToString(ast: ts.Node | ts.Node[] | ts.TypeElement | ts.TypeElement[], options?: { formatOptions?: ts.PrinterOptions; fileName?: string; sourceText?: string }): string;
  export function tsPropertyIndex(index: string | number): ts.PropertyName;
  export function tsModifiers(modifiers: { readonly?: boolean; export?: boolean }): ts.Modifier[];
  export function tsRecord(key: ts.TypeNode, value: ts.TypeNode): ts.TypeReferenceNode;
  export const STRING: ts.TypeNode;
  export const NEVER: ts.TypeNode;
}
declare module "openapi-typescript/dist/lib/utils.mjs" {
  import type { DiscriminatorObject, OpenAPI3 } from "openapi-typescript";
  export function scanDiscriminators(schema: OpenAPI3, options: { silent?: boolean }): Record<string, DiscriminatorObject>;
  export function resolveRef<T>(schema: unknown, $ref: string, options: { silent: boolean; visited?: string[] }): T;
}
declare module "openapi-typescript/dist/transform/schema-object.mjs" {
  import type { GlobalContext, ReferenceObject, SchemaObject } from "openapi-typescript";
  import type ts from "typescript";
  export default function transformSchemaObject(schema: SchemaObject | ReferenceObject, options: { path: string; ctx: GlobalContext }): ts.TypeNode;
}
