/**
 * The TypeScript examples of README.md and docs/*.md type-check against the packages they import: a method,
 * option or field renamed in the generator fails here rather than in a reader's editor. Each ```ts block is a
 * module of one program; names a block leaves to the reader (`customerId`, `db`, `getToken()`) are not
 * errors, everything else is; so are an object's missing members where the block elides them (a `// ...` line).
 * A block importing a package not in PACKAGES fails, unless UNCHECKED names it.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/project.js";

const ROOT = path.join(import.meta.dirname, "../..");
const PAGES = ["README.md", ...readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

/** Module specifiers the examples use -> the package folder (relative to the repo) standing for it. */
const PACKAGES: Record<string, string> = {
  "@acme/okra": "generated/okra",
  // lumyri with `client: { query: true }`, generated in beforeAll (docs/client.md's TanStack example)
  "@specforge-generated/lumyri": "<lumyri>",
  // an account with readOnly and writeOnly members (docs/types.md)
  "@acme/api": "test/fixtures/openapi-30-misc/generated",
};

/** specforge itself as a library (docs/diff.md): its package root, the sources of what it exports. */
const SPECFORGE_ENTRY = "generator/index.ts";

/** Modules an example imports that are not here to check against: what is imported from them is taken as given. */
const ABSENT_MODULES = new Set(["@tanstack/react-query"]);

/**
 * Blocks not checked, each with why: they show another tool's API, or a package of a spec that is not one
 * of ours (its names are made up for the page).
 */
const UNCHECKED: Record<string, string> = {
  "docs/coming-from.md#1": "openapi-fetch's API, shown for comparison",
  "docs/server.md#3": "an example shop spec with webhooks (no such spec here)",
  "docs/server.md#4": "an example shop spec with webhooks (no such spec here)",
  "docs/server.md#5": "an example payments spec with callbacks (no such spec here)",
};

/** Diagnostics about what a block leaves to the reader: a name it does not declare. */
const LEFT_TO_READER = new Set([
  2304, // Cannot find name 'x'.
  2552, // Cannot find name 'x'. Did you mean 'y'?
  18004, // No value exists in scope for the shorthand property 'x'.
]);

/** Diagnostics of an object's missing members, left out where the block writes `// ...` for them. */
const ELIDED = new Set([2739, 2741]);

interface Block {
  id: string;
  page: string;
  line: number;
  code: string;
}

function blocks(): Block[] {
  const out: Block[] = [];
  for (const page of PAGES) {
    const lines = readFileSync(path.join(ROOT, page), "utf8").split("\n");
    let n = 0;
    for (let i = 0; i < lines.length; i++) {
      // a fence indented under a list item too, its lines taken without that indentation
      const indent = /^( *)```ts$/.exec(lines[i]!)?.[1];
      if (indent === undefined) continue;
      const start = i + 1;
      while (i + 1 < lines.length && !lines[i + 1]!.trimStart().startsWith("```")) i++;
      out.push({ id: `${page}#${++n}`, page, line: start + 1, code: lines.slice(start, i + 1).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l)).join("\n") });
    }
  }
  return out;
}

let dir = "";

beforeAll(() => {
  dir = tempDir("specforge-snippets-");
  const config = path.join(dir, "specforge.config.json");
  writeFileSync(config, JSON.stringify({ specs: [{ input: path.join(ROOT, "specs/lumyri.yaml"), output: path.join(dir, "lumyri"), packageName: "@specforge-generated/lumyri", client: { query: true } }] }));
  const r = runCli(["generate", "--config", config, "--quiet"], dir);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("documentation examples", () => {
  it("every ```ts block type-checks against the package it imports", () => {
    const all = blocks();
    const checked = all.filter((b) => !(b.id in UNCHECKED));
    // every exception names a block that exists: a page's blocks renumbered leave none stale
    expect(Object.keys(UNCHECKED).filter((id) => !all.some((b) => b.id === id))).toEqual([]);
    expect(checked.length).toBeGreaterThanOrEqual(10);

    const paths: Record<string, string[]> = {};
    for (const [name, folder] of Object.entries(PACKAGES)) {
      const at = folder === "<lumyri>" ? path.join(dir, "lumyri") : path.join(ROOT, folder);
      paths[name] = [path.join(at, "src/index.ts")];
      paths[`${name}/*`] = [path.join(at, "src/*")];
    }
    paths.specforge = [path.join(ROOT, SPECFORGE_ENTRY)];
    const files = new Map<string, string>();
    for (const b of checked) files.set(path.join(dir, "blocks", `${b.id.replace(/[/#.]/g, "_")}.ts`), `${b.code}\nexport {};\n`);
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
      types: ["node"],
      typeRoots: [path.join(ROOT, "node_modules/@types")],
      skipLibCheck: true,
      paths,
    };
    const host = ts.createCompilerHost(options);
    const read = host.readFile.bind(host);
    host.readFile = (f) => files.get(f) ?? read(f);
    const exists = host.fileExists.bind(host);
    host.fileExists = (f) => files.has(f) || exists(f);
    const program = ts.createProgram([...files.keys()], options, host);

    const problems: string[] = [];
    for (const b of checked) {
      const file = program.getSourceFile(path.join(dir, "blocks", `${b.id.replace(/[/#.]/g, "_")}.ts`))!;
      for (const d of [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]) {
        if (LEFT_TO_READER.has(d.code) || (ELIDED.has(d.code) && /^\s*\/\/ \.\.\./m.test(b.code))) continue;
        const text = ts.flattenDiagnosticMessageText(d.messageText, " ");
        if (d.code === 2307 && [...ABSENT_MODULES].some((m) => text.includes(`'${m}'`))) continue;
        const { line } = file.getLineAndCharacterOfPosition(d.start ?? 0);
        problems.push(`${b.page}:${b.line + line} TS${d.code} ${text}`);
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
