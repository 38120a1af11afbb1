/**
 * The validators' ajv compiles (compile.ts) on a worker thread (generator/threads/pool.ts) when a spec is large
 * enough to gain: on GitHub's, the component compile alone takes seconds.
 */
import { compileModule, type CompiledModule, type CompileInput } from "./compile.js";
import { LARGE, onThread, ThreadGroup, type ThreadUse } from "../../threads/pool.js";

/**
 * Compiles `inputs`, the heaviest first. With threads, only that one goes to a worker; the rest compile
 * on this thread once the caller's pending synchronous work (the other targets' emitters) is done. A
 * thread per input meant one more busy thread on two cores (the types' thread is one already), the
 * longest compile sharing its core, and ajv loaded once more.
 */
export async function compileModules(inputs: CompileInput[], threads: ThreadUse = "auto", group = new ThreadGroup()): Promise<CompiledModule[]> {
  const total = inputs.reduce((n, input) => n + input.exports.length, 0);
  const [heaviest, ...rest] = inputs;
  if (!heaviest || !onThread(threads, total >= LARGE)) {
    group.drop("validators");
    return inputs.map(compileModule);
  }
  const thread = group.run("validators", heaviest);
  // heard below; stopped with its run (a sibling failed), it must not reject unheard meanwhile
  thread.catch(() => undefined);
  await new Promise((resolve) => setImmediate(resolve));
  let here: { ok: CompiledModule[] } | { error: unknown };
  try {
    here = { ok: rest.map(compileModule) };
  } catch (error) {
    here = { error };
  }
  // The thread's error first: it compiles the documents every input shares (an invalid schema fails there).
  const first = await thread;
  if ("error" in here) throw here.error;
  return [first, ...here.ok];
}
