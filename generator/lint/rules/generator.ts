/**
 * What `specforge generate` itself would say: the check stage (regex patterns, statuses, ...) and the IR
 * stage (names, pagination) run on the document, and their diagnostics become findings, so a spec that
 * lints clean generates, and nothing generation drops or renames goes unreported.
 */
import { checkDocument } from "../../check/check.js";
import { buildIR } from "../../ir/build.js";
import { SpecforgeError, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { LintContext, Rule } from "../types.js";
import type { Downlevel32Warning } from "../../normalize/from-32.js";

/** Stage codes another rule already reports (in its own words). */
const COVERED = new Set(["names/operation-collision", "check/path-parameter-undeclared"]);

function generatorDiagnostics(ctx: LintContext): Diagnostic[] {
  return ctx.memo("generator-diagnostics", () => {
    const out = checkDocument(ctx.document, ctx.sources);
    if (out.some((d) => d.severity === "error")) return out;
    try {
      out.push(...buildIR(ctx.document, ctx.version, ctx.sources, "api").warnings);
    } catch (e) {
      if (!(e instanceof SpecforgeError)) throw e;
      out.push(...e.diagnostics);
    }
    return out.filter((d) => !COVERED.has(d.code));
  });
}

function fromStage(ctx: LintContext, pick: (d: Diagnostic) => boolean): void {
  for (const d of generatorDiagnostics(ctx)) if (pick(d)) ctx.reportAt(d.location ?? {}, d.message, d.help);
}

/** Stage codes with a rule of their own below; the two catch-all rules leave them to it. */
const OWN_RULE_CODES = new Set(["check/invalid-pattern", "check/catastrophic-pattern", "ir/ignored-header-parameter", "ir/null-body-content", "ir/ignored-request-body"]);

export const generatorCompat: Rule = {
  id: "generator-compat",
  severity: "error",
  description: "Nothing in the spec stops `specforge generate` (the check and IR stages' errors: statuses, x-pagination, names).",
  check: (ctx) => fromStage(ctx, (d) => d.severity === "error" && !OWN_RULE_CODES.has(d.code)),
};

export const generatorRenames: Rule = {
  id: "generator-renames",
  severity: "warn",
  description: "Generation keeps every name as the spec implies (a type that must be renamed to avoid a clash is reported).",
  check: (ctx) => fromStage(ctx, (d) => d.severity === "warning" && !OWN_RULE_CODES.has(d.code)),
};

export const patternValid: Rule = {
  id: "pattern-valid",
  severity: "error",
  description: "Every `pattern` and `patternProperties` key is an ECMA-262 regular expression (compiled with the u flag, as the validators do).",
  check: (ctx) => fromStage(ctx, (d) => d.code === "check/invalid-pattern"),
};

export const patternBacktracking: Rule = {
  id: "pattern-backtracking",
  severity: "warn",
  description: "No pattern repeats a group that itself repeats (`(a+)+`): crafted input could make it backtrack for minutes.",
  check: (ctx) => fromStage(ctx, (d) => d.code === "check/catastrophic-pattern"),
};

export const ignoredHeaderParameter: Rule = {
  id: "ignored-header-parameter",
  severity: "warn",
  description: "No header parameter is named `Accept` or `Content-Type`: OpenAPI ignores them (the media types decide those headers), and so does generation.",
  check: (ctx) => fromStage(ctx, (d) => d.code === "ir/ignored-header-parameter"),
};

export const ignoredRequestBody: Rule = {
  id: "ignored-request-body",
  severity: "warn",
  description: "No GET or HEAD operation documents a request body: fetch cannot send one and OpenAPI gives it no meaning, so generation ignores it.",
  check: (ctx) => fromStage(ctx, (d) => d.code === "ir/ignored-request-body"),
};

export const nullBodyContent: Rule = {
  id: "null-body-content",
  severity: "warn",
  description: "No 204, 205 or 304 response, nor any response of a HEAD operation, documents `content`: HTTP sends those without a body.",
  check: (ctx) => fromStage(ctx, (d) => d.code === "ir/null-body-content"),
};

export const unsupported32: Rule = {
  id: "unsupported-32",
  severity: "warn",
  description: "Nothing written in OpenAPI 3.2 terms is left out of generation: QUERY and other added methods, `in: querystring` parameters, `itemSchema` of media types other than `text/event-stream`.",
  check(ctx) {
    for (const w of ctx.memo<Downlevel32Warning[]>("unsupported-32", () => [])) ctx.report(w.pointer, w.message, w.help);
  },
};
