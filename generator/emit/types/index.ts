/**
 * The types target: openapi-typescript's declarations plus our named aliases. TypeScript and
 * openapi-typescript (schema-file.ts) are loaded only when `src/schema.ts` is made on this thread: they
 * cost a few hundred ms to load, which `specforge mock` and `proxy` never need, and on a large spec the
 * file is made on a thread of its own while the other targets are emitted here.
 */
import type { ApiIR } from "../../ir/types.js";
import type { EmitContext, EmittedFile, Target } from "../emitter.js";
import { emitAliasesFile } from "./aliases.js";
import type { SchemaFileInput } from "./schema-file.js";
import { writableKeys } from "./read-write-split.js";
import { isLargeSpec, onThread, ThreadGroup } from "../../threads/pool.js";

/**
 * Whether `src/schema.ts` is made on a thread when the spec is large: only beside other targets, whose
 * emitters then run here meanwhile. Alone, the thread would save little and hold a second copy of the spec.
 */
export const schemaOnThread = (targets: readonly Target[]) => targets.includes("types") && targets.length > 1;

export async function emitTypes(ir: ApiIR, ctx: EmitContext): Promise<EmittedFile[]> {
  // `readWrite: off`: one type per component, as openapi-typescript writes it
  const twins = ctx.types?.readWrite === "off" ? undefined : writableKeys(ir.document);
  const { dates, immutable, alphabetize } = ctx.types ?? {};
  const input: SchemaFileInput = { document: ir.document, title: ir.title, version: ir.version, options: { dates, immutable, alphabetize }, twins };
  let threaded: Promise<string> | undefined;
  const threads = ctx.threadGroup ?? new ThreadGroup();
  if (schemaOnThread(ctx.targets) && onThread(ctx.threads, isLargeSpec(ir.document))) {
    threaded = threads.run("schema", input);
    // heard below; if the aliases throw first, the thread's failure must not end the process unheard
    threaded.catch(() => undefined);
    // the aliases after the next target has sent its thread its work (the validators' compile, the longest)
    await new Promise((resolve) => setImmediate(resolve));
  } else {
    threads.drop("schema");
  }
  // Printed in a fixed layout by its template: prettier would add 3.5 s on GitHub's 1.9 MB of aliases.
  const emitAliases = () => emitAliasesFile(ir, ctx.templates, twins ?? new Map(), ctx.types?.enums, ctx.types?.dates === "Date");
  // Without a thread the aliases come second: their text (50 MB on Microsoft Graph beta) is not held while
  // openapi-typescript's syntax tree, the run's largest, is built and printed.
  const aliases = threaded ? emitAliases() : undefined;
  const schema = threaded ? await threaded : (await import("./schema-file.js")).emitSchemaFile(input);
  return [
    { path: "src/schema.ts", contents: schema, format: false },
    { path: "src/types.ts", contents: aliases ?? emitAliases(), format: false },
  ];
}
