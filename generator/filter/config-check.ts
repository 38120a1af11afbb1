/**
 * The shape of a `filters` object (a spec's in the config, and `diff.filters`), checked in one place: each
 * problem at its JSON pointer, an entry written `/source/flags` compiled to say what is wrong with it.
 */
import { parseFilterEntry } from "./pattern.js";
import { isObject } from "../openapi/kinds.js";

interface Problem {
  pointer: string;
  message: string;
  help: string;
}

const FILTER_KEYS = "tags, operations, extensions, deprecated";

/** The lists each filter takes: an extension is only ever dropped (a marker such as `x-internal`). */
const LISTS: Record<string, readonly string[]> = { tags: ["include", "exclude"], operations: ["include", "exclude"], extensions: ["exclude"] };

export function filterProblems(value: unknown, at: string): Problem[] {
  if (!isObject(value)) return [{ pointer: at, message: "'filters' must be an object", help: `give any of ${FILTER_KEYS}` }];
  return Object.entries(value).flatMap(([k, v]): Problem[] => {
    if (k === "deprecated") return typeof v === "boolean" ? [] : [{ pointer: `${at}/${k}`, message: "invalid value for 'deprecated'", help: "use false to drop deprecated operations" }];
    const lists = Object.prototype.hasOwnProperty.call(LISTS, k) ? LISTS[k]! : undefined;
    if (!lists) return [{ pointer: `${at}/${k}`, message: `unknown filter '${k}'`, help: `filters: ${FILTER_KEYS}` }];
    if (!isObject(v)) return [{ pointer: `${at}/${k}`, message: `'${k}' must be an object`, help: `give ${lists.join(" and/or ")}, each a list of strings` }];
    return Object.entries(v).flatMap(([list, names]): Problem[] => {
      if (!lists.includes(list)) return [{ pointer: `${at}/${k}/${list}`, message: `unknown key '${list}'`, help: `use ${lists.join(" or ")}` }];
      if (!Array.isArray(names) || !names.every((n) => typeof n === "string")) {
        return [{ pointer: `${at}/${k}/${list}`, message: `'${list}' must be a list of strings`, help: k === "tags" ? "list tag names" : k === "extensions" ? "list extension names, e.g. [x-internal]" : "list operationIds or `METHOD /path` strings" }];
      }
      return names.flatMap((n, i): Problem[] => {
        const problem = filterEntryProblem(k as keyof typeof LISTS, n);
        return problem ? [{ pointer: `${at}/${k}/${list}/${i}`, ...problem }] : [];
      });
    });
  });
}

/** What is wrong with one entry of a `tags`, `operations` or `extensions` list (also a `--filter-*` value of diff), if anything. */
export function filterEntryProblem(filter: keyof typeof LISTS, entry: string): { message: string; help: string } | undefined {
  const parsed = parseFilterEntry(entry);
  if (parsed.kind === "invalid") return { message: `'${entry}' is no valid regular expression: ${parsed.reason}`, help: "fix the pattern (written /source/flags), or write the name itself" };
  // an extension's name starts with x- (OpenAPI 3.x, Specification Extensions); a pattern may match any part of one
  if (filter === "extensions" && parsed.kind === "name" && !entry.startsWith("x-")) return { message: `'${entry}' is no extension name`, help: `extensions start with x-: write 'x-${entry}'` };
  return undefined;
}
