/**
 * The command line as README.md and docs/*.md write it: an option written after `specforge <command>` (in a
 * shell block, or one inline code span) is one that command's `--help` lists, every option a `--help` lists
 * is named in the docs, and each `specforge.config.{...}` list, in the docs or a `--help`, names the files
 * the config is looked up as. An option renamed, added or dropped on one side fails here, not on a reader.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CONFIG_NAMES } from "../../generator/config/config.js";
import { runCli } from "../helpers/project.js";

const ROOT = path.join(import.meta.dirname, "../..");
const PAGES = ["README.md", ...readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
const COMMANDS = ["generate", "init", "lint", "diff", "mock", "proxy", "bundle", "join"] as const;

/** `--long` and `-s` options in a text (not the `-` inside words such as `x-internal`, nor `--` alone). */
const options = (text: string): string[] => text.match(/(?<![\w-])(?:--[a-z][a-z0-9-]*|-[a-z](?![\w-]))/g) ?? [];

/** Each command written in the docs with what follows it: a shell line (its comment cut) or an inline code span. */
function commandsInDocs(): { where: string; command: string; rest: string }[] {
  const out: { where: string; command: string; rest: string }[] = [];
  for (const page of PAGES) {
    let fenced = false;
    readFileSync(path.join(ROOT, page), "utf8")
      .split("\n")
      .forEach((line, i) => {
        if (line.trimStart().startsWith("```")) return void (fenced = !fenced);
        const spans = fenced ? [line.split(/\s#\s/)[0]!] : [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
        for (const span of spans) {
          const m = /\bspecforge (generate|init|lint|diff|mock|proxy|bundle|join)\b(.*)/.exec(span);
          if (m) out.push({ where: `${page}:${i + 1}`, command: m[1]!, rest: m[2]! });
        }
      });
  }
  return out;
}

const help: Record<string, string> = {};

beforeAll(() => {
  for (const command of COMMANDS) {
    const r = runCli([command, "--help"]);
    expect(r.status, `${command} --help`).toBe(0);
    help[command] = r.stdout;
  }
}, 60_000);

describe("the documented command line", () => {
  it("every option written after `specforge <command>` is one its --help lists", () => {
    const unknown = commandsInDocs().flatMap(({ where, command, rest }) =>
      options(rest)
        .filter((o) => !options(help[command]!).includes(o))
        .map((o) => `${where} specforge ${command} ${o}`),
    );
    expect(unknown).toEqual([]);
  });

  it("every option a --help lists is named in the docs", () => {
    const docs = PAGES.map((p) => readFileSync(path.join(ROOT, p), "utf8")).join("\n");
    const named = new Set(options(docs));
    const missing = COMMANDS.flatMap((c) => options(help[c]!).filter((o) => o.startsWith("--") && o !== "--help" && !named.has(o)).map((o) => `${c} ${o}`));
    expect(missing).toEqual([]);
  });

  it("every specforge.config.{...} list names the files a config is looked up as", () => {
    const want = CONFIG_NAMES.map((n) => n.replace("specforge.config.", "")).sort();
    const texts = [...PAGES.map((p) => [p, readFileSync(path.join(ROOT, p), "utf8")]), ...COMMANDS.map((c) => [`specforge ${c} --help`, help[c]!])];
    const wrong = texts.flatMap(([where, text]) =>
      [...text!.matchAll(/specforge\.config\.\{([^}]+)\}/g)].filter((m) => m[1]!.split(",").sort().join() !== want.join()).map((m) => `${where}: ${m[0]}`),
    );
    expect(wrong).toEqual([]);
  });
});
