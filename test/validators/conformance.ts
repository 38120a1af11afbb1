/**
 * Runs the official JSON-Schema-Test-Suite (draft 2020-12, copied in test/json-schema-test-suite/ with its
 * LICENSE) through the generator's own compile path: each test file becomes an OpenAPI 3.1 spec whose
 * components are the file's test schemas; the validators target is generated, compiled to JavaScript
 * and imported, and every test's data is validated.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { stringify } from "yaml";
import { generate } from "../../generator/pipeline.js";
import { importableSources, ROOT, tempDir } from "../helpers/project.js";

export const SUITE = path.join(ROOT, "test/json-schema-test-suite/tests/draft2020-12");

interface Group {
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

/** Gives an `$id` to a schema without one, so `#` refers to the schema, not to the OpenAPI document. */
function asResource(schema: unknown, id: string): unknown {
  if (typeof schema !== "object" || schema === null || "$id" in schema) return schema;
  return { $id: id, ...(schema as object) };
}

async function compileGroups(dir: string, groups: Group[], name: string): Promise<Record<string, Raw> | string> {
  const spec = {
    openapi: "3.1.0",
    info: { title: name, version: "1.0.0" },
    paths: {},
    components: { schemas: Object.fromEntries(groups.map((g, i) => [`T${i}`, asResource(g.schema, `https://specforge.test/${name}/${i}.json`)])) },
  };
  mkdirSync(dir, { recursive: true });
  const input = path.join(dir, "openapi.yaml");
  writeFileSync(input, stringify(spec));
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

export async function runSuiteFile(file: string): Promise<FileResult> {
  const groups = JSON.parse(readFileSync(file, "utf8")) as Group[];
  const name = path.relative(SUITE, file).replace(/\.json$/, "").replace(/[^a-z0-9]+/gi, "-");
  const result: FileResult = { file: path.relative(SUITE, file), passed: 0, total: 0, errors: [], failures: [] };
  const base = tempDir("specforge-jsts-");
  let compiled = await compileGroups(path.join(base, "all"), groups, name);
  // One bad schema must not sink the whole file: on failure, compile each group alone.
  const perGroup: Array<Record<string, Raw> | string> = typeof compiled === "string"
    ? await Promise.all(groups.map((g, i) => compileGroups(path.join(base, `g${i}`), [g], `${name}-${i}`)))
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
