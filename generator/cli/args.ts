/** The command line of each command: parsed one way, and a wrong option is bad input (exit 2), not a crash. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { SpecforgeError, error } from "../diagnostics/diagnostic.js";

/** `parseArgs(config)` for `specforge <command>`; an unknown option or a missing value says so and points at `--help`. */
export function parseCommandLine<const T extends ParseArgsConfig>(command: string, config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    // Node's messages run on with advice for `node` itself ("To specify a positional argument starting with a '-'...").
    throw usage((e as Error).message.split(/\.\s|\n/)[0]!, `run 'specforge ${command} --help'`);
  }
}

export function usage(message: string, help: string): SpecforgeError {
  return new SpecforgeError([error("cli/usage", message, undefined, help)]);
}
