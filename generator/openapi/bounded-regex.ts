/**
 * A spec's `pattern` (or a config's filter pattern) tested against text within a time limit: a pattern
 * such as `^(a+)+(?=b)` backtracks exponentially on a string it rejects, and a generator run must not hang
 * on a hostile spec. The tests run in a `vm` context, whose timeout interrupts the regex engine; the script
 * is a constant, the pattern and the texts are data in the context.
 *
 * The verdict must not depend on how busy the machine is (a generated sample decides golden output): the
 * `vm` timeout counts wall time, so a test it interrupts is out of time only if it had the CPU for most of
 * the limit (this thread's CPU time, on Linux); one starved of the CPU runs again with a longer timeout.
 */
import { readFileSync } from "node:fs";
import vm from "node:vm";

const LIMIT_MS = 250;

/** The longest wall-clock timeout a starved test is given again (250, 1000, 4000 ms: at most ~5 s in all). */
const MAX_WALL_MS = 4000;

/** The time all of one guarded pattern's tests may take in one run; past it each further test is out of time. */
const BUDGET_MS = 2000;

/**
 * What in a regular expression's source backtracks exponentially on crafted input: a repeated group that
 * holds a quantifier at any depth (`(a+)+`, `((a)+)*`, `(?:[a-z]+-?)+`: `nested`), or one that holds an
 * alternation, whose branches may match the same text (`(a|a)+`: `alternation`). Escapes and character
 * classes are skipped; `{n}` repeats a fixed number of times and counts as no repetition.
 */
function repetitionRisk(source: string): { nested: boolean; alternation: boolean } {
  const risk = { nested: false, alternation: false };
  const groups: { quantified: boolean; alternation: boolean }[] = [{ quantified: false, alternation: false }];
  /** The length of a repeating quantifier at `i` (`*`, `+`, `{n,}`, `{n,m}`), 0 if none; `?` counts only inside. */
  const repeats = (i: number): number => {
    const c = source[i];
    if (c === "*" || c === "+") return 1;
    if (c !== "{") return 0;
    const m = /^\{\d*,\d*\}/.exec(source.slice(i, i + 24));
    return m ? m[0].length : 0;
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    const top = groups[groups.length - 1]!;
    if (c === "\\") i++;
    else if (c === "[") {
      for (i++; i < source.length && source[i] !== "]"; i++) if (source[i] === "\\") i++;
    } else if (c === "(") {
      groups.push({ quantified: false, alternation: false });
      // `(?:`, `(?=`, `(?<name>`: the `?` opens a kind of group, it quantifies nothing
      if (source[i + 1] === "?") i++;
    } else if (c === "|") top.alternation = true;
    else if (c === ")" && groups.length > 1) {
      const group = groups.pop()!;
      const outer = repeats(i + 1);
      if (outer) {
        if (group.quantified) risk.nested = true;
        if (group.alternation) risk.alternation = true;
      }
      const parent = groups[groups.length - 1]!;
      parent.quantified ||= group.quantified || outer > 0;
    } else if (repeats(i) || c === "?") top.quantified = true;
  }
  return risk;
}

/**
 * Whether a regular expression's source repeats a group that itself repeats, at any depth: the shape that
 * backtracks exponentially on crafted input (a spec's `pattern` is warned about).
 */
export function mayBacktrack(source: string): boolean {
  return repetitionRisk(source).nested;
}

/**
 * `re.test` for text that may be hostile (a spec's values under a ruleset's pattern): direct where the
 * pattern cannot backtrack exponentially, else within the time limit (a `vm` entry costs ~50 µs, so only
 * those pay it), and all of its tests together within BUDGET_MS; `undefined` when a test is out of time.
 */
/** Whether a ruleset's expression on hostile text needs the time limit: nested repetition, or a repeated alternation. */
export function needsLimit(source: string): boolean {
  const risk = repetitionRisk(source);
  return risk.nested || risk.alternation;
}

export function guardedTest(re: RegExp): (text: string) => boolean | undefined {
  if (!needsLimit(re.source)) return (text) => {
    re.lastIndex = 0;
    return re.test(text);
  };
  let spent = 0;
  return (text) => {
    if (spent > BUDGET_MS) return undefined;
    const started = performance.now();
    re.lastIndex = 0;
    const result = testBounded(re, text);
    // a remembered out-of-time answer costs its limit again: the budget counts what each test would take
    spent += Math.max(performance.now() - started, result === undefined ? LIMIT_MS : 0);
    return result;
  };
}

const TEST_ALL = new vm.Script("(() => { const out = []; for (const t of texts) out.push(re.test(t) === true); return out; })()");
let context: vm.Context | undefined;

/** Verdicts already reached, by pattern (flags/source) and text; only short texts, and a bounded number. */
const verdicts = new Map<string, Map<string, boolean | undefined>>();
let remembered = 0;
const MAX_REMEMBERED = 10_000;
const MAX_REMEMBERED_TEXT = 1024;

/**
 * Whether `re` matches `text`; `undefined` when the test ran past the time limit. A verdict is remembered:
 * samples ask the same few questions again and again (Microsoft Graph's 30,236 tests were 7 distinct
 * pattern-text pairs), and each `vm` entry cost ~0.7 ms there, 21 s of a 68 s run. An out-of-time verdict
 * is remembered only when it is the pattern's own (`certain`): one a busy machine caused is asked again.
 */
export function testBounded(re: RegExp, text: string): boolean | undefined {
  // `g` and `y` make a test depend on lastIndex: no verdict of theirs is the pattern's alone
  if (re.global || re.sticky || text.length > MAX_REMEMBERED_TEXT) return testAllBounded(re, [text])?.[0];
  const key = `${re.flags}/${re.source}`;
  let known = verdicts.get(key);
  if (known?.has(text)) return known.get(text);
  const { results, certain } = runBounded(re, [text]);
  const verdict = results?.[0];
  if (verdict === undefined && !certain) return undefined;
  if (remembered >= MAX_REMEMBERED) {
    verdicts.clear();
    remembered = 0;
    known = undefined;
  }
  if (!known) verdicts.set(key, (known = new Map()));
  known.set(text, verdict);
  remembered++;
  return verdict;
}

/**
 * Which of `texts` `re` matches, in one call within the time limit (one `vm` entry rather than one per
 * text); `undefined` when all the tests together ran past it.
 */
export function testAllBounded(re: RegExp, texts: readonly string[]): boolean[] | undefined {
  return runBounded(re, texts).results;
}

/**
 * `testAllBounded`, saying whether an out-of-time answer is the pattern's own: `certain` when the tests had
 * the CPU for most of the limit (Linux) or the limit is wall time (no CPU time to read), not when the
 * machine kept them from the CPU up to MAX_WALL_MS.
 */
function runBounded(re: RegExp, texts: readonly string[]): { results: boolean[] | undefined; certain: boolean } {
  context ??= vm.createContext({ re: undefined, texts: [] });
  context.re = re;
  context.texts = texts;
  try {
    for (let timeout = LIMIT_MS; ; timeout *= 4) {
      const cpu = threadCpuMs();
      try {
        return { results: Array.from(TEST_ALL.runInContext(context, { timeout }) as boolean[]), certain: true };
      } catch (e) {
        const used = cpu === undefined ? undefined : threadCpuMs()! - cpu;
        const timedOut = (e as { code?: unknown }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT";
        const starved = timedOut && used !== undefined && used < LIMIT_MS * 0.9;
        // where this thread's CPU time cannot be read (macOS, Windows) the limit counts wall time, as it always
        // did there: its verdict is remembered too, or a hostile pair would cost its limit at every call
        if (!starved) return { results: undefined, certain: timedOut };
        if (timeout >= MAX_WALL_MS) return { results: undefined, certain: false };
      }
    }
  } finally {
    context.re = undefined;
    context.texts = [];
  }
}

/** The CPU time this thread has had, in ms (Linux's /proc/thread-self/schedstat); undefined elsewhere. */
function threadCpuMs(): number | undefined {
  try {
    return Number(readFileSync("/proc/thread-self/schedstat", "latin1").split(" ")[0]) / 1e6;
  } catch {
    return undefined;
  }
}
