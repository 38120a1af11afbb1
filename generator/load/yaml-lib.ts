/**
 * The `yaml` package, loaded when first used, through `require`: an ESM `import` of this CommonJS package
 * took twice as long (~80 ms on Node 20: format detection, then cjs-module-lexer over it), and a run that
 * reads only JSON (lint of GitHub's JSON description) needs none of it.
 */
import { createRequire } from "node:module";

type Yaml = typeof import("yaml");

let lib: Yaml | undefined;

export function yamlLib(): Yaml {
  return (lib ??= createRequire(import.meta.url)("yaml") as Yaml);
}
