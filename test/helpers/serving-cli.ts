/** `specforge mock` / `specforge proxy` as a user starts them: a real process, its stdout read line by line. */
import { spawn, type ChildProcess } from "node:child_process";
import { CLI, ROOT } from "./project.js";

export interface ServingCli {
  child: ChildProcess;
  /** The URL its "listening on" line names. */
  url: string;
  /** Every stdout line so far (it keeps growing). */
  lines: string[];
}

/** Starts `specforge <command> ...args` and resolves once it says where it listens. */
export function startServingCli(command: "mock" | "proxy", args: string[]): Promise<ServingCli> {
  const child = spawn(process.execPath, [CLI, command, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    let buffer = "";
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split("\n");
      buffer = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        const m = /listening on (http:\/\/[^\s,]+)/.exec(line);
        if (m) resolve({ child, url: m[1]!, lines });
      }
    });
    child.once("exit", (code) => reject(new Error(`${command} exited with ${code}`)));
  });
}

export const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

/** Every stderr line of `child` from now on (the list keeps growing). */
export function stderrLines(child: ChildProcess): string[] {
  const lines: string[] = [];
  let buffer = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    const parts = (buffer + chunk).split("\n");
    buffer = parts.pop()!;
    lines.push(...parts);
  });
  return lines;
}

/** Waits until `done` holds, at most `ms` (a line the process writes after its answer; a reload takes longer). */
export async function until(done: () => boolean, ms = 2000): Promise<void> {
  for (const started = Date.now(); !done() && Date.now() - started < ms; ) await new Promise((r) => setTimeout(r, 10));
}
