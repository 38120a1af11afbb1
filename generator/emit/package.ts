/** Runs every emitter for a package: the package files (none with `runOnly`) plus one module per target. */
import type { ApiIR } from "../ir/types.js";
import type { EmitContext, EmittedFile } from "./emitter.js";
import { emitGitignore, emitIndex, emitPackageJson, emitReadme, emitTsconfig } from "./package/package-files.js";
import { STARTS_FIRST, TARGET_EMITTERS } from "./targets.js";
import { emitDates } from "./dates/index.js";
import { emitSamples } from "./samples/index.js";

export async function emitPackage(ir: ApiIR, ctx: EmitContext): Promise<EmittedFile[]> {
  const files: EmittedFile[] = ctx.runOnly ? [] : [
    { path: "package.json", contents: emitPackageJson(ir, ctx), format: false },
    { path: "tsconfig.json", contents: emitTsconfig(), format: false },
    { path: ".gitignore", contents: emitGitignore(), format: false },
    // Laid out by its template: prettier would spend 0.6 s aligning a 1,000-row table on large specs.
    { path: "README.md", contents: emitReadme(ir, ctx, ctx.templates), format: false },
    { path: "src/index.ts", contents: emitIndex(ir, ctx, ctx.templates), format: "typescript" },
  ];
  if (!ctx.runOnly && ctx.changelog !== undefined) files.push({ path: "CHANGELOG.md", contents: ctx.changelog, format: false });
  // `types: { dates: "Date" }`: the plans and their runtime, shared by the client, server and validators
  files.push(...emitDates(ir, ctx));
  files.push(...emitSamples(ir, ctx));
  const order = [...STARTS_FIRST.filter((t) => ctx.targets.includes(t)), ...ctx.targets.filter((t) => !STARTS_FIRST.includes(t))];
  // An emitter that throws at once must not leave the others' promises rejecting unheard (an unhandled
  // rejection ended the process past the CLI's exit codes): each becomes a rejected promise Promise.all hears.
  const pending = order.map((target) => {
    try {
      return TARGET_EMITTERS[target](ir, ctx);
    } catch (e) {
      return Promise.reject(e);
    }
  });
  for (const out of await Promise.all(pending)) files.push(...out);
  // The spec as generated from (bundled, normalized): what the next `generate --bump` compares with. Made
  // last: on Microsoft Graph beta its text is 75 MB (150 MB in memory), which held beside openapi-typescript's
  // syntax tree raised the peak by twice that (the heap grows to about twice what it holds).
  if (!ctx.runOnly) files.push({ path: "openapi.json", contents: `${JSON.stringify(ir.document, null, 2)}\n`, format: false });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
