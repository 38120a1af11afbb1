/**
 * `specforge mock <spec>`: serves the spec's mock on 127.0.0.1 (or `--host`). The server target is
 * generated in memory, written to a temporary folder as JavaScript (TypeScript's `transpileModule`, type
 * erasure only) and imported: the spec's text stays data in that code, as in any generated package.
 * Requests are validated, credentials must be present as each operation's security requires (any value
 * passes), each request is logged in one line, browsers on other origins may call it (CORS, as Prism),
 * and SIGINT/SIGTERM stop it cleanly.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { formatDiagnostic } from "../diagnostics/diagnostic.js";
import { parseCommandLine, usage } from "./args.js";
import { generate } from "../pipeline.js";
import { withCors } from "./mock-cors.js";

const HELP = `Usage:
  specforge mock <spec> [--port 4010] [--host 127.0.0.1] [--no-cors]

Serves every operation of <spec> with its examples (or data synthesized from its schemas). Pick an answer
with the request header 'Prefer: code=404' or 'Prefer: example=<name>' (or the query's '__code=404',
'__example=<name>'). Browsers on other origins may call it (CORS) unless --no-cors. Stop with Ctrl-C.
`;

interface MockModule {
  createHandler(handlers: unknown, options: unknown): unknown;
  createMockHandlers(): unknown;
  mockSecurity: unknown;
  toNodeListener(handler: unknown): Parameters<typeof createServer>[1];
}

export async function runMock(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine("mock", {
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      "no-cors": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw usage(`expected one spec, got ${positionals.length}`, "run 'specforge mock <spec>'");
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usage(`--port ${values.port} is not a port number`, "pass an integer from 0 to 65535");

  const result = await generate({ input: positionals[0]!, targets: ["server"], packageName: "specforge-mock" });
  for (const w of result.warnings) process.stderr.write(`${formatDiagnostic(w)}\n`);
  const dir = mkdtempSync(path.join(os.tmpdir(), "specforge-mock-"));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');
    for (const f of result.files) {
      if (!f.path.startsWith("src/") || f.path.endsWith(".d.ts")) continue;
      const out = path.join(dir, f.path.replace(/\.ts$/, ".js"));
      mkdirSync(path.dirname(out), { recursive: true });
      const text = f.path.endsWith(".ts")
        ? ts.transpileModule(f.contents, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } }).outputText
        : f.contents;
      writeFileSync(out, text);
    }
    const mod = (await import(pathToFileURL(path.join(dir, "src", "server.js")).href)) as MockModule;
    const handler = mod.createHandler(mod.createMockHandlers(), {
      security: mod.mockSecurity,
      validateResponses: true,
      onResponse: (r: { method: string; url: string; status: number; operation?: string; ms: number }) =>
        process.stdout.write(`${printable(r.method)} ${printable(r.url)} ${r.status}${r.operation ? ` ${printable(r.operation)}` : ""} ${r.ms} ms\n`),
      onError: (e: unknown, ctx: { operation: string }) => process.stderr.write(`${ctx.operation}: ${e instanceof Error ? e.message : String(e)}\n`),
    });
    const listener = mod.toNodeListener(handler)!;
    const preflight = (req: IncomingMessage) => process.stdout.write(`${printable(req.method ?? "")} ${printable(req.url ?? "")} 204 preflight\n`);
    const server = createServer(values["no-cors"] ? listener : withCors(listener, preflight));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, values.host, () => resolve());
    }).catch((e: NodeJS.ErrnoException) => {
      throw usage(`cannot listen on ${values.host}:${port}: ${e.code ?? e.message}`, "choose another --port or --host");
    });
    const address = server.address();
    const where = typeof address === "object" && address ? `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}` : String(address);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        server.close(() => resolve());
        server.closeAllConnections();
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
      // Announced once the signals are handled: whoever waits for this line may stop us at once.
      process.stdout.write(`specforge mock: ${printable(result.ir.title)} ${printable(result.ir.version)} (${result.ir.operations.length} operations) listening on ${where}\n`);
    });
    process.stdout.write("specforge mock: stopped\n");
    return 0;
  } finally {
    cleanup();
  }
}

/** Spec and request text on one terminal line: control characters (escape sequences, line breaks) shown as `\\uXXXX`. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
