// openapi-typescript's transform and printer, required without its entry point (see typescript.ts): the entry
// loads Redocly (~1 s) to lint and bundle again what our pipeline has already bundled and checked.
declare module "openapi-typescript/dist/transform/index.cjs" {
  import type { GlobalContext, OpenAPI3 } from "openapi-typescript";
  import type ts from "typescript";
  function transformSchema(schema: OpenAPI3, ctx: GlobalContext): ts.Node[];
  export = transformSchema;
}
declare module "openapi-typescript/dist/lib/ts.cjs" {
  import type ts from "typescript";
  export function astToString(ast: ts.Node | ts.Node[] | ts.TypeElement | ts.TypeElement[], options?: { formatOptions?: ts.PrinterOptions; fileName?: string; sourceText?: string }): string;
  export function tsPropertyIndex(index: string | number): ts.PropertyName;
  export function tsModifiers(modifiers: { readonly?: boolean; export?: boolean }): ts.Modifier[];
  export function tsRecord(key: ts.TypeNode, value: ts.TypeNode): ts.TypeReferenceNode;
  export const STRING: ts.TypeNode;
  export const NEVER: ts.TypeNode;
}
declare module "openapi-typescript/dist/lib/utils.cjs" {
  import type { DiscriminatorObject, OpenAPI3 } from "openapi-typescript";
  export function scanDiscriminators(schema: OpenAPI3, options: { silent?: boolean }): Record<string, DiscriminatorObject>;
  export function resolveRef<T>(schema: unknown, $ref: string, options: { silent: boolean; visited?: string[] }): T;
}
declare module "openapi-typescript/dist/transform/schema-object.cjs" {
  import type { GlobalContext, ReferenceObject, SchemaObject } from "openapi-typescript";
  import type ts from "typescript";
  export default function transformSchemaObject(schema: SchemaObject | ReferenceObject, options: { path: string; ctx: GlobalContext }): ts.TypeNode;
}
