/**
 * Regular expressions in schemas (`pattern`, `patternProperties`): each should compile as ECMA-262 with the
 * `u` flag (what the validators run), and one with a repeated group that itself repeats (`(a+)+`,
 * `(\w*)*`) is reported: such a pattern can take exponential time on crafted input and hang a server.
 *
 * A `pattern` that does not compile (after normalize's readings of other grammars, foreign-escapes.ts) is a
 * warning: JSON Schema says a pattern SHOULD be ECMA-262, openapi-typescript and Redocly take such specs
 * (AWS's Java class intersections, a Ruby `\Z`), and the validators leave it unchecked (schema-set.ts).
 * A `patternProperties` key stays an error: it decides which properties `additionalProperties` checks.
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
  const inspect = (pattern: string, at: string, keyword: "pattern" | "patternProperties") => {
    try {
      new RegExp(pattern, "u");
    } catch (e) {
      const why = `pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, "")}`;
      const help = "write an ECMA-262 regular expression (it is compiled with the u flag)";
      out.push(keyword === "pattern" ? warning("check/invalid-pattern", `${why}; the validators do not check it`, sources.locate(at), `${help}, for the validators to check it`) : error("check/invalid-pattern", why, sources.locate(at), help));
      return;
    }
    if (mayBacktrack(pattern)) {
      out.push(warning("check/catastrophic-pattern", `pattern ${JSON.stringify(pattern)} repeats a group that itself repeats; crafted input can make it backtrack for minutes`, sources.locate(at), "rewrite it without nested repetition: the validators (as ajv's and Fastify's) run it as written, on strings past a maxLength too, and 30 characters already take seconds"));
    }
  };
  if (typeof node.pattern === "string") inspect(node.pattern, `${pointer}/pattern`, "pattern");
  if (isObject(node.patternProperties)) {
    for (const p of Object.keys(node.patternProperties)) inspect(p, `${pointer}/patternProperties/${escapeSegment(p)}`, "patternProperties");
  }
  return out;
}
