/**
 * Lints one spec file: load -> official schema check (on the file as written) -> bundle (ref problems
 * kept, not thrown) -> normalize to 3.1 -> every rule that is on. Findings carry file:line:col, resolved
 * in one batch per file at the end (GitHub's 13 MB JSON would take one scan per finding otherwise).
 * Throws `SpecforgeError` only when the file cannot be read at all (exit 2).
 */
import { SpecforgeError, error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { writtenVersion, type SourceFile } from "../load/source-file.js";
import { loadSpec, type LoadedSpec } from "../load/load-spec.js";
import { upgrade } from "../upgrade/upgrade.js";
import type { FetchHeaderRule } from "../load/fetch-headers.js";
import { resolveInput } from "../load/location.js";
import { checkVersion } from "../check/check.js";
import { bundle } from "../bundle/bundle.js";
import { normalize } from "../normalize/normalize.js";
import type { NormalizeWarning } from "../normalize/from-32.js";
import { forEachNode } from "../openapi/walk.js";
import { isObject, type JsonObject } from "../openapi/kinds.js";
import { webhooksExtension } from "../openapi/x-webhooks.js";
import { RULES } from "./registry.js";
import { fragmentProblems, schemaProblems, type FileSchemaProblem } from "./rules/document.js";
import { resolvePointer } from "../openapi/pointer.js";
import { ignorer, reservedIds, type LintConfig } from "./config.js";
import { compileCustomRules, settingOf, type CompiledCustomRule } from "./custom/config.js";
import { runCustomRule } from "./custom/rule.js";
import { Overrides } from "./overrides.js";
import { partOff } from "./rule-parts.js";
import { unhoist } from "./unhoist.js";
import { inBaseline, type Baseline } from "./baseline.js";
import { WORKER_MIN_CHARS, WORKER_RULES } from "./examples-worker.js";
import { memoIn, type Finding, type LintContext, type LintSeverity } from "./types.js";
import { onThread, ThreadGroup, type ThreadUse } from "../threads/pool.js";

export interface LintOptions extends LintConfig {
  /** Folder `ignore` globs are relative to (the config's); default: the working directory. */
  baseDir?: string;
  /** Extra folders `$ref`s may read from. */
  refRoots?: string[];
  /** OpenAPI Overlay files applied in order to the spec as it is read (absolute paths). */
  overlays?: string[];
  /** Findings accepted as they are (`specforge.lint-ignore.yaml` in `baseDir`): left out of the result. */
  baseline?: Baseline;
  /** Headers for fetching a spec given by URL (the config's `fetch.headers`). */
  fetchHeaders?: readonly FetchHeaderRule[];
  /** Told of what applying the overlays said (a target that selects nothing): about the overlay, not a finding of the spec. */
  onWarning?: (warning: Diagnostic) => void;
  /** Told of each finding the baseline left out. */
  onBaselined?: (finding: Finding) => void;
  /** Run the example rules on a worker thread: "auto" (the default) for a spec file of 1 MB or more (examples-worker.ts). */
  threads?: ThreadUse;
}

interface Pending {
  ruleId: string;
  /** The rule's checks that found it (rule-parts.ts). */
  parts?: readonly string[];
  message: string;
  help?: string;
  /** The rule could not check there (ctx.reportFailure): an error, whatever the rule's severity. */
  failure?: true;
  /** Bundled pointer (mapped through the source map), or a place already in a file's terms. */
  bundled?: string;
  file?: string;
  pointer?: string;
  line?: number;
  column?: number;
}

/** Which rule reports a load or bundle diagnostic. */
function stageRule(code: string): string {
  if (code === "check/unsupported-version" || code === "check/not-openapi") return "oas-version";
  if (code.startsWith("load/")) return "parse";
  if (code.startsWith("ref/")) return "ref-resolves";
  return "generator-compat";
}

const compiled = new WeakMap<object, CompiledCustomRule[]>();

/** The config's custom rules, compiled once per config object; a bad one throws as a bad config does. */
export function customRulesOf(config: LintConfig): CompiledCustomRule[] {
  if (!config.custom) return [];
  let rules = compiled.get(config.custom);
  if (!rules) {
    const result = compileCustomRules(config.custom, reservedIds(config.replaces), config.aliases, new Map(Object.entries(config.userFunctions ?? {})));
    if (result.problems.length) throw new SpecforgeError(result.problems.map((p) => error("config/invalid", p.message, { pointer: p.pointer }, p.help)));
    compiled.set(config.custom, (rules = result.rules));
  }
  return rules;
}

export async function lintFile(file: string, options: LintOptions = {}): Promise<Finding[]> {
  const custom = customRulesOf(options);
  // A built-in a custom rule replaces does not run; its id (and severity) is the custom rule's.
  const replaced = new Set(options.replaces ?? []);
  const builtIns = RULES.filter((r) => !replaced.has(r.id));
  const severity = (id: string): LintSeverity | "off" =>
    settingOf(options.rules?.[id]) ?? builtIns.find((r) => r.id === id)?.severity ?? custom.find((r) => r.id === id)?.severity ?? "error";
  const overrides = new Overrides(options.overrides, options.baseDir ?? process.cwd());
  const runs = (id: string) => severity(id) !== "off" || overrides.mayEnable(id);
  const absolute = resolveInput(file);
  const pending: Pending[] = [];
  const fromDiagnostics = (diags: Diagnostic[]) => {
    for (const d of diags) pending.push({ ruleId: stageRule(d.code), message: d.message, help: d.help, ...d.location });
  };
  const files = new Map<string, SourceFile>();

  let loaded: LoadedSpec | undefined;
  try {
    loaded = upgrade(await loadSpec(absolute, { refRoots: options.refRoots, fetchHeaders: options.fetchHeaders, overlays: options.overlays }));
  } catch (e) {
    // a file that cannot be read, a header the config cannot send or an overlay that cannot apply is bad input of
    // the run (exit 2), not a finding of the spec
    if (!(e instanceof SpecforgeError) || e.diagnostics.some((d) => d.code === "load/unreadable" || d.code === "load/fetch-header" || d.code.startsWith("overlay/"))) throw e;
    fromDiagnostics(e.diagnostics);
  }
  for (const w of loaded?.warnings ?? []) if (w.code.startsWith("overlay/")) options.onWarning?.(w);
  // started now, its modules load while this thread checks, bundles and normalizes (examples-worker.ts)
  const offloaded = builtIns.filter((r) => WORKER_RULES.has(r.id) && runs(r.id)).map((r) => r.id);
  const onWorker = loaded !== undefined && offloaded.length > 0 && onThread(options.threads, loaded.root.text.length >= WORKER_MIN_CHARS);
  const threads = new ThreadGroup();
  const places: Places = new Map();
  if (onWorker) threads.start("examples");
  try {
    const document = (() => {
      if (!loaded) return undefined;
      const root = loaded.root;
      files.set(root.displayPath, root);
      let version: string;
      try {
        version = checkVersion(root);
      } catch (e) {
        if (!(e instanceof SpecforgeError)) throw e;
        fromDiagnostics(e.diagnostics);
        return undefined;
      }
      const problems: FileSchemaProblem[] = !runs("oas-schema") ? [] : root.upgraded ? schemaProblems(root.upgraded.value, root.upgraded.from) : schemaProblems(root.value, version);
      // a 3.0 document's `x-webhooks` read as webhooks: not a Swagger 2.0 document's (its text is not 3.0's)
      const textVersion = writtenVersion(root);
      let bundled: ReturnType<typeof bundle>;
      try {
        bundled = bundle(root, { keepGoing: true, refs: loaded.refs, xWebhooks: isObject(root.value) && webhooksExtension(root.value, textVersion) !== undefined });
      } catch (e) {
        if (!(e instanceof SpecforgeError)) throw e;
        fromDiagnostics(e.diagnostics);
        return undefined;
      }
      for (const f of bundled.files) files.set(f.displayPath, f);
      // before normalize rewrites what the files hold (the bundled document shares their objects)
      if (runs("oas-schema") && !root.upgraded) problems.push(...externalProblems(bundled.externals, version));
      fromDiagnostics(bundled.diagnostics);
      // Custom rules read the spec as written; normalize rewrites the bundled document (x-webhooks too) in place.
      const written = custom.some((r) => runs(r.id)) ? unhoist(structuredClone(bundled.document), bundled.deepRefs) : undefined;
      const hadExample = examplesToMove(bundled.document, version);
      // A 3.0 document's `x-webhooks` (GitHub's) is linted as webhooks (openapi/x-webhooks.ts), so it is normalized like them.
      const xWebhooks = webhooksExtension(bundled.document, textVersion);
      const hooksDoc = xWebhooks ? { openapi: version, webhooks: xWebhooks } : undefined;
      if (hooksDoc) {
        examplesToMove(hooksDoc, version, hadExample);
        normalize(hooksDoc);
      }
      const downlevel: NormalizeWarning[] = [];
      const normalized = normalize(bundled.document, (w) => downlevel.push(w));
      return { root, version, problems, bundled, hadExample, written, downlevel, document: normalized, xWebhooks };
    })();

    if (document) {
      const memo = new Map<string, unknown>();
      memo.set("oas-schema", document.problems);
      memo.set("normalize-warnings", document.downlevel);
      // filled by the upgrade of the spec and of each file the bundle read (a Swagger 2.0 spec's)
      memo.set("upgrade-warnings", loaded?.warnings ?? []);
      let current = "";
      // where reports go: `pending`, or (a worker's rule run here after all) that rule's own list
      let sink = pending;
      const ctx: LintContext = {
        document: document.document,
        written: document.written,
        root: document.root,
        version: document.version,
        xWebhooks: document.xWebhooks,
        sources: document.bundled.sources,
        deepRefs: document.bundled.deepRefs,
        hadExample: document.hadExample.set,
        report: (pointer, message, help, parts) => sink.push({ ruleId: current, message, help, bundled: pointer, ...(parts ? { parts } : {}) }),
        reportAt: (at, message, help) => sink.push({ ruleId: current, message, help, ...at }),
        reportFailure: (pointer, message, help) => sink.push({ ruleId: current, message, help, bundled: pointer, failure: true }),
        memo: memoIn(memo),
      };
      // The worker's rules run there meanwhile; their reports go where the rules would have made them.
      const fromWorker = onWorker ? threads.run("examples", { document: document.document, xWebhooks: document.xWebhooks !== undefined, hadExample: document.hadExample.nodes, rules: offloaded }) : undefined;
      fromWorker?.catch(() => undefined); // heard below, after the other rules (which may throw first)
      const insertAt = new Map<string, number>();
      for (const rule of builtIns) {
        if (!runs(rule.id)) continue;
        if (fromWorker && WORKER_RULES.has(rule.id)) {
          insertAt.set(rule.id, pending.length);
          continue;
        }
        current = rule.id;
        await rule.check(ctx);
      }
      for (const rule of custom) {
        if (!runs(rule.id)) continue;
        current = rule.id;
        await runCustomRule(rule, ctx);
      }
      if (fromWorker) {
        // The rest waits on the worker: place these findings meanwhile (a quarter second on GitHub's spec).
        placeInFiles(originsOf(pending, files, ctx.sources), places);
        const byRule = new Map<string, Pending[]>();
        try {
          for (const r of await fromWorker) {
            const list = byRule.get(r.ruleId) ?? [];
            byRule.set(r.ruleId, list);
            list.push({ ruleId: r.ruleId, message: r.message, help: r.help, bundled: r.pointer, ...(r.parts ? { parts: r.parts } : {}) });
          }
        } catch {
          // the worker failed (or could not be sent the document): its rules run here, as without one
          byRule.clear();
          for (const id of offloaded) {
            sink = [];
            current = id;
            await builtIns.find((r) => r.id === id)!.check(ctx);
            byRule.set(id, sink);
          }
          sink = pending;
        }
        // last rule first: each insertion leaves the earlier rules' places where they were
        for (const id of [...offloaded].reverse()) pending.splice(insertAt.get(id)!, 0, ...(byRule.get(id) ?? []));
      }
    }

    // a narrow rule of a ruleset turned off (oas3-valid-schema-example): those findings of the wider rule go
    const off = new Set(options.partsOff ?? []);
    const findings = locate(off.size ? pending.filter((p) => !partOff(off, p.ruleId, p.parts)) : pending, files, document?.bundled.sources, absolute, places);
    const baseDir = options.baseDir ?? process.cwd();
    const ignored = ignorer(options.ignore, baseDir);
    const baselined = (f: Finding) => {
      if (!options.baseline || !inBaseline(options.baseline, baseDir, f)) return false;
      options.onBaselined?.(f);
      return true;
    };
    return findings
      .map(({ finding, absolute: abs, failure }) => {
        const set = overrides.severityOf(finding as Finding, abs, document?.version) ?? severity(finding.ruleId);
        return { finding: { ...finding, severity: failure && set !== "off" ? "error" : set }, abs };
      })
      .filter(({ finding, abs }) => finding.severity !== "off" && !ignored(finding as Finding, abs) && !baselined(finding as Finding))
      .map(({ finding }) => finding as Finding)
      .sort(byPlace);
  } finally {
    threads.stop();
  }
}

/** `oas-schema` of what `$ref`s bring in from other files, each fragment against its kind's part of the schema. */
function externalProblems(externals: ReturnType<typeof bundle>["externals"], version: string): FileSchemaProblem[] {
  const seen = new Set<string>();
  const out: FileSchemaProblem[] = [];
  for (const x of externals) {
    if (x.file.upgraded) continue;
    const found = resolvePointer(x.file.value, x.pointer);
    for (const p of fragmentProblems(found.value, version, x.kind, x.pointer)) {
      const pointer = x.pointer + p.pointer;
      const key = `${x.file.displayPath}#${pointer}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ file: x.file.displayPath, pointer, message: p.message });
    }
  }
  return out;
}

/** Objects whose single `example` normalize moves into `examples` (findings then point at `example`). */
function examplesToMove(document: JsonObject, version: string, out: HadExample = { set: new WeakSet(), nodes: [] }): HadExample {
  const from30 = version.startsWith("3.0");
  forEachNode(document, (node, kind) => {
    if (!("example" in node) || "examples" in node) return;
    if (kind === "MediaType" || kind === "Parameter" || kind === "Header" || (kind === "Schema" && from30)) {
      out.set.add(node);
      out.nodes.push(node);
    }
  });
  return out;
}

/** The objects `examplesToMove` found: a set for rules, a list to send the example worker (a set is not cloned). */
interface HadExample {
  set: WeakSet<object>;
  nodes: object[];
}

/** Each file's line and column of the pointers placed in it so far. */
type Places = Map<SourceFile, Map<string, { line: number; column: number }>>;

/** Each pending finding with the file and the pointer in that file it is about. */
function originsOf(pending: Pending[], files: Map<string, SourceFile>, sources: LintContext["sources"] | undefined): Array<{ p: Pending; file: SourceFile | undefined; pointer: string }> {
  // Map bundled pointers to their file and pointer there.
  return pending.map((p) => {
    if (p.bundled !== undefined && sources) {
      const o = sources.origin(p.bundled);
      return { p, file: o.file, pointer: o.pointer };
    }
    return { p, file: p.file !== undefined ? files.get(p.file) : undefined, pointer: p.pointer ?? "" };
  });
}

/** Adds to `places` the positions of `placed`'s pointers not there yet, each file asked for all of its at once. */
function placeInFiles(placed: ReturnType<typeof originsOf>, places: Places): void {
  const byFile = new Map<SourceFile, string[]>();
  // Pushed, not copied: a copy per finding made 30,000 findings (a ruleset's deep rule on GitHub's spec) take a minute.
  for (const x of placed) {
    if (!x.file || x.p.line !== undefined || places.get(x.file)?.has(x.pointer)) continue;
    const list = byFile.get(x.file);
    if (list) list.push(x.pointer);
    else byFile.set(x.file, [x.pointer]);
  }
  for (const [file, pointers] of byFile) {
    const known = places.get(file) ?? new Map<string, { line: number; column: number }>();
    places.set(file, known);
    for (const [pointer, at] of file.locateMany([...new Set(pointers)])) known.set(pointer, at);
  }
}

function locate(pending: Pending[], files: Map<string, SourceFile>, sources: LintContext["sources"] | undefined, rootAbsolute: string, places: Places): Array<{ finding: Finding; absolute: string; failure?: true }> {
  const placed = originsOf(pending, files, sources);
  placeInFiles(placed, places);
  return placed.map(({ p, file, pointer }) => {
    const at = p.line !== undefined ? { line: p.line, column: p.column ?? 1 } : file ? places.get(file)?.get(pointer) : undefined;
    const finding: Finding = {
      ruleId: p.ruleId,
      severity: "error",
      message: p.message,
      ...(p.help !== undefined ? { help: p.help } : {}),
      file: file?.displayPath ?? p.file ?? rootAbsolute,
      // a place found here is in the terms of the file's value (upgraded from 2.0, maybe); one given whole is as written
      pointer: p.line === undefined ? file?.writtenPointer?.(pointer) ?? pointer : pointer,
      ...(at ? { line: at.line, column: at.column } : {}),
    };
    return { finding, absolute: file?.path ?? rootAbsolute, failure: p.failure };
  });
}

function byPlace(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message);
}
