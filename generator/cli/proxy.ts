/**
 * `specforge proxy <spec> <upstream>` (Prism's `proxy`): a contract check between a client and a real
 * server. This is its command line and its serving until SIGINT/SIGTERM; what it does with each exchange
 * (check the request, forward it, check the answer) is proxy/listener.ts's.
 */
import { parseCommandLine, usage } from "./args.js";
import { printable } from "../diagnostics/printable.js";
import { loadSpecServer } from "../spec-server.js";
import { portOf, serveUntilStopped } from "./serve.js";
import { proxyListener } from "../proxy/listener.js";

const HELP = `Usage:
  specforge proxy <spec> <upstream-url> [--port 4010] [--host 127.0.0.1] [--errors] [--timeout 60]

Forwards every request to <upstream-url> (its path appended) and checks both sides against <spec>: the
request as the generated server validates it, the answer against the operation's documented responses.
Each exchange is logged in one line, each violation on a line of its own below it.

Options:
  --errors   answer a request that breaks the spec with the generated server's problem (400, 401, 404,
             ...) instead of forwarding it, and an answer that breaks it with a 502 problem
  --timeout  seconds the upstream may be silent (connecting, before its answer, within a body the proxy
             reads whole) before the client gets a 504 problem; default 60
`;

export async function runProxy(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine("proxy", {
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      errors: { type: "boolean", default: false },
      timeout: { type: "string", default: "60" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length !== 2) throw usage(`expected a spec and an upstream URL, got ${positionals.length} argument(s)`, "run 'specforge proxy <spec> <upstream-url>'");
  const upstream = upstreamOf(positionals[1]!);
  const port = portOf(values.port!);
  const timeout = Number(values.timeout);
  if (!(timeout > 0 && timeout <= 86400)) throw usage(`--timeout ${values.timeout} is not a number of seconds`, "pass a number from 0.001 to 86400, such as --timeout 60");
  const { mod, validators, result, dispose } = await loadSpecServer(positionals[0]!);
  try {
    const proxy = proxyListener(mod, validators, { upstream, errors: values.errors, timeout });
    await serveUntilStopped((req, res) => void proxy.listener(req, res), port, values.host!, (where) =>
      `specforge proxy: ${printable(result.ir.title)} ${printable(result.ir.version)} (${result.ir.operations.length} operations) listening on ${where}, forwarding to ${upstream}${values.errors ? " (--errors)" : ""}`, proxy.stop);
    process.stdout.write("specforge proxy: stopped\n");
    return 0;
  } finally {
    dispose();
  }
}

function upstreamOf(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usage(`'${text}' is not a URL`, "give the upstream server as http(s)://host[:port][/base]");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw usage(`'${text}' is not an http(s) URL`, "give the upstream server as http(s)://host[:port][/base]");
  // each request brings its own query and credentials; the upstream's would be lost on the way
  if (url.search || url.hash || url.username || url.password) throw usage(`'${text}' has a query, a fragment or credentials`, "give the upstream server as http(s)://host[:port][/base]; clients send their own credentials and query");
  return url.href.replace(/\/+$/, "");
}
