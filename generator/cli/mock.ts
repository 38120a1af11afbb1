/**
 * `specforge mock <spec>`: serves the spec's mock on 127.0.0.1 (or `--host`). The server target is
 * generated in memory (only the modules that run: `runOnly`, no types, package files or formatting), written to a temporary folder as JavaScript (TypeScript's `transpileModule`, type
 * erasure only) and imported: the spec's text stays data in that code, as in any generated package.
 * Requests are validated (unless `--no-validate-request`), credentials must be present as each operation's security requires (any value
 * passes), a refused request gets the refusal the operation documents where it has one (mock/refusals.ts, as Prism), an example contradicting its schema is sent as it is with its violations in an `sl-violations`
 * header and one line on stderr (as Prism; `--errors` refuses it), each request is logged in one line, browsers on other origins may call it (CORS, as Prism),
 * an answered operation's callbacks are sent (mock/callbacks.ts, as Prism), `--watch` makes it anew when a
 * file it read changes (watch.ts; the listening server stays, a version that does not load is not taken),
 * and SIGINT/SIGTERM stop it cleanly.
 */
import type { IncomingMessage, RequestListener } from "node:http";
import { isRemote } from "../load/location.js";
import { watchAndRerun } from "./watch.js";
import { GenerateError } from "../pipeline.js";
import { parseCommandLine, usage } from "./args.js";
import { reportFailure } from "./report-failure.js";
import { overlayFiles } from "./overlay-option.js";
import { parseDelay } from "./delay-option.js";
import { withCors } from "../mock/cors.js";
import { printable } from "../diagnostics/printable.js";
import { portOf, serveUntilStopped } from "./serve.js";
import { loadMock, type LoadedMock } from "../mock/load.js";

const HELP = `Usage:
  specforge mock <spec> [--port 4010] [--host 127.0.0.1] [--base-path /v2] [--dynamic [--seed N]] [--errors] [--no-cors] [--no-callbacks] [--no-example-match] [--no-validate-request] [--stateful] [--delay <ms>|<min>-<max>] [--overlay <file>]... [--watch]

Serves every operation of <spec> with its examples (or data synthesized from its schemas). An example that
contradicts its schema is sent as it is, as Prism does, with its violations in the 'sl-violations' header
(JSON, as Prism's) and one line on stderr; --errors refuses it with a 500 problem instead. Pick an answer
with the request header 'Prefer: code=404' or 'Prefer: example=<name>' (or the query's '__code=404',
'__example=<name>'). Without those, a request equal to a named request example (its body, its parameters'
examples of that name) gets the response example of the same name, as Microcks pairs them
(--no-example-match: never). With --dynamic (-d; or 'Prefer: dynamic=true', '__dynamic=true' for one request) JSON
answers are made anew from their schemas on every request, as Prism's dynamic mode (--seed N: the same
answers in the same order on every start). Browsers on other
origins may call it (CORS) unless --no-cors. After a 2xx answer to an operation that declares callbacks,
each callback is sent, as Prism does, to the URL its expression reads from that request and answer (any
URL the request names: a development tool), with its example body and a 'mock' credential; one line each
on stdout; --no-callbacks sends none. Operations are answered at the root and under the path of the
spec's first server (https://api.example.com/v2: /v2/customers as /customers), as a generated client's
default baseUrl calls them; --base-path names another path, --base-path / only the root. With --watch (-w)
the mock is made anew when the spec, or a file its $refs read, changes (as Prism reloads); a change that
does not load is reported and the previous version goes on serving. --overlay applies an OpenAPI Overlay
(1.0 or 1.1) to the spec first (repeatable, in order; watched too). --delay makes every answer wait that many
milliseconds (a range: a random wait in it per request, reproducible with --seed); 'Prefer: delay=<ms>' (or
'__delay=<ms>') sets one request's wait, 0 for none; at most 60000. Requests are validated as the generated
server validates them (400 with every issue; a refusal the operation documents, its 401 without
credentials, its 422 else 400 for invalid input, is answered with its example, as Prism does, the reasons in
'sl-violations'); --no-validate-request answers one whose parameters or body
break their schemas anyway, as Prism's --validate-request=false, its violations in the 'sl-violations'
header and one line on stderr (credentials, JSON that does not parse and unknown media types are still
refused). With --stateful the mock remembers, as
json-server does: a POST to a collection (/pets) stores its body (its key made where it has none), GET, PUT,
PATCH (JSON Merge Patch, or JSON Patch) and DELETE of its item (/pets/{petId}) read, replace, merge and remove it, and a
GET of the collection lists what is stored (filtered, sorted and paged as its query parameters say, Link headers too), in the spec's
answers' shapes and checked by their schemas (a member sent that would not fit: kept as stored or as
the spec answers it, one line on stderr; a write that still would not fit: the documented 422, else a
422 problem naming the member, nothing kept; a read: the spec's answer, one line on stderr); nested collections keep their own per
parent; an id never stored gets the spec's answer until its collection has had a write, a 404 after; a
request with Prefer gets the spec's answer. The start names the
resources; they are kept in memory only: lost on restart and on a --watch reload. Stop with Ctrl-C.
`;

export async function runMock(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine("mock", {
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      "no-cors": { type: "boolean", default: false },
      "no-callbacks": { type: "boolean", default: false },
      errors: { type: "boolean", default: false },
      dynamic: { type: "boolean", short: "d", default: false },
      seed: { type: "string" },
      "base-path": { type: "string" },
      watch: { type: "boolean", short: "w", default: false },
      overlay: { type: "string", multiple: true },
      delay: { type: "string" },
      "no-example-match": { type: "boolean", default: false },
      "no-validate-request": { type: "boolean", default: false },
      stateful: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw usage(`expected one spec, got ${positionals.length}`, "run 'specforge mock <spec>'");
  const port = portOf(values.port!);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && (!/^\d+$/.test(values.seed!) || !Number.isSafeInteger(seed))) throw usage(`--seed ${values.seed} is not a whole number`, "pass an integer such as --seed 42");
  const spec = positionals[0]!;
  if (values.watch && isRemote(spec)) throw usage(`--watch watches files, and ${spec} is a URL`, "mock a URL without --watch, or watch a downloaded copy");
  const options = { ...values, seed, overlay: overlayFiles(values.overlay), delay: values.delay === undefined ? undefined : parseDelay(values.delay) };
  let mock = await loadMock(spec, options);
  try {
    const listener: RequestListener = (req, res) => mock.listener(req, res);
    const preflight = (req: IncomingMessage) => process.stdout.write(`${printable(req.method ?? "")} ${printable(req.url ?? "")} 204 preflight\n`);
    // the watching stops with the server: on SIGINT/SIGTERM, or when it cannot listen (else the watch kept the process alive)
    const listening = new AbortController();
    const watching = values.watch
      ? watchAndRerun(
          async () => {
            try {
              const next = await loadMock(spec, options);
              const previous = mock;
              mock = next;
              void previous.stop();
              previous.dispose();
              process.stdout.write(`specforge mock: reloaded, ${describe(next)}\n`);
            } catch (e) {
              reportFailure(e);
              process.stderr.write("specforge mock: still serving the previous version: fix the problem(s) above and save again\n");
              // also what the failed run read or missed: fixing the file an error names runs again
              if (e instanceof GenerateError) return { files: [...mock.inputs, ...e.inputs.filter((f) => !isRemote(f))] };
            }
            return { files: mock.inputs };
          },
          (line) => process.stderr.write(`specforge mock: ${line}\n`),
          { initial: mock.inputs, signal: listening.signal },
        )
      : undefined;
    try {
      await serveUntilStopped(values["no-cors"] ? listener : withCors(listener, preflight), port, values.host!, (where) =>
        `specforge mock: ${describe(mock)} listening on ${where}${mock.base ? ` (and under ${printable(mock.base)})` : ""}`);
    } finally {
      listening.abort();
      // a reload under way ends first: the mock it swaps in is the one disposed below
      await watching;
    }
    await mock.stop();
    process.stdout.write("specforge mock: stopped\n");
    return 0;
  } finally {
    mock.dispose();
  }
}

function describe(mock: LoadedMock): string {
  return `${printable(mock.title)} ${printable(mock.version)} (${mock.operations} operations${mock.dynamic ? ", dynamic answers" : ""})`;
}
