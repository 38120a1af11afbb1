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
