#!/usr/bin/env node
/**
 * `specforge` command line. Exit codes: 0 ok, 1 drift found by `--check`, 2 bad input (every problem
 * printed on its own line with file:line:col or a JSON pointer), 70 an internal error (a bug of ours), or a
 * process that ended before its command finished.
 */
import { packageVersion } from "../package-root.js";
import { reportFailure } from "./report-failure.js";

const HELP = `specforge: OpenAPI specs to TypeScript packages

Usage:
  specforge generate                     generate every package the config names
  specforge generate <spec> --out <dir>  generate one package without a config
  specforge init                         write a commented specforge.config.ts and an npm script
  specforge mock <spec> [--port 4010]    serve the spec's mock (examples, validated requests)
  specforge proxy <spec> <upstream-url>  forward to a real server, checking requests and answers against the spec
  specforge diff <base> <head>           classify the changes between two versions of a spec
  specforge lint <spec...>               lint specs (rules: docs/rules.md)
  specforge bundle <spec> [-o <file>]    one file with every $ref local (for tools that read one file)
  specforge join <spec> <spec>...        several specs as one (a spec per service, one for the gateway)
  specforge --version | --help

Run 'specforge <command> --help' for a command's options.
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === "--version" || command === "-v") {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  // Commands are loaded on demand: generation pulls in TypeScript and prettier (over a second to import).
  if (command === "generate") return (await import("./generate.js")).runGenerate(rest);
  if (command === "init") return (await import("./init.js")).runInit(rest);
  if (command === "mock") return (await import("./mock.js")).runMock(rest);
  if (command === "proxy") return (await import("./proxy.js")).runProxy(rest);
  if (command === "diff") return (await import("./diff.js")).runDiff(rest);
  if (command === "lint") return (await import("./lint.js")).runLint(rest);
  if (command === "bundle") return (await import("./bundle.js")).runBundle(rest);
  if (command === "join") return (await import("./join.js")).runJoin(rest);
  process.stderr.write(`specforge: unknown command '${command}' (run 'specforge --help')\n`);
  return 2;
}

// A reader that stops early (`specforge bundle api.yaml | head`) closes the pipe: the rest of the output has
// nowhere to go and is dropped, and the command ends as it would have, with its own exit code (a mock goes on
// serving), not with a stack trace of the write that failed.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    stream.write = (() => true) as typeof stream.write;
  });
}

// Node ends a process once nothing is left to run, even while main still awaits a promise nothing can settle
// now (a lint function of the user's that never resolves, say): that end would pass for success with nothing
// reported. Until main settles, the end of the process is a failure that says so.
let settled = false;
process.once("exit", () => {
  if (settled) return;
  process.exitCode = 70;
  process.stderr.write(`specforge ${process.argv[2]}: the process ended before the command finished (it awaited a promise nothing can settle now, or something ended the process early): what it found is lost\n`);
});

main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.exitCode = reportFailure(e) ? 2 : 70;
    },
  )
  .finally(() => {
    settled = true;
    // The command is done (a server or watcher settles main only once stopped); what it leaves running, such
    // as a timer of a lint function that ran out of time, does not keep the process alive past a short grace.
    // Output still on its way (a pipe to a slow reader) is waited for: exiting would cut it short.
    const leave = (): void => void (process.stdout.writableLength || process.stderr.writableLength ? setTimeout(leave, 100).unref() : process.exit());
    setTimeout(leave, 1000).unref();
  });
