/**
 * A signal that aborts with a `TimeoutError` after `ms`, like `AbortSignal.timeout`, for use inside
 * `AbortSignal.any`. There Node 20's `AbortSignal.timeout` is held only weakly: once collected, its timer is
 * cancelled and it never fires (nodejs/node#57736), so a fetch to a server that never answers waits forever.
 * Here the pending timer holds the signal until it fires or `clear()` stops it; the timer is unref'd, as
 * `AbortSignal.timeout`'s is, so one left uncleared keeps no process alive.
 */
export interface TimeoutSignal {
  readonly signal: AbortSignal;
  /** Stops the timer (the work finished in time); the signal then never aborts. */
  clear(): void;
}

export function timeoutSignal(ms: number): TimeoutSignal {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError")), ms);
  timer.unref();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
