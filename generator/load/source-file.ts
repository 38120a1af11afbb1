/**
 * Load stage: a spec file read from disk and parsed, keeping what is needed to point at a line and column.
 * JSON is parsed with `JSON.parse` (GitHub's 13 MB description parses in ~70 ms; the YAML parser takes
 * seconds on it), and its positions are found by a direct scan only when a diagnostic asks for one.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { LineCounter, parseDocument, visit, isMap, isSeq, isScalar, isPair, type Document, type Node } from "yaml";
import { error, SpecforgeError, type Diagnostic } from "../diagnostics/diagnostic.js";
import { segmentsOf } from "../openapi/pointer.js";
import { jsonErrorOffset, jsonLocator } from "./json-locate.js";
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
}

export function displayPathOf(absolute: string, cwd = process.cwd()): string {
  if (isRemote(absolute)) return absolute;
  const rel = path.relative(cwd, absolute);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel.split(path.sep).join("/") : absolute;
}

export function readSourceFile(absolute: string, displayPath = displayPathOf(absolute)): SourceFile {
  let text: string;
  try {
    text = readFileSync(absolute, "utf8");
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : (e as Error).message;
    throw new SpecforgeError([error("load/unreadable", `cannot read spec: ${reason}`, { file: displayPath }, "check the path")]);
  }
  return parseSourceText(absolute, displayPath, text);
}

export function parseSourceText(absolute: string, displayPath: string, text: string): SourceFile {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const trimmed = text.trimStart();
  const looksJson = /\.json$/i.test(absolute) || trimmed.startsWith("{");
  if (looksJson) {
    try {
      const value: unknown = JSON.parse(text);
      return makeSource(absolute, displayPath, text, value, undefined);
    } catch (e) {
      if (/\.json$/i.test(absolute)) {
        const at = /position (\d+)/.exec((e as Error).message);
        const offset = at ? Number(at[1]) : jsonErrorOffset(text);
        const pos = offset !== undefined ? offsetToLineCol(text, offset) : { line: 1, column: 1 };
        const msg = (e as Error).message.replace(/^JSON\.parse: /, "").replace(/ in JSON at position \d+.*$/s, "").replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, "");
        throw new SpecforgeError([
          error("load/invalid-json", `malformed JSON: ${msg}`, { file: displayPath, ...pos }, "fix the syntax at that position"),
        ]);
      }
      // Not valid JSON but YAML may still read it (flow mappings); fall through.
    }
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
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
  visit(doc, {
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

function makeSource(absolute: string, displayPath: string, text: string, value: unknown, yaml: YamlState | undefined): SourceFile {
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
      const offset = offsetOf(yaml.doc.contents, segmentsOf(pointer));
      if (offset === undefined) return undefined;
      const pos = yaml.lineCounter.linePos(offset);
      return { line: pos.line, column: pos.col };
    },
    locateMany(pointers: string[]) {
      const out = new Map<string, { line: number; column: number }>();
      for (const p of pointers) {
        const at = this.locate(p);
        if (at) out.set(p, at);
      }
      return out;
    },
  };
}

/** Offset of the key (for a map entry) or the item at the end of `segments`, else of the deepest parent. */
function offsetOf(node: Node | null | undefined, segments: string[]): number | undefined {
  let current: unknown = node;
  let best: number | undefined = (node as Node | undefined)?.range?.[0];
  for (const seg of segments) {
    if (isMap(current)) {
      const pair = current.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
      if (!pair) return best;
      best = (pair.key as Node).range?.[0] ?? best;
      current = pair.value;
    } else if (isSeq(current)) {
      const item = current.items[Number(seg)] as Node | undefined;
      if (!item) return best;
      best = item.range?.[0] ?? best;
      current = item;
    } else {
      return best;
    }
  }
  return best;
}

export function offsetToLineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
