/**
 * What `specforge diff` compares: the config's `diff.filters` (a spec's `filters`, filter/filter.ts) and
 * the command line's `--filter-operation` and `--filter-extension`, which add entries to its
 * `operations.exclude` and `extensions.exclude` (oasdiff's `--filter-extension`, asked for to keep
 * internal and beta endpoints out of a CI gate). Base and head go through the same filter.
 *
 * An entry may match in one spec only (an operation head removed, or base did not have yet). One that
 * matches in neither is an error, as in generate: a typo'd include list would leave nothing to compare,
 * and the gate would pass on every change; a typo'd exclude would let in what it meant to leave out.
 */
import { error, type Diagnostic, type Location } from "../diagnostics/diagnostic.js";
import type { FilterProblem, OperationFilters } from "../filter/filter.js";

/** How the command line's options are named, by the list they add to. */
export const FILTER_OPTIONS = { "operations.exclude": "--filter-operation", "extensions.exclude": "--filter-extension" } as const;

export interface DiffFilters {
  filters: OperationFilters;
  /** Where an entry of a list was given: the config key at its place, or the option. */
  origin(list: string, index: number): { label: string; location?: Location };
}

/** The config's filters with the command line's entries after its own; `undefined` when neither gives any. */
export function diffFilters(config: OperationFilters | undefined, options: { operations: string[]; extensions: string[] }, place?: (pointer: string) => Location): DiffFilters | undefined {
  if (!config && options.operations.length === 0 && options.extensions.length === 0) return undefined;
  const filters: OperationFilters = { ...config };
  if (options.operations.length) filters.operations = { ...config?.operations, exclude: [...(config?.operations?.exclude ?? []), ...options.operations] };
  if (options.extensions.length) filters.extensions = { exclude: [...(config?.extensions?.exclude ?? []), ...options.extensions] };
  const fromConfig = (list: string): number => {
    const [filter, which] = list.split(".") as [string, string];
    const entries = (config as Record<string, Record<string, string[] | undefined> | undefined> | undefined)?.[filter]?.[which];
    return entries?.length ?? 0;
  };
  return {
    filters,
    origin: (list, index) => {
      if (index < fromConfig(list)) return { label: `diff.filters.${list}`, location: place?.(`/diff/filters/${list.replace(".", "/")}/${index}`) };
      return { label: FILTER_OPTIONS[list as keyof typeof FILTER_OPTIONS] ?? list };
    },
  };
}

/** The entries that matched nothing in every spec compared (`sides`: what each spec's filter left unmatched), as errors. */
export function unmatchedInEvery(sides: FilterProblem[][], origin: DiffFilters["origin"]): Diagnostic[] {
  const key = (p: FilterProblem) => `${p.list}\0${p.index}`;
  const [first, ...others] = sides;
  if (!first) return [];
  return first
    .filter((p) => others.every((side) => side.some((q) => key(q) === key(p))))
    .map((p) => {
      // head's message (the last side's) unless only another spec has a name near it (one head removed)
      const all = sides.map((side) => side.find((q) => key(q) === key(p))!).reverse();
      const shown = all.find((q) => q.near !== undefined) ?? all[0]!;
      const { label, location } = origin(p.list, p.index);
      return error(shown.code, `${label}: ${shown.message}`, location, shown.help);
    });
}
