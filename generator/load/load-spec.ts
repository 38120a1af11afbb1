/**
 * Load stage entry: the root document of a spec, and how the bundle stage reads the documents its refs
 * name. A file spec's refs are read from disk as the bundle reaches them. A URL spec is fetched with every
 * document its refs reach inside its own site folder (the URL up to its last `/`, or a `refRoots` URL)
 * (refs inside schema resources resolved against their `$id`, see resource-refs.ts), before bundling starts,
 * so the bundle stage stays synchronous; a ref elsewhere is reported there as
 * `ref/outside-root`, never fetched: spec text does not choose where specforge connects.
 */
import path from "node:path";
import { SpecforgeError, type Diagnostic } from "../diagnostics/diagnostic.js";
import { forEachRef } from "../openapi/walk.js";
import { fetchText, MAX_SPEC_BYTES, TOTAL_TIMEOUT_MS } from "./fetch-text.js";
import { timeoutSignal } from "../util/timeout-signal.js";
import { headersFor, type FetchHeaderRule } from "./fetch-headers.js";
import { documentPart, followable, isRemote, isWithin, realOrSelf, resolveFrom, resolveInput, scopeOf, urlFolderOf } from "./location.js";
import { displayPathOf, parseSourceText, readSourceFile, type SourceFile } from "./source-file.js";
import { resourceRefs } from "./resource-refs.js";
import { readOverlays } from "../overlay/overlay-file.js";
import { applyOverlays } from "../overlay/apply.js";

/** How the bundle stage reaches the documents refs name. */
export interface RefFiles {
  /** The location of `relative` (a ref's part before `#`) as written in the document at `from`. */
  resolve(from: string, relative: string): string;
  /** Whether refs may load the document at `target`. */
  allowed(target: string): boolean;
  /** The document at `target`; throws `SpecforgeError` (load/unreadable, load/invalid-*) when it cannot be had. */
  read(target: string): SourceFile;
  /** Absolute http(s) refs are followed (inside `allowed`): the spec itself was fetched. */
  followsUrls: boolean;
}

export interface LoadedSpec {
  root: SourceFile;
  refs: RefFiles;
  /** What the upgrade stage could not say in 3.0 (a Swagger 2.0 spec's); filled until bundling is done. */
  warnings?: Diagnostic[];
}

export interface LoadOptions {
  /** Folders (or URL prefixes, for a URL spec) refs may load from besides the spec's own. */
  refRoots?: string[];
  /** How to name the root in messages (default: relative to the working directory, or the URL). */
  displayPath?: string;
  /** Headers to send with the fetches (the config's `fetch.headers`). */
  fetchHeaders?: readonly FetchHeaderRule[];
  /** Overlay files (absolute paths) applied, in order, to the root document before anything reads it. */
  overlays?: readonly string[];
}

/** At most this many documents are fetched for one URL spec (its refs cannot make specforge crawl a site). */
const MAX_DOCUMENTS = 500;
const PARALLEL = 6;

export async function loadSpec(input: string, options: LoadOptions = {}): Promise<LoadedSpec> {
  const location = resolveInput(input);
  if (!isRemote(location)) {
    const { root, warnings } = overlaid(readSourceFile(location, options.displayPath ?? displayPathOf(location)), options.overlays);
    return { root, refs: fileRefs(root, options.refRoots), warnings };
  }
  const headers = headersFor(options.fetchHeaders);
  // one byte budget and one deadline for the spec and every document its refs reach
  const budget = { left: MAX_SPEC_BYTES };
  const deadline = timeoutSignal(TOTAL_TIMEOUT_MS);
  try {
    const fetched = await fetchText(location, { display: options.displayPath ?? location, headers, budget, deadline: deadline.signal });
    // overlays first: a `$ref` an overlay adds is fetched with the others
    const { root, warnings } = overlaid(parseSourceText(fetched.url, options.displayPath ?? location, fetched.text), options.overlays);
    return { root, refs: await fetchedRefs(root, options.refRoots, headers, budget, deadline.signal), warnings };
  } finally {
    deadline.clear();
  }
}

function overlaid(root: SourceFile, overlays: readonly string[] | undefined): { root: SourceFile; warnings?: Diagnostic[] } {
  if (!overlays?.length) return { root };
  return applyOverlays(root, readOverlays(overlays));
}

/** Refs of a file spec: files in its folder or a ref root, read when reached. */
export function fileRefs(root: SourceFile, refRoots: string[] = []): RefFiles {
  const scopes = [scopeOf(root.path), ...refRoots.filter((r) => !isRemote(r)).map((r) => realOrSelf(path.resolve(r)))];
  return {
    resolve: resolveFrom,
    allowed: (target) => scopes.some((scope) => isWithin(target, scope)),
    read: (target) => readSourceFile(target),
    followsUrls: false,
  };
}

/** Refs of a URL spec: every document they reach inside its scopes, fetched now. */
async function fetchedRefs(root: SourceFile, refRoots: string[] = [], headers?: (url: string) => Record<string, string>, budget?: { left: number }, deadline?: AbortSignal): Promise<RefFiles> {
  const scopes = [scopeOf(root.path), ...refRoots.filter(isRemote).map(urlFolderOf)];
  const allowed = (target: string) => scopes.some((scope) => isWithin(target, scope));
  const documents = new Map<string, SourceFile | Diagnostic[]>([[root.path, root]]);
  let wave = [root];
  while (wave.length > 0) {
    const wanted = new Set<string>();
    for (const doc of wave) {
      // a ref inside an example is fetched too (inside the scopes): harmless, and rare
      const want = (target: string | undefined) => {
        if (target !== undefined && allowed(target) && !documents.has(target)) wanted.add(target);
      };
      forEachRef([doc.value], (ref) => want(targetOf(doc.path, ref)));
      // refs inside schema resources resolve against their `$id`, and a `$schema` may name a meta-schema beside the spec
      const inResources = resourceRefs(doc.value, doc.path, false);
      for (const target of inResources.targets) if (!inResources.ids.has(target)) want(target);
    }
    const next: SourceFile[] = [];
    const targets = [...wanted].slice(0, Math.max(0, MAX_DOCUMENTS - documents.size));
    for (let i = 0; i < targets.length; i += PARALLEL) {
      await Promise.all(targets.slice(i, i + PARALLEL).map(async (target) => {
        try {
          const got = await fetchText(target, { display: target, allowed, headers, budget, deadline });
          const file = parseSourceText(got.url, target, got.text);
          documents.set(target, file);
          next.push(file);
        } catch (e) {
          if (!(e instanceof SpecforgeError)) throw e;
          documents.set(target, e.diagnostics);
        }
      }));
    }
    wave = next;
  }
  return {
    resolve: resolveFrom,
    allowed,
    read(target) {
      const got = documents.get(target);
      if (got === undefined) throw new SpecforgeError([{ code: "load/unreadable", severity: "error", message: `cannot fetch spec: more than ${MAX_DOCUMENTS} documents referenced`, location: { file: target }, help: "bundle the spec into fewer files" }]);
      if (Array.isArray(got)) throw new SpecforgeError(got);
      return got;
    },
    followsUrls: true,
  };
}

/** The location a ref names (its part before `#`), or undefined for a local ref or a scheme not fetched. */
function targetOf(from: string, ref: string): string | undefined {
  const filePart = documentPart(ref);
  if (filePart === "" || !followable(filePart, true)) return undefined;
  try {
    return resolveFrom(from, filePart);
  } catch {
    return undefined; // a malformed URL: the bundle stage reports it at the ref
  }
}
