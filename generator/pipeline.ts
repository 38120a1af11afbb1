/**
 * The one pipeline, in one direction:
 *   load (overlays applied to the root document) -> upgrade Swagger 2.0 to 3.0 (and 3.0's `x-webhooks` to `webhooks`) -> bundle refs -> normalize to 3.1 -> filter operations -> check -> IR (names decided) -> emit per target -> format
 * and, separately, write (the only step with side effects on the output). `generate` runs everything
 * in memory so `--check` and the golden tests see exactly what a write would put on disk.
 */
import path from "node:path";
import { performance } from "node:perf_hooks";
import { SpecforgeError, warning, type Diagnostic, type Location } from "./diagnostics/diagnostic.js";
import { loadSpec, type RefFiles } from "./load/load-spec.js";
import { resolveInput } from "./load/location.js";
import type { FetchHeaderRule } from "./load/fetch-headers.js";
import { upgrade } from "./upgrade/upgrade.js";
import { readXWebhooks } from "./upgrade/x-webhooks.js";
import { bundle } from "./bundle/bundle.js";
import type { SourceMap } from "./bundle/source-map.js";
import { normalize } from "./normalize/normalize.js";
import { filterDocument, type OperationFilters } from "./filter/filter.js";
import { checkDocument, checkVersion } from "./check/check.js";
import { buildIR } from "./ir/build.js";
import { emitPackage } from "./emit/package.js";
import { formatFiles } from "./format/format.js";
import { loadTemplates } from "./codegen/templates.js";
import { withManifest, type OutputFile } from "./write/write-package.js";
import { ALL_TARGETS, type ClientGenerationOptions, type PackageFields, type Target, type TypesOptions, type ValidatorOptions } from "./emit/emitter.js";
import { withDependencies } from "./emit/targets.js";
import { isLargeSpec, onThread, ThreadGroup } from "./threads/pool.js";
import { schemaOnThread } from "./emit/types/index.js";
import { isObject } from "./openapi/kinds.js";
import { planRelease, type PreviousPackage, type Release } from "./release/release.js";
import { changelogWithEntry } from "./release/changelog.js";
import type { ApiIR } from "./ir/types.js";
import type { DiffConfig } from "./diff/rule-levels.js";

export interface GenerateOptions {
  /** Path of the spec (YAML or JSON), or its http(s) URL. */
  input: string;
  packageName?: string;
  packageVersion?: string;
  targets?: Target[];
  /** Folder of templates that override ours, file by file. */
  templates?: string;
  /** Extra folders from which `$ref`s may load files. */
  refRoots?: string[];
  /** Headers for fetching a spec given by URL (the config's `fetch.headers`). */
  fetchHeaders?: readonly FetchHeaderRule[];
  /** OpenAPI Overlay files (absolute paths) applied in order to the spec as it is read. */
  overlays?: string[];
  validators?: ValidatorOptions;
  client?: ClientGenerationOptions;
  types?: TypesOptions;
  /** The operations to keep (tags, operationIds, deprecated); the rest and what only they use are dropped. */
  filters?: OperationFilters;
  /** Where a config writes `filters` (a pointer below it, `/tags/include/0`): an entry that matches nothing is reported there. */
  filtersPlace?: (pointer: string) => Location;
  /** Where a config sets `packageVersion`: --bump's warning that it pins the version is reported there. */
  packageVersionPlace?: Location;
  /** package.json fields for publishing (license, repository, publishConfig, ...). */
  package?: PackageFields;
  /** Called as each stage ends (progress for long runs). */
  onStage?: (timing: StageTiming) => void;
  /** The package as it is now in the output folder (its version, openapi.json and CHANGELOG.md). */
  previous?: PreviousPackage;
  /** Bump the version by what changed since `previous.spec`, and add a CHANGELOG.md entry. */
  bump?: boolean;
  /** The config's `diff` section: how `bump` classifies each rule's changes. */
  diffLevels?: DiffConfig;
  /** The changelog entry's date (YYYY-MM-DD); default today. */
  date?: string;
  /**
   * Only the modules that run, as emitted: for `specforge mock` and `proxy`, which import them and write no
   * package. No `types` target (its modules are types only, erased when the code runs), no package files
   * (package.json, README, openapi.json, ...), no formatting, no manifest.
   */
  runOnly?: boolean;
}

export interface StageTiming {
  stage: string;
  ms: number;
}

export interface GenerateResult {
  files: OutputFile[];
  warnings: Diagnostic[];
  timings: StageTiming[];
  ir: ApiIR;
  release: Release;
  /** Every file (absolute) or URL the spec was read from: `--watch` watches the files. */
  inputs: string[];
}

/**
 * Everything but the write, in memory. Throws `GenerateError` on bad input. The threads the run starts
 * end with it: a failed run stops its siblings still at work (another run keeps its own).
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const threads = new ThreadGroup();
  const read = new Set(options.overlays);
  try {
    return await generateWith(options, threads, read);
  } catch (e) {
    throw e instanceof SpecforgeError ? new GenerateError(e.diagnostics, [...read]) : e;
  } finally {
    threads.stop();
  }
}

/**
 * Bad input, with every file (or URL) the run read or tried to read: `--watch` watches them too, so that
 * fixing the file an error names, or adding the file a `$ref` misses, runs again.
 */
export class GenerateError extends SpecforgeError {
  constructor(diagnostics: Diagnostic[], readonly inputs: string[]) {
    super(diagnostics);
  }
}

async function generateWith(options: GenerateOptions, threads: ThreadGroup, read: Set<string>): Promise<GenerateResult> {
  const timings: StageTiming[] = [];
  let last = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    const timing = { stage, ms: now - last };
    timings.push(timing);
    options.onStage?.(timing);
    last = now;
  };

  read.add(resolveInput(options.input));
  const loaded = await loadSpec(options.input, { refRoots: options.refRoots, fetchHeaders: options.fetchHeaders, overlays: options.overlays });
  const readRefs: RefFiles = { ...loaded.refs, read: (target) => (read.add(target), loaded.refs.read(target)) };
  const { root, refs, warnings: upgradeWarnings = [] } = readXWebhooks(upgrade({ ...loaded, refs: readRefs }));
  const sourceVersion = checkVersion(root);
  const targets = withDependencies(options.targets ?? ALL_TARGETS, ALL_TARGETS, { client: options.client }).filter((t) => !(options.runOnly && t === "types"));
  if (onThread("auto", isLargeSpec(root.value))) {
    if (targets.includes("validators")) threads.start("validators");
    if (schemaOnThread(targets)) threads.start("schema");
  }
  lap("load");
  const bundled = bundle(root, { refs });
  lap("bundle");
  const downlevel: Diagnostic[] = [];
  const normalized = normalize(bundled.document, (w) => downlevel.push(warning(w.code, w.message, bundled.sources.locate(w.pointer), w.help)));
  lap("normalize");
  const document = options.filters ? filterDocument(normalized, options.filters, bundled.sources, options.filtersPlace) : normalized;
  const checked = checkDocument(document, bundled.sources);
  const errors = checked.filter((d) => d.severity === "error");
  if (errors.length) throw new SpecforgeError(errors);
  lap("check");
  const info = isObject(document.info) ? document.info : {};
  const packageName = options.packageName ?? defaultPackageName(typeof info.title === "string" && info.title !== "" ? info.title : "API");
  const { ir, warnings: irWarnings } = buildIR(document, sourceVersion, bundled.sources, packageName, bundled.remoteSchemas, options.types?.readWrite);
  lap("ir");
  const templates = loadTemplates(options.templates ? path.resolve(options.templates) : undefined);
  const release = planRelease({
    document: ir.document,
    specVersion: ir.version,
    configVersion: options.packageVersion,
    configVersionPlace: options.packageVersionPlace,
    previous: options.previous,
    bump: options.bump ?? false,
    side: sideOf(targets),
    levels: options.diffLevels,
  });
  const changelog =
    release.kind === "none"
      ? options.previous?.changelog
      : changelogWithEntry(options.previous?.changelog, release, options.date ?? new Date().toISOString().slice(0, 10), `${ir.title} ${ir.version}`, templates);
  const emitted = await emitPackage(ir, {
    packageName,
    packageVersion: release.version,
    targets,
    validators: options.validators,
    client: options.client,
    types: options.types,
    templates,
    changelog,
    package: options.package,
    runOnly: options.runOnly,
    threadGroup: threads,
  }).catch((e: unknown) => {
    throw e instanceof SpecforgeError ? located(e, bundled.sources) : e;
  });
  lap("emit");
  const formatted = options.runOnly ? emitted : await formatFiles(emitted);
  lap("format");
  const files = formatted.map((f) => ({ path: f.path, contents: f.contents }));
  return {
    files: options.runOnly ? files : withManifest(files),
    warnings: [...upgradeWarnings, ...bundled.diagnostics, ...downlevel, ...checked.filter((d) => d.severity === "warning"), ...irWarnings, ...release.warnings],
    timings,
    ir,
    release,
    inputs: [...bundled.files.map((f) => f.path), ...(options.overlays ?? [])],
  };
}

/** An emitter names the bundled document's pointer only: the file, line and column are found here. */
function located(e: SpecforgeError, sources: SourceMap): SpecforgeError {
  return new SpecforgeError(e.diagnostics.map((d) => (d.location?.pointer !== undefined && d.location.file === undefined ? { ...d, location: sources.locate(d.location.pointer) } : d)));
}

/** Letters NFD does not take apart, as a slug spells them. */
const SPELLED: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i" };

/**
 * An npm name made of the title: `Café Menu API` is `cafe-menu-api`, `Straße` `strasse`; an apostrophe joins
 * (`GitHub's official` is `githubs-official`, not `github-s`, which named the client `createGithubS...`;
 * `Let's` is `lets`); ™, ®, © and ℠ are left out; at most npm's 214 characters.
 */
function defaultPackageName(title: string): string {
  const plain = title.replace(/[™®©℠]/g, "").normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase().replace(/[ßæœøłđðþı]/g, (c) => SPELLED[c]!).replace(/['\u2019]/g, "");
  const slug = plain.replace(/[^a-z0-9]+/g, "-").slice(0, 214).replace(/^-+|-+$/g, "");
  return slug || "api-client";
}

/** Whose breaking changes bump the package: clients', servers', or both when it serves both. */
function sideOf(targets: readonly Target[]): "client" | "server" | "both" {
  const has = (t: string) => (targets as readonly string[]).includes(t);
  if (!has("server")) return "client";
  return has("client") ? "both" : "server";
}
