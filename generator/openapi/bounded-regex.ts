/**
 * A spec's `pattern` tested against text the generator made, within a time limit: a pattern such as
 * `^(a+)+(?=b)` backtracks exponentially on a string it rejects, and a generator run must not hang on a
 * hostile spec. The test runs in a `vm` context, whose timeout interrupts the regex engine.
 */
import vm from "node:vm";

const LIMIT_MS = 250;
const TEST = new vm.Script("re.test(text)");
let context: vm.Context | undefined;

/** Whether `re` matches `text`; `undefined` when the test ran past the time limit. */
export function testBounded(re: RegExp, text: string): boolean | undefined {
  context ??= vm.createContext({ re: undefined, text: "" });
  context.re = re;
  context.text = text;
  try {
    return TEST.runInContext(context, { timeout: LIMIT_MS }) === true;
  } catch {
    return undefined;
  } finally {
    context.re = undefined;
    context.text = "";
  }
}

const TEST_ALL = new vm.Script("(() => { const out = []; for (const t of texts) out.push(re.test(t) === true); return out; })()");
let contextAll: vm.Context | undefined;

/**
 * Which of `texts` `re` matches, in one call within the time limit (one `vm` entry rather than one per
 * text); `undefined` when all the tests together ran past it.
 */
export function testAllBounded(re: RegExp, texts: readonly string[]): boolean[] | undefined {
  contextAll ??= vm.createContext({ re: undefined, texts: [] });
  contextAll.re = re;
  contextAll.texts = texts;
  try {
    const out = TEST_ALL.runInContext(contextAll, { timeout: LIMIT_MS }) as boolean[];
    return Array.from(out);
  } catch {
    return undefined;
  } finally {
    contextAll.re = undefined;
    contextAll.texts = [];
  }
}
