/**
 * An operation's `callbacks`, walked once for every stage that reads them (IR, types, lint): each URL of
 * each callback, `$ref`s to `components.callbacks` and `components.pathItems` followed, extensions skipped.
 */
import { isObject, type JsonObject } from "./kinds.js";
import { derefLocal, escapeSegment } from "./pointer.js";

export interface CallbackEntry {
  /** The callback's key in the operation's `callbacks` (`onEvent`). */
  name: string;
  /** The URL, a runtime expression (`{$request.body#/callbackUrl}`). */
  expression: string;
  /** The callback object (shared by the operations that `$ref` one entry of `components.callbacks`). */
  callback: JsonObject;
  /** Where the URL's key is written (under the component when the callback is a `$ref`). */
  keyPointer: string;
  item: JsonObject;
  /** Where the path item is written (its `components.pathItems` entry when it is a `$ref`). */
  itemPointer: string;
}

/** Each URL of each callback in `callbacks` (an operation's, written at `pointer`) whose path item resolves. */
export function callbackEntries(document: JsonObject, callbacks: unknown, pointer: string): CallbackEntry[] {
  const out: CallbackEntry[] = [];
  for (const name of isObject(callbacks) ? Object.keys(callbacks) : []) {
    if (name.startsWith("x-")) continue;
    const { node: callback, pointer: target } = derefLocal(document, callbacks![name as keyof typeof callbacks]);
    if (!callback) continue;
    const at = target ?? `${pointer}/${escapeSegment(name)}`;
    for (const expression of Object.keys(callback)) {
      if (expression.startsWith("x-")) continue;
      const keyPointer = `${at}/${escapeSegment(expression)}`;
      const { node: item, pointer: itemTarget } = derefLocal(document, callback[expression]);
      if (item) out.push({ name, expression, callback, keyPointer, item, itemPointer: itemTarget ?? keyPointer });
    }
  }
  return out;
}
