/** Runs every emitter for a package: the package files plus one module per target. */
import type { ApiIR } from "../ir/types.js";
import type { EmitContext, EmittedFile } from "./emitter.js";
import { emitIndex, emitPackageJson, emitReadme, emitTsconfig } from "./package/package-files.js";
import { TARGET_EMITTERS } from "./targets.js";

export function emitPackage(ir: ApiIR, ctx: EmitContext): EmittedFile[] {
  const files: EmittedFile[] = [
    { path: "package.json", contents: emitPackageJson(ir, ctx), format: false },
    { path: "tsconfig.json", contents: emitTsconfig(), format: false },
    // Laid out by its template: prettier would spend 0.6 s aligning a 1,000-row table on large specs.
    { path: "README.md", contents: emitReadme(ir, ctx, ctx.templates), format: false },
    { path: "src/index.ts", contents: emitIndex(ir, ctx, ctx.templates), format: "typescript" },
  ];
  for (const target of ctx.targets) files.push(...TARGET_EMITTERS[target](ir, ctx));
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
