/**
 * A `lint.custom` rule run as Spectral runs one: every value each `given` path selects, each `then`'s
 * function on it (or on its `field`), one finding per problem at the value's place (the given value's
 * when the field is missing), the message's placeholders filled. Runs over the document as written
 * (bundled, before the 3.0 -> 3.1 normalizing), so rules see `nullable` and `example` as the spec has them.
 * A function of the user's may return a Promise: those are awaited together at the end, as Spectral's
 * runner does. One that throws, or returns what is not a list of problems, is one finding of its rule at
 * the first value it failed on (an error, whatever the rule's severity: the rule did not check), and the
 * other rules go on.
 */
import { displayPathOf } from "../../load/source-file.js";
import { escapeSegment, segmentsOf } from "../../openapi/pointer.js";
import type { LintContext } from "../types.js";
import type { CompiledCustomRule, CompiledThen } from "./config.js";
import { printValue } from "./functions.js";
import { formatsMatch } from "./formats.js";
import type { Problem, RunTarget, SpectralContext } from "./function-kit.js";
import { childOf, query, rootNode, type Node, type Walker } from "./jsonpath.js";
import { describeThrown } from "./thrown.js";
import { resolvedCopy, FunctionFault, type UserFunction } from "./user-functions.js";

/** Where a problem was found: the value's place, its name, the value. */
interface Site {
  at: string;
  property: string;
  value: unknown;
}

export async function runCustomRule(rule: CompiledCustomRule, ctx: LintContext): Promise<void> {
  if (rule.formats && !formatsMatch(rule.formats, ctx.version)) return;
  const document = ctx.written ?? ctx.document;
  const walker: Walker = { root: document, resolve: rule.resolved };
  const reported = new Set<string>();
  const context = contextOf(rule, ctx, document);
  const waits: Promise<void>[] = [];
  let failure: { at: string; user: UserFunction; error: unknown; count: number; call: number } | undefined;
  let calls = 0;
  // The first call that failed is the one reported (not the first to settle: the output stays the same run to run).
  const failed = (then: CompiledThen, at: string, call: number) => (e: unknown) => {
    // A core function that throws is specforge's bug: it ends the run as before.
    const { user } = then;
    if (!user) throw e;
    const count = (failure?.count ?? 0) + 1;
    failure = !failure || call < failure.call ? { at, user, error: e, count, call } : { ...failure, count };
  };

  const fill = (text: string, vars: Record<string, string>) => text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => vars[k] ?? "");
  // `user`: a function of the user's, whose messages may use the placeholders too (Spectral fills them in every
  // function's; a core function's message quotes spec text, which stays as written).
  const report = (problems: Problem[], site: Site, user?: boolean): void => {
    for (const problem of problems) {
      const error = typeof problem === "string" ? problem : problem.message;
      let { at: pointer, property, value } = site;
      if (typeof problem !== "string" && "at" in problem) {
        const node = placeOf(walker, problem.at);
        ({ pointer, value } = node);
        property = node.key === undefined ? "$" : String(node.key);
      } else if (typeof problem !== "string") {
        pointer = `${site.at}${problem.path.map((s) => `/${escapeSegment(String(s))}`).join("")}`;
        property = String(problem.path.at(-1) ?? property);
      }
      const vars: Record<string, string> = { error, property, path: `#${pointer}`, value: printValue(value), description: rule.description };
      if (user) vars.error = fill(fillPrints(error, vars, pointer === ""), vars).trim();
      const message = fill(rule.message ?? "{{error}}", vars);
      const key = `${pointer}\0${message}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const help = rule.message?.includes("{{description}}") || rule.description === rule.id ? undefined : rule.description;
      ctx.report(pointer, message, help);
    }
  };

  for (const path of rule.givenFor(ctx.version)) {
    for (const node of query(walker, path)) {
      for (const then of rule.then) {
        for (const target of targetsOf(walker, node, then.field)) {
          const property = target.found ? propertyOf(target.node) : lastName(then.fieldText) ?? propertyOf(node);
          const site: Site = { at: target.found ? target.node.pointer : node.pointer, property, value: target.found ? target.node.value : undefined };
          const run: RunTarget = {
            value: site.value,
            exists: target.found,
            property,
            document,
            version: ctx.version,
            path: () => (target.found ? pathOf(target.node) : [...pathOf(node), ...fieldKeys(then.fieldText)]),
            context,
          };
          const call = calls++;
          let out: Problem[] | Promise<Problem[]>;
          try {
            out = then.check(run);
          } catch (e) {
            failed(then, site.at, call)(e);
            continue;
          }
          if (Array.isArray(out)) report(out, site, then.user !== undefined);
          else waits.push(out.then((problems) => report(problems, site, true), failed(then, site.at, call)));
        }
      }
    }
  }
  await Promise.all(waits);
  if (failure) {
    const what = failure.error instanceof FunctionFault ? failure.error.message : `threw ${describeThrown(failure.error)}`;
    const more = failure.count > 1 ? ` (on ${failure.count} values; the first is here)` : "";
    const { user } = failure;
    ctx.reportFailure(failure.at, `function '${user.name}' (${displayPathOf(user.file ?? user.dir)}) ${what}${more}`, `fix the function: rule '${rule.id}' did not check ${failure.count > 1 ? "those values" : "this value"}`);
  }
}

/**
 * The `#{{print("value")}}` forms of a message as Spectral's message formatter fills them (spectral-core
 * runner/utils/message.ts): a function of @stoplight/spectral-functions called inside a user's function
 * writes its messages so (`#{{print("property")}}must be truthy`). Spectral evaluates any expression after
 * `#`; only `print` of a placeholder is read here, other expressions stay as written.
 */
function fillPrints(text: string, vars: Record<string, string>, atRoot: boolean): string {
  return text.replace(/#\{\{\s*print\(\s*(["'])(\w+)\1\s*\)\s*\}\}/g, (whole, _quote: string, name: string) => {
    if (name === "property") return atRoot ? "The document " : `"${vars.property}" property `;
    return name === "value" || name === "path" || name === "description" ? vars[name]! : whole;
  });
}

/** Spectral's context of a rule's functions on one document; its resolved document made when first read. */
function contextOf(rule: CompiledCustomRule, ctx: LintContext, document: unknown): SpectralContext {
  const doc = { data: document, source: ctx.root.path };
  return {
    document: doc,
    documentInventory: {
      get resolved() {
        return ctx.memo("custom-functions-resolved", () => resolvedCopy(document));
      },
      unresolved: document,
      document: doc,
    },
    // Spectral's severities are numbers: 0 error, 1 warn.
    rule: { name: rule.id, description: rule.description, message: rule.message ?? null, severity: rule.severity === "error" ? 0 : 1, resolved: rule.resolved, ...(rule.formats ? { formats: rule.formats } : {}) },
  };
}

type Found = { found: true; node: Node } | { found: false };

function targetsOf(walker: Walker, node: Node, field: CompiledCustomRule["then"][number]["field"]): Found[] {
  if (field === undefined) return [{ found: true, node }];
  if (field === "@key") return node.key === undefined ? [] : [{ found: true, node: node.keyAsValue() }];
  const found = query(walker, field, node);
  return found.length ? found.map((n) => ({ found: true, node: n })) : [{ found: false }];
}

/** The keys from the root to `node`, as the path walked them. */
function pathOf(node: Node): Array<string | number> {
  const keys: Array<string | number> = [];
  for (let n: Node | undefined = node; n?.key !== undefined; n = n.parent) keys.push(n.key);
  return keys.reverse();
}

/** A missing field's keys below the value (`schema.type`, `items[0]`), as Spectral's path to it; none for a JSONPath. */
function fieldKeys(field: string | undefined): string[] {
  if (field === undefined || field.startsWith("$")) return [];
  return field.split(/[.[\]]/).filter((k) => k !== "");
}

/** The value at `keys` from the root (through `$ref`s when the rule follows them): its closest existing parent if it is not there. */
function placeOf(walker: Walker, keys: ReadonlyArray<string | number>): Node {
  let node = rootNode(walker);
  for (const key of keys) {
    const next = childOf(walker, node, Array.isArray(node.value) && typeof key === "string" && /^\d+$/.test(key) ? Number(key) : key) ?? (typeof key === "number" ? childOf(walker, node, String(key)) : undefined);
    if (!next) break;
    node = next;
  }
  return node;
}

function propertyOf(node: Node): string {
  if (node.key !== undefined) return String(node.key);
  const segments = segmentsOf(node.pointer);
  return segments.at(-1) ?? "$";
}

function lastName(field: string | undefined): string | undefined {
  return field?.split(".").at(-1);
}
