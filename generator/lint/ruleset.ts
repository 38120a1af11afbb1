/**
 * `specforge lint --ruleset <file>` (or `lint.ruleset`): another linter's settings read as the `lint`
 * section they stand for: a Spectral ruleset (spectral-ruleset.ts) or a Redocly config (redocly-config.ts),
 * told apart by name and content.
 */
import { error, SpecforgeError } from "../diagnostics/diagnostic.js";
import { readSourceFile, type SourceFile } from "../load/source-file.js";
import type { LintConfig } from "./config.js";
import { looksLikeRedocly, readRedoclyConfig } from "./redocly-config.js";
import type { ReadRuleset } from "./ruleset-read.js";
import { readSpectralRuleset } from "./spectral-ruleset.js";

/** Reads the ruleset at `file` (absolute); `baseDir` is the folder lint's globs are relative to. */
export function readRuleset(file: string, baseDir: string): ReadRuleset {
  let source: SourceFile;
  try {
    source = readSourceFile(file);
  } catch (e) {
    if (e instanceof SpecforgeError) throw new SpecforgeError(e.diagnostics.map((d) => ({ ...d, message: d.message.replace("cannot read spec", "cannot read ruleset") })));
    throw e;
  }
  return looksLikeRedocly(source.value, file) ? readRedoclyConfig(source, file) : readSpectralRuleset(source, file, baseDir);
}

/**
 * A config's `lint` section with a ruleset read into it: the config's rule severities win over the
 * ruleset's, its overrides apply after the ruleset's, and a rule, alias or function defined in both is an error
 * (`config.userFunctions` are the config's `functions`, found: userFunctionsOf).
 */
export function withRuleset(config: LintConfig, ruleset: ReadRuleset, rulesetFile: string): LintConfig {
  const clash = (kind: string, a: object | undefined, b: object | undefined) =>
    Object.keys(a ?? {}).filter((k) => Object.prototype.hasOwnProperty.call(b ?? {}, k)).map((k) =>
      error("lint/ruleset", `${kind} '${k}' is defined both in the ruleset and in the config's lint section`, { file: rulesetFile }, "keep one of the two"));
  const problems = [...clash("rule", ruleset.lint.custom, config.custom), ...clash("alias", ruleset.lint.aliases, config.aliases), ...clash("function", ruleset.lint.userFunctions, config.userFunctions)];
  if (problems.length) throw new SpecforgeError(problems);
  const { ruleset: _file, ...rest } = config;
  return {
    ...rest,
    rules: { ...ruleset.lint.rules, ...config.rules },
    custom: { ...ruleset.lint.custom, ...config.custom },
    aliases: { ...ruleset.lint.aliases, ...config.aliases },
    functions: [...(ruleset.lint.functions ?? []), ...(config.functions ?? [])],
    userFunctions: { ...ruleset.lint.userFunctions, ...config.userFunctions },
    overrides: [...(ruleset.lint.overrides ?? []), ...(config.overrides ?? [])],
    replaces: [...(ruleset.lint.replaces ?? []), ...(config.replaces ?? [])],
    // a rule the config sets runs whole, as the config says
    partsOff: (ruleset.lint.partsOff ?? []).filter((p) => config.rules?.[p.split("/")[0]!] === undefined),
  };
}
