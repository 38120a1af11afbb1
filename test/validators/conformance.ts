/**
 * Runs the official JSON-Schema-Test-Suite (draft 2020-12, copied in test/json-schema-test-suite/ with its
 * LICENSE) through the generator's own compile path: each test file becomes an OpenAPI 3.1 spec whose
 * components are the file's test schemas; the validators target is generated from the spec's URL,
 * compiled to JavaScript and imported, and every test's data is validated.
 *
 * The suite's `remotes/` (which refRemote and vocabulary tests reach at `http://localhost:1234/`) are
 * served by a real HTTP server on 127.0.0.1, beside the specs themselves: the server's own origin (an
 * ephemeral port) stands for `http://localhost:1234` in the served documents and in the test files
 * alike, as the suite's other runners do with a registry. specforge fetches a spec's refs inside the
 * spec's folder, which is the server's root.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { generate } from "../../generator/pipeline.js";
import { importableSources, ROOT } from "../helpers/project.js";

export const SUITE = path.join(ROOT, "test/json-schema-test-suite/tests/draft2020-12");

export interface Group {
  description: string;
  schema: unknown;
  tests: Array<{ description: string; data: unknown; valid: boolean }>;
}

export interface FileResult {
  file: string;
  passed: number;
  total: number;
  /** Test groups that could not be generated at all, with the reason. */
  errors: string[];
  failures: string[];
}

type Raw = ((data: unknown) => boolean) & { errors?: unknown };

const REMOTES = path.join(ROOT, "test/json-schema-test-suite/remotes");
export const SUITE_ORIGIN = "http://localhost:1234";

/** The suite's remotes and the specs under test, served over HTTP; `origin` stands for `http://localhost:1234`. */
export interface SuiteServer {
  origin: string;
  /** Serves `text` at `/<name>` and returns its URL. */
  publish(name: string, text: string): string;
  close(): Promise<void>;
}

export async function serveSuite(): Promise<SuiteServer> {
  const specs = new Map<string, string>();
  let origin = "";
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", origin).pathname);
    let text = specs.get(pathname);
    if (text === undefined) {
      const file = path.join(REMOTES, pathname);
      try {
        if (!file.startsWith(REMOTES + path.sep)) throw new Error("outside the remotes");
        text = readFileSync(file, "utf8").split(SUITE_ORIGIN).join(origin);
      } catch {
        res.writeHead(404).end();
        return;
      }
    }
    res.writeHead(200, { "content-type": "application/json" }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    publish(name, text) {
      specs.set(`/${name}`, text);
      return `${origin}/${name}`;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

/** Gives an `$id` to a schema without one, so `#` refers to the schema, not to the OpenAPI document. */
export function asResource(schema: unknown, id: string): unknown {
  if (typeof schema !== "object" || schema === null || "$id" in schema) return schema;
  return { $id: id, ...(schema as object) };
}

async function compileGroups(server: SuiteServer, groups: Group[], name: string): Promise<Record<string, Raw> | string> {
  const spec = {
    openapi: "3.1.0",
    info: { title: name, version: "1.0.0" },
    paths: {},
    components: { schemas: Object.fromEntries(groups.map((g, i) => [`T${i}`, asResource(g.schema, `https://specforge.test/${name}/${i}.json`)])) },
  };
  const input = server.publish(`${name}.openapi.json`, JSON.stringify(spec));
  let files;
  try {
    ({ files } = await generate({ input, targets: ["validators"] }));
  } catch (e) {
    return (e as Error).message.split("\n")[0] ?? "generation failed";
  }
  const sources = importableSources(files);
  const api = (await import(pathToFileURL(path.join(sources, "validators.js")).href)) as Record<string, (v: unknown) => { ok: boolean }>;
  // The public API, as users call it: `validateT3(data).ok`.
  return Object.fromEntries(groups.map((_, i) => [`T${i}`, (data: unknown) => api[`validateT${i}`]!(data).ok])) as Record<string, Raw>;
}

export async function runSuiteFile(server: SuiteServer, file: string): Promise<FileResult> {
  // Schemas and data alike: `http://localhost:1234/...` names the server's documents (an `enum` may hold such a URL too).
  const groups = JSON.parse(readFileSync(file, "utf8").split(SUITE_ORIGIN).join(server.origin)) as Group[];
  const name = path.relative(SUITE, file).replace(/\.json$/, "").replace(/[^a-z0-9]+/gi, "-");
  const result: FileResult = { file: path.relative(SUITE, file), passed: 0, total: 0, errors: [], failures: [] };
  let compiled = await compileGroups(server, groups, name);
  // One bad schema must not sink the whole file: on failure, compile each group alone.
  const perGroup: Array<Record<string, Raw> | string> = typeof compiled === "string"
    ? await Promise.all(groups.map((g, i) => compileGroups(server, [g], `${name}-${i}`)))
    : groups.map(() => compiled as Record<string, Raw>);
  groups.forEach((group, i) => {
    const module = perGroup[i]!;
    const validate = typeof module === "string" ? undefined : typeof compiled === "string" ? module.T0 : module[`T${i}`];
    for (const t of group.tests) {
      result.total++;
      if (!validate) continue;
      let valid: boolean;
      try {
        valid = validate(t.data) === true;
      } catch (e) {
        result.failures.push(`${group.description} / ${t.description}: threw ${(e as Error).message}`);
        continue;
      }
      if (valid === t.valid) result.passed++;
      else result.failures.push(`${group.description} / ${t.description}: expected ${t.valid ? "valid" : "invalid"}`);
    }
    if (typeof module === "string") result.errors.push(`${group.description}: ${module}`);
  });
  compiled = "";
  return result;
}

export function suiteFiles(sub = ""): string[] {
  const dir = path.join(SUITE, sub);
  return readdirSync(dir).filter((f) => f.endsWith(".json")).sort().map((f) => path.join(dir, f));
}
