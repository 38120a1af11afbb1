/** The types target: openapi-typescript's declarations plus our named aliases. */
import type { ApiIR } from "../../ir/types.js";
import type { EmitContext, EmittedFile } from "../emitter.js";
import { emitAliasesFile } from "./aliases.js";
import { emitSchemaFile } from "./schema-file.js";
import { writableKeys } from "./read-write-split.js";

export function emitTypes(ir: ApiIR, ctx: EmitContext): EmittedFile[] {
  // `readWrite: off`: one type per component, as openapi-typescript writes it
  const twins = ctx.types?.readWrite === "off" ? undefined : writableKeys(ir.document);
  return [
    { path: "src/schema.ts", contents: emitSchemaFile(ir, ctx.types ?? {}, twins), format: false },
    // Printed in a fixed layout by its template: prettier would add 3.5 s on GitHub's 1.9 MB of aliases.
    { path: "src/types.ts", contents: emitAliasesFile(ir, ctx.templates, twins ?? new Map(), ctx.types?.enums, ctx.types?.dates === "Date"), format: false },
  ];
}
