/**
 * Regular expressions in schemas (`pattern`, `patternProperties`): each must compile as ECMA-262 with the
 * `u` flag (what the validators run), and one with a repeated group that itself repeats (`(a+)+`,
 * `(\w*)*`) is reported: such a pattern can take exponential time on crafted input and hang a server.
 */
import { error, warning, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceMap } from "../bundle/source-map.js";
import { isObject, type JsonObject } from "../openapi/kinds.js";
import { escapeSegment } from "../openapi/pointer.js";
import { forEachNode } from "../openapi/walk.js";
import { mayBacktrack } from "../openapi/bounded-regex.js";

export function checkPatterns(document: JsonObject, sources: SourceMap): Diagnostic[] {
  const out: Diagnostic[] = [];
  forEachNode(document, (node, kind, pointer) => {
    if (kind === "Schema") out.push(...patternProblems(node, pointer, sources));
  });
  return out;
}

/** The problems of one schema's own patterns (the check stage calls it from its one walk over the schemas). */
export function patternProblems(node: JsonObject, pointer: string, sources: SourceMap): Diagnostic[] {
  const out: Diagnostic[] = [];
  const inspect = (pattern: string, at: string) => {
    try {
      new RegExp(pattern, "u");
    } catch (e) {
      out.push(error("check/invalid-pattern", `pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, "")}`, sources.locate(at), "write an ECMA-262 regular expression (it is compiled with the u flag)"));
      return;
    }
    if (mayBacktrack(pattern)) {
      out.push(warning("check/catastrophic-pattern", `pattern ${JSON.stringify(pattern)} repeats a group that itself repeats; crafted input can make it backtrack for minutes`, sources.locate(at), "rewrite it without nested repetition, or bound the string with maxLength"));
    }
  };
  if (typeof node.pattern === "string") inspect(node.pattern, `${pointer}/pattern`);
  if (isObject(node.patternProperties)) {
    for (const p of Object.keys(node.patternProperties)) inspect(p, `${pointer}/patternProperties/${escapeSegment(p)}`);
  }
  return out;
}
