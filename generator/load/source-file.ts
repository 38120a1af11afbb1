/**
 * Load stage: a spec file read from disk and parsed, keeping what is needed to point at a line and column.
 * JSON is parsed with `JSON.parse` (GitHub's 13 MB description parses in ~40 ms; the YAML parser takes
 * seconds on it) through json-text.ts, which also refuses a repeated key as YAML does, and its positions are
 * found by a direct scan only when a diagnostic asks for one.
 */
import path from "node:path";
import type { Document, LineCounter, Node, Pair, YAMLMap } from "yaml";
import { yamlLib } from "./yaml-lib.js";
import { readFileBytes } from "./file-bytes.js";
import { MAX_SPEC_BYTES } from "./fetch-text.js";
import { error, SpecforgeError, type Diagnostic } from "../diagnostics/diagnostic.js";
import { pointerFrom, segmentsOf } from "../openapi/pointer.js";
import { isObject } from "../openapi/kinds.js";
import { jsonLocator } from "./json-locate.js";
import { parseJson, parseJsonIfValid } from "./json-text.js";
import { utf8Text } from "./utf8-text.js";
import { isRemote } from "./location.js";

export interface SourceFile {
  /** Absolute path, or the URL the document was fetched from. */
  readonly path: string;
  /** Path to show in messages (relative to the working directory when below it). */
  readonly displayPath: string;
  readonly text: string;
  readonly value: unknown;
  /** Line and column (1-based) of the value at `pointer`, or of its nearest existing parent. */
  locate(pointer: string): { line: number; column: number } | undefined;
  /** `locate` for many pointers at once. */
  locateMany(pointers: string[]): Map<string, { line: number; column: number }>;
  /** Set when `value` is the file's document upgraded to OpenAPI 3.0 (the upgrade stage): the document as written. */
  readonly upgraded?: { from: "2.0"; value: unknown; locate(writtenPointer: string): { line: number; column: number } | undefined };
  /** For an upgraded document: the pointer in the file as written of a pointer in `value`. */
  writtenPointer?(pointer: string): string;
  /** The inverse, for a `$ref` into the file: where `value` holds what the file writes at `pointer` (when it moved). */
  valuePointer?(writtenPointer: string): string;
}

/**
 * The OpenAPI version `file`'s text is written in: a Swagger 2.0 file read as 3.0 says "2.0" (what holds
 * only for 3.0 text, such as `x-webhooks` read as webhooks, does not hold for it); "" without one. Ask it
 * before normalizing: lint's normalize rewrites the root's value to 3.1 in place.
 */
export function writtenVersion(file: SourceFile): string {
  if (file.upgraded) return file.upgraded.from;
  const version = isObject(file.value) ? file.value.openapi : undefined;
  return typeof version === "string" ? version : "";
}

/** Where a pointer of `file`'s value is, as a diagnostic names it: the file, the pointer as written there, line and column. */
export function placeOf(file: SourceFile, pointer: string): { file: string; pointer: string; line?: number; column?: number } {
  return { file: file.displayPath, pointer: file.writtenPointer?.(pointer) ?? pointer, ...file.locate(pointer) };
}

export function displayPathOf(absolute: string, cwd = process.cwd()): string {
  if (isRemote(absolute)) return absolute;
  const rel = path.relative(cwd, absolute);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel.split(path.sep).join("/") : absolute;
}

export function readSourceFile(absolute: string, displayPath = displayPathOf(absolute)): SourceFile {
  let bytes: Buffer | undefined;
  try {
    bytes = readFileBytes(absolute);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "file not found" : code === "EISDIR" ? "it is a folder, not a file" : (e as Error).message;
    throw new SpecforgeError([error("load/unreadable", `cannot read spec: ${reason}`, { file: displayPath }, "check the path")]);
  }
  if (!bytes) throw new SpecforgeError([error("load/unreadable", `cannot read spec: it is a stream (a pipe or device) that gave over ${MAX_SPEC_BYTES / 1024 / 1024} MiB`, { file: displayPath }, "name the spec's file, or write the stream to a file first")]);
  return parseSourceText(absolute, displayPath, utf8Text(bytes, displayPath));
}

export function parseSourceText(absolute: string, displayPath: string, text: string): SourceFile {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const trimmed = text.trimStart();
  const looksJson = /\.json$/i.test(absolute) || trimmed.startsWith("{");
  if (looksJson) {
    // Not valid JSON but not named .json: YAML may still read it (flow mappings), so fall through.
    const parsed = /\.json$/i.test(absolute) ? { value: parseJson(text, displayPath) } : parseJsonIfValid(text, displayPath);
    if (parsed) return makeSource(absolute, displayPath, text, parsed.value, undefined);
  }
  const { LineCounter, parseDocument } = yamlLib();
  const lineCounter = new LineCounter();
  // `<<: *common` merge keys (YAML 1.1, which many specs are written in) are read as the mapping they merge
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, merge: true });
  if (doc.errors.length > 0) {
    const diags: Diagnostic[] = doc.errors.map((err) => {
      const pos = lineCounter.linePos(err.pos[0]);
      const first = err.message.split("\n")[0] ?? err.message;
      return error("load/invalid-yaml", `malformed YAML: ${first}`, { file: displayPath, line: pos.line, column: pos.col }, "fix the syntax at that position");
    });
    throw new SpecforgeError(diags);
  }
  const cyclic = cyclicAliases(doc, lineCounter, displayPath);
  if (cyclic.length) throw new SpecforgeError(cyclic);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    // yaml's guard against an alias bomb (aliases of aliases, expanding exponentially) throws a ReferenceError
    if (!(e instanceof ReferenceError)) throw e;
    throw new SpecforgeError([error("load/invalid-yaml", "malformed YAML: its aliases expand to too many nodes, as an alias bomb does", { file: displayPath, line: 1, column: 1 }, "write the repeated parts once and refer to them with $ref")]);
  }
  return makeSource(absolute, displayPath, text, value, { doc, lineCounter });
}

/**
 * Aliases written inside the node their anchor names (`A: &a {properties: {self: *a}}`): `toJS` makes a
 * cyclic object of them, which no later stage (nor JSON) can walk to its end.
 */
function cyclicAliases(doc: Document.Parsed, lineCounter: LineCounter, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  yamlLib().visit(doc, {
    Alias(_, alias) {
      const target = alias.resolve(doc);
      if (!target?.range || !alias.range || alias.range[0] < target.range[0] || alias.range[0] >= target.range[2]) return;
      const pos = lineCounter.linePos(alias.range[0]);
      out.push(error("load/cyclic-alias", `the alias *${alias.source} is inside the node &${alias.source} names: JSON cannot hold the cycle it makes`, { file, line: pos.line, column: pos.col }, "use a $ref for a recursive schema"));
    },
  });
  return out;
}

interface YamlState {
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/**
 * Deeper than any real spec nests (a schema level is two or three), shallow enough for the recursive stages
 * after load: a spec 400 `items` deep overflowed the stack there, an internal error (exit 70).
 */
const MAX_DEPTH = 256;

/**
 * The pointer of a value nested deeper than MAX_DEPTH, if any. Iterative (the check cannot overflow), and
 * keys are kept only on the rare second pass that names the place: the first adds about a sixth to JSON.parse.
 */
function tooDeep(value: unknown): string | undefined {
  const values: unknown[] = [value];
  const depths: number[] = [0];
  let deepest = false;
  while (values.length > 0 && !deepest) {
    const v = values.pop() as Record<string, unknown>;
    const depth = depths.pop()!;
    if (depth > MAX_DEPTH) deepest = true;
    // arrays by for-of: for-in makes a string of every index (about a sixth of this walk on GitHub's description)
    else if (Array.isArray(v)) for (const item of v) item && typeof item === "object" && (values.push(item), depths.push(depth + 1));
    else for (const key in v) if (v[key] && typeof v[key] === "object") (values.push(v[key]), depths.push(depth + 1));
  }
  if (!deepest) return undefined;
  const path: string[] = [];
  const find = (v: unknown): boolean => {
    if (path.length > MAX_DEPTH) return true;
    for (const key in v as object) {
      const child = (v as Record<string, unknown>)[key];
      if (!child || typeof child !== "object") continue;
      path.push(key);
      if (find(child)) return true;
      path.pop();
    }
    return false;
  };
  find(value); // recursion to MAX_DEPTH only
  return pointerFrom(path);
}

function makeSource(absolute: string, displayPath: string, text: string, value: unknown, yaml: YamlState | undefined): SourceFile {
  const source = sourceOf(absolute, displayPath, text, value, yaml);
  checkDepth(value, source);
  return source;
}

/** Throws `load/too-deep` when `value` (`file`'s, or what an overlay made of it) nests deeper than the later stages can walk. */
export function checkDepth(value: unknown, file: Pick<SourceFile, "displayPath" | "locate">): void {
  const deep = tooDeep(value);
  if (deep !== undefined) {
    throw new SpecforgeError([error("load/too-deep", `the document nests values deeper than ${MAX_DEPTH} levels`, { file: file.displayPath, ...file.locate(deep), pointer: deep }, "define the nested schemas as components and refer to them with $ref")]);
  }
}

function sourceOf(absolute: string, displayPath: string, text: string, value: unknown, yaml: YamlState | undefined): SourceFile {
  let json: ReturnType<typeof jsonLocator> | undefined;
  return {
    path: absolute,
    displayPath,
    text,
    value,
    locate(pointer: string) {
      if (!yaml) {
        json ??= jsonLocator(text);
        return json(pointer);
      }
      const offset = offsetOf(yaml.doc, segmentsOf(pointer));
      if (offset === undefined) return undefined;
      const pos = yaml.lineCounter.linePos(offset);
      return { line: pos.line, column: pos.col };
    },
    locateMany(pointers: string[]) {
      return locateEach(this.locate, pointers);
    },
  };
}

/** `locateMany` of a file whose `locate` is given: each pointer placed, the ones with no place left out. */
export function locateEach(locate: SourceFile["locate"], pointers: readonly string[]): Map<string, { line: number; column: number }> {
  const out = new Map<string, { line: number; column: number }>();
  for (const p of pointers) {
    const at = locate(p);
    if (at) out.set(p, at);
  }
  return out;
}

/**
 * Offset of the key (for a map entry) or the item at the end of `segments`, else of the deepest parent. An
 * alias is followed to its anchor's node, and a key a `<<` merge brings in is found where the merged mapping
 * writes it (a mapping's own key first: it overrides a merged one).
 */
function offsetOf(doc: Document.Parsed, segments: string[]): number | undefined {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yamlLib();
  const resolve = (n: unknown): unknown => (isAlias(n) ? n.resolve(doc) : n);
  let current: unknown = resolve(doc.contents);
  let best: number | undefined = (current as Node | undefined)?.range?.[0];
  const pairOf = (map: YAMLMap, seg: string, seen: Set<unknown>): Pair | undefined => {
    if (seen.has(map)) return undefined;
    seen.add(map);
    const own = map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
    if (own) return own;
    for (const p of map.items) {
      if (!isPair(p) || !isMergeKey(p.key)) continue;
      const sources = isSeq(p.value) ? p.value.items : [p.value];
      for (const source of sources) {
        const merged = resolve(source);
        const found = isMap(merged) ? pairOf(merged, seg, seen) : undefined;
        if (found) return found;
      }
    }
    return undefined;
  };
  for (const seg of segments) {
    if (isMap(current)) {
      const pair = pairOf(current, seg, new Set());
      if (!pair) return best;
      best = (pair.key as Node).range?.[0] ?? best;
      current = resolve(pair.value);
    } else if (isSeq(current)) {
      const item = current.items[Number(seg)] as Node | undefined;
      if (!item) return best;
      best = item.range?.[0] ?? best;
      current = resolve(item);
    } else {
      return best;
    }
  }
  return best;
}

/** A `<<` merge key (yaml with `merge: true` reads it as a scalar whose value is a symbol; a quoted "<<" is a string). */
function isMergeKey(key: unknown): boolean {
  return yamlLib().isScalar(key) && typeof key.value === "symbol";
}
