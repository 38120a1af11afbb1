/**
 * A spec's `pattern` (or a config's filter pattern) tested against text within a time limit: a pattern
 * such as `^(a+)+(?=b)` backtracks exponentially on a string it rejects, and a generator run must not hang
 * on a hostile spec. The tests run in a `vm` context, whose timeout interrupts the regex engine; the script
 * is a constant, the pattern and the texts are data in the context.
 */
import vm from "node:vm";

const LIMIT_MS = 250;

/** A group containing a quantifier, itself quantified: star height above one (`(a+)+`, `(\w*)*`). */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/;

/**
 * Whether a regular expression's source repeats a group that itself repeats, the shape that backtracks
 * exponentially on crafted input. Character classes (`[+*]`) hold no quantifiers: they are blanked first.
 */
export function mayBacktrack(source: string): boolean {
  return NESTED_QUANTIFIER.test(source.replace(/\[(?:[^\]\\]|\\.)*\]/g, "c"));
}

/**
 * `re.test` for text that may be hostile (a spec's values under a ruleset's pattern): direct where the
 * pattern cannot backtrack exponentially, else within the time limit (a `vm` entry costs ~50 µs, so only
 * those pay it); `undefined` when it ran past the limit.
 */
export function guardedTest(re: RegExp): (text: string) => boolean | undefined {
  if (!mayBacktrack(re.source)) return (text) => {
    re.lastIndex = 0;
    return re.test(text);
  };
  return (text) => {
    re.lastIndex = 0;
    return testBounded(re, text);
  };
}

const TEST_ALL = new vm.Script("(() => { const out = []; for (const t of texts) out.push(re.test(t) === true); return out; })()");
let context: vm.Context | undefined;

/** Whether `re` matches `text`; `undefined` when the test ran past the time limit. */
export function testBounded(re: RegExp, text: string): boolean | undefined {
  return testAllBounded(re, [text])?.[0];
}

/**
 * Which of `texts` `re` matches, in one call within the time limit (one `vm` entry rather than one per
 * text); `undefined` when all the tests together ran past it.
 */
export function testAllBounded(re: RegExp, texts: readonly string[]): boolean[] | undefined {
  context ??= vm.createContext({ re: undefined, texts: [] });
  context.re = re;
  context.texts = texts;
  try {
    return Array.from(TEST_ALL.runInContext(context, { timeout: LIMIT_MS }) as boolean[]);
  } catch {
    return undefined;
  } finally {
    context.re = undefined;
    context.texts = [];
  }
}
