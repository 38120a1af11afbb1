/** Whether a hook or handler returned a promise (or any thenable): only then is it awaited, sparing a microtask per step. */
export function isThenable<T>(v: T | PromiseLike<T>): v is PromiseLike<T> {
  return v !== null && typeof v === "object" && typeof (v as { then?: unknown }).then === "function";
}
