/**
 * A `lint.custom` rule run as Spectral runs one: every value each `given` path selects, each `then`'s
 * function on it (or on its `field`), one finding per problem at the value's place (the given value's
 * when the field is missing), the message's placeholders filled. Runs over the document as written
 * (bundled, before the 3.0 -> 3.1 normalizing), so rules see `nullable` and `example` as the spec has them.
 */
import { escapeSegment, segmentsOf } from "../../openapi/pointer.js";
import type { LintContext } from "../types.js";
import type { CompiledCustomRule } from "./config.js";
import { printValue } from "./functions.js";
import { formatsMatch } from "./formats.js";
import { query, type Node, type Walker } from "./jsonpath.js";

export function runCustomRule(rule: CompiledCustomRule, ctx: LintContext): void {
  if (rule.formats && !formatsMatch(rule.formats, ctx.version)) return;
  const document = ctx.written ?? ctx.document;
  const walker: Walker = { root: document, resolve: rule.resolved };
  const reported = new Set<string>();
  for (const path of rule.givenFor(ctx.version)) {
    for (const node of query(walker, path)) {
      for (const then of rule.then) {
        for (const target of targetsOf(walker, node, then.field)) {
          const property = target.found ? propertyOf(target.node) : lastName(then.fieldText) ?? propertyOf(node);
          const at = target.found ? target.node.pointer : node.pointer;
          for (const problem of then.check({ value: target.found ? target.node.value : undefined, exists: target.found, property, document, version: ctx.version })) {
            const error = typeof problem === "string" ? problem : problem.message;
            const pointer = typeof problem === "string" ? at : `${at}${problem.path.map((s) => `/${escapeSegment(String(s))}`).join("")}`;
            const vars: Record<string, string> = {
              error,
              property: typeof problem === "string" ? property : String(problem.path.at(-1) ?? property),
              path: `#${pointer}`,
              value: printValue(target.found ? target.node.value : undefined),
              description: rule.description,
            };
            const message = (rule.message ?? "{{error}}").replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => vars[k] ?? "");
            const key = `${pointer}\0${message}`;
            if (reported.has(key)) continue;
            reported.add(key);
            const help = rule.message?.includes("{{description}}") || rule.description === rule.id ? undefined : rule.description;
            ctx.report(pointer, message, help);
          }
        }
      }
    }
  }
}

type Found = { found: true; node: Node } | { found: false };

function targetsOf(walker: Walker, node: Node, field: CompiledCustomRule["then"][number]["field"]): Found[] {
  if (field === undefined) return [{ found: true, node }];
  if (field === "@key") return node.key === undefined ? [] : [{ found: true, node: node.keyAsValue() }];
  const found = query(walker, field, node);
  return found.length ? found.map((n) => ({ found: true, node: n })) : [{ found: false }];
}

function propertyOf(node: Node): string {
  if (node.key !== undefined) return String(node.key);
  const segments = segmentsOf(node.pointer);
  return segments.at(-1) ?? "$";
}

function lastName(field: string | undefined): string | undefined {
  return field?.split(".").at(-1);
}
