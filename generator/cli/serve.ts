/**
 * How `specforge mock` and `specforge proxy` serve: `--port` parsed, and a listener served on it until
 * SIGINT/SIGTERM (what they serve: spec-server.ts).
 */
import { createServer, type RequestListener } from "node:http";
import { usage } from "./args.js";

/** Parses `--port`: an integer from 0 to 65535. */
export function portOf(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usage(`--port ${text} is not a port number`, "pass an integer from 0 to 65535");
  return port;
}

/**
 * Serves `listener` until SIGINT/SIGTERM; `announce(url)` is printed once the signals are handled. Requests in
 * flight are cut off; `onStop` hears of the signal first (their log can say why).
 */
export async function serveUntilStopped(listener: RequestListener, port: number, host: string, announce: (where: string) => string, onStop?: () => void): Promise<void> {
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  }).catch((e: NodeJS.ErrnoException) => {
    throw usage(`cannot listen on ${host}:${port}: ${e.code ?? e.message}`, "choose another --port or --host");
  });
  const address = server.address();
  const where = typeof address === "object" && address ? `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}` : String(address);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      onStop?.();
      server.close(() => resolve());
      server.closeAllConnections();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    // Announced once the signals are handled: whoever waits for this line may stop us at once.
    process.stdout.write(`${announce(where)}\n`);
  });
}
