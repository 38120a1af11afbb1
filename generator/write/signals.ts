/**
 * A Ctrl-C (SIGINT), SIGTERM or SIGHUP that comes while packages are written ends the process after the
 * write, not between two renames of its swap (the package folder gone, its old and new contents beside it
 * under temporary names). Node runs a signal's listener only between synchronous runs of code, and the write
 * is one: given a listener, the signal waits. Then it is sent again with none, and ends the process as it
 * would have (exit 130 for Ctrl-C, in a shell).
 */
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

export async function holdingSignals<T>(write: () => T): Promise<T> {
  // a signal that has a listener already stops the process its own way, after the write (--watch)
  const held = SIGNALS.filter((signal) => process.listenerCount(signal) === 0);
  const came: NodeJS.Signals[] = [];
  const hold = (signal: NodeJS.Signals) => void came.push(signal);
  for (const signal of held) process.on(signal, hold);
  try {
    return write();
  } finally {
    // the listener runs when the event loop next polls: two turns of it (the first may end the current poll)
    await turn();
    await turn();
    for (const signal of held) process.off(signal, hold);
    if (came.length > 0) process.kill(process.pid, came[0]);
  }
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
