/**
 * What `specforge generate` itself would say: the check stage (regex patterns, statuses, ...) and the IR
 * stage (names, pagination) run on the document as `generate` reads it (a 3.0 document's `x-webhooks` as its
 * `webhooks`), and their diagnostics become findings, so a spec that lints clean generates, and nothing
 * generation drops or renames goes unreported.
 */
import { checkDocument } from "../../check/check.js";
import { buildIR } from "../../ir/build.js";
import { SpecforgeError, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { LintContext, Rule } from "../types.js";
import type { NormalizeWarning } from "../../normalize/from-32.js";
import { xWebhooksOf } from "../../openapi/x-webhooks.js";
import { asGenerated } from "../as-generated.js";

/** Stage codes another rule already reports (in its own words). */
const COVERED = new Set(["names/operation-collision", "check/path-parameter-undeclared"]);

function generatorDiagnostics(ctx: LintContext): Diagnostic[] {
  return ctx.memo("generator-diagnostics", () => {
    const { document, sources } = asGenerated(ctx);
    const out = checkDocument(document, sources);
    if (out.some((d) => d.severity === "error")) return out;
    try {
      out.push(...buildIR(document, ctx.version, sources, "api").warnings);
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

/** Stage codes with a rule of their own (`stageRule`); the two catch-all rules leave them to it. */
const OWN_RULE_CODES = new Set<string>();

/** The rule that reports one stage diagnostic code, in the stage's own words. */
function stageRule(id: string, severity: Rule["severity"], code: string, description: string): Rule {
  OWN_RULE_CODES.add(code);
  return { id, severity, description, check: (ctx) => fromStage(ctx, (d) => d.code === code) };
}

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

export const patternValid = stageRule("pattern-valid", "error", "check/invalid-pattern",
  "Every `pattern` and `patternProperties` key is an ECMA-262 regular expression (compiled with the u flag, as the validators do).",
);

export const patternBacktracking = stageRule("pattern-backtracking", "warn", "check/catastrophic-pattern",
  "No pattern repeats a group that itself repeats (`(a+)+`): crafted input could make it backtrack for minutes.",
);

export const ignoredHeaderParameter = stageRule("ignored-header-parameter", "warn", "ir/ignored-header-parameter",
  "No header parameter is named `Accept` or `Content-Type` (OpenAPI ignores them: the media types decide those headers, and so does generation) or `Content-Length` (fetch writes it from the body).",
);

export const webhookPathParameter = stageRule("webhook-path-parameter", "warn", "ir/webhook-path-parameter",
  "No webhook or callback declares an `in: path` parameter: a webhook is sent to the URL its receiver registered, a callback to the URL its expression gives, neither a template to fill.",
);

export const ignoredRequestBody = stageRule("ignored-request-body", "warn", "ir/ignored-request-body",
  "No GET or HEAD operation documents a request body: fetch cannot send one and OpenAPI gives it no meaning, so generation ignores it.",
);

export const nullBodyContent = stageRule("null-body-content", "warn", "ir/null-body-content",
  "No 204, 205 or 304 response, nor any response of a HEAD operation, documents `content`: HTTP sends those without a body.",
);

export const methodUnknownToNode = stageRule("method-unknown-to-node", "warn", "ir/method-unknown-to-node",
  "Every OpenAPI 3.2 additional operation's method is one Node's HTTP server reads (`http.METHODS`, case-sensitive): it refuses any other before a handler sees it.",
);

export const unsupported32: Rule = {
  id: "unsupported-32",
  severity: "warn",
  description: "Nothing written in OpenAPI 3.2 terms is left out of generation: an additional CONNECT or TRACK operation (fetch refuses to send them), `itemSchema` of media types other than `text/event-stream`. (QUERY, other additional methods and `in: querystring` parameters are generated.)",
  check: (ctx) => fromNormalize(ctx, "normalize/unsupported-32"),
};

export const nullBesideComposition: Rule = {
  id: "null-beside-composition",
  severity: "warn",
  description: "No schema writes `type: null` beside a `oneOf`/`anyOf` whose branches all exclude null: no value would be valid (generation reads null as one more branch).",
  check: (ctx) => fromNormalize(ctx, "normalize/null-beside-composition"),
};

export const selfUnion: Rule = {
  id: "self-union",
  severity: "warn",
  description: "No `oneOf`/`anyOf` has a branch that is the schema itself at the same place (`Loop: { oneOf: [{ $ref: Loop }, { type: null }] }`): it can never be what makes a value valid, and a validator following it calls itself forever (generation drops the branch).",
  check: (ctx) => fromNormalize(ctx, "normalize/self-union"),
};

/** The normalize stage's warnings of one code (lint's run keeps them under "normalize-warnings"). */
function fromNormalize(ctx: LintContext, code: NormalizeWarning["code"]): void {
  for (const w of ctx.memo<NormalizeWarning[]>("normalize-warnings", () => [])) if (w.code === code) ctx.report(w.pointer, w.message, w.help);
}

export const swagger2Lossy: Rule = {
  id: "swagger2-lossy",
  severity: "warn",
  description: "Every form of a Swagger 2.0 document has an OpenAPI 3 equivalent, so the spec read as 3.0 means what it says: no `collectionFormat: tsv`, no `collectionFormat` other than `csv` on a path or header parameter, no list inside a list (generation sends those comma-separated, or as JSON text).",
  // the upgrade stage's warnings, each already placed in the 2.0 file that holds it (lint's run keeps them under "upgrade-warnings")
  check(ctx) {
    // the list also holds what the load said (an overlay's target that selects nothing): not this rule's
    for (const d of ctx.memo<Diagnostic[]>("upgrade-warnings", () => [])) if (d.code === "upgrade/no-3.0-form") ctx.reportAt(d.location ?? {}, d.message, d.help);
  },
};

export const xWebhooksIgnored: Rule = {
  id: "x-webhooks-ignored",
  severity: "warn",
  description: "A 3.0 document's `x-webhooks` is a mapping whose every entry is a webhook's path item, and the document has no `webhooks` beside it: generation then reads them as webhooks (as Redocly does), else ignores the whole of `x-webhooks`.",
  check(ctx) {
    // a Swagger 2.0 document's are not read (its text is not 3.0's), nor reported
    const found = xWebhooksOf(ctx.document, ctx.root.upgraded ? ctx.root.upgraded.from : ctx.version);
    if (found && "ignored" in found) ctx.report(found.ignored.at, found.ignored.message, found.ignored.help);
  },
};
