/**
 * Every generated package, and the fixtures whose text or target older TypeScript versions stumbled on,
 * as someone installs it from npm: `npm install` (its own devDependencies) and `npm pack` in a copy of the
 * package (prepack builds dist/), then one fresh consumer project installs all the tarballs and imports each
 * entry point from ESM and from CommonJS, and type-checks a consumer file against the published
 * declarations, with the oldest TypeScript 5 as well.
 */
import { execFile } from "node:child_process";
import { cpSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers/project.js";

const exec = promisify(execFile);
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const ENV = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1" };
// each package's folder under the repository, by a name for it: hostile's enum holds a raw U+2028,
// tanstack-query's infinite query keys are tuples
const APIS: Record<string, string> = {
  ...Object.fromEntries(["okra", "bankingservice", "customer-v3", "lumyri", "onefi"].map((api) => [api, `generated/${api}`])),
  hostile: "test/fixtures/hostile/generated",
  "tanstack-query": "test/fixtures/tanstack-query/generated",
};
/** The oldest TypeScript the packages' declarations are read with (`export type *` in them needs 5.0). */
const OLDEST_TYPESCRIPT = "5.0.4";

interface Manifest {
  name: string;
  exports: Record<string, { types: string; default: string }>;
  dependencies?: Record<string, string>;
}

const dir = tempDir("specforge-consumer-");
const app = path.join(dir, "consumer");
const manifests = new Map<string, Manifest>();

async function npm(args: string[], cwd: string): Promise<string> {
  const { stdout } = await exec(NPM, args, { cwd, env: ENV, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

beforeAll(async () => {
  const tarballs = await Promise.all(
    Object.entries(APIS).map(async ([api, folder]) => {
      const copy = path.join(dir, api);
      cpSync(path.join(ROOT, folder), copy, { recursive: true });
      manifests.set(api, JSON.parse(readFileSync(path.join(copy, "package.json"), "utf8")) as Manifest);
      await npm(["install", "--no-audit", "--no-fund"], copy);
      const out = await npm(["pack", "--silent", "--pack-destination", dir], copy);
      return path.join(dir, out.trim().split("\n").pop()!);
    }),
  );
  mkdirSync(app);
  writeFileSync(path.join(app, "package.json"), `${JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2)}\n`);
  await npm(["install", "--no-audit", "--no-fund", ...tarballs, "typescript@5.9.3", `typescript-oldest@npm:typescript@${OLDEST_TYPESCRIPT}`], app);
}, 300_000);

describe("published generated packages", () => {
  it("declare no runtime dependency and ship built entry points", () => {
    for (const [api, m] of manifests) {
      expect(m.dependencies, api).toBeUndefined();
      for (const [entry, target] of Object.entries(m.exports)) {
        const installed = path.join(app, "node_modules", m.name);
        expect(() => readFileSync(path.join(installed, target.default)), `${api} ${entry}`).not.toThrow();
        expect(() => readFileSync(path.join(installed, target.types)), `${api} ${entry}`).not.toThrow();
      }
    }
  });

  it("import from ESM and require from CommonJS, every entry point", async () => {
    const specifiers = [...manifests.values()].flatMap((m) => Object.keys(m.exports).map((e) => (e === "." ? m.name : `${m.name}/${e.slice(2)}`)));
    writeFileSync(
      path.join(app, "esm.mjs"),
      `for (const s of ${JSON.stringify(specifiers)}) { const m = await import(s); console.log(s, Object.keys(m).length); }\n`,
    );
    writeFileSync(
      path.join(app, "cjs.cjs"),
      `for (const s of ${JSON.stringify(specifiers)}) { const m = require(s); console.log(s, Object.keys(m).length); }\n`,
    );
    for (const file of ["esm.mjs", "cjs.cjs"]) {
      const { stdout } = await exec(process.execPath, ["--no-warnings", file], { cwd: app, env: ENV });
      const lines = stdout.trim().split("\n");
      expect(lines, file).toHaveLength(specifiers.length);
      // every entry exports something at runtime, except `./types` (types only)
      for (const line of lines) if (!line.includes("/types ")) expect(Number(line.split(" ").pop()), `${file}: ${line}`).toBeGreaterThan(0);
    }
  });

  it("run a client call against the package's own mock on 127.0.0.1", async () => {
    const okra = manifests.get("okra")!.name;
    writeFileSync(
      path.join(app, "mock-call.mjs"),
      [
        'import { createServer } from "node:http";',
        `import { createOkraClient } from ${JSON.stringify(okra)};`,
        `import { createHandler, createMockHandlers, mockSecurity, toNodeListener } from ${JSON.stringify(`${okra}/server`)};`,
        "const server = createServer(toNodeListener(createHandler(createMockHandlers(), { security: mockSecurity })));",
        'await new Promise((r) => server.listen(0, "127.0.0.1", r));',
        "const api = createOkraClient({ baseUrl: `http://127.0.0.1:${server.address().port}`, auth: { bearerAuth: \"t\" } });",
        "const page = await api.listCustomers({ body: { page: 1, limit: 1 } });",
        "const denied = await createOkraClient({ baseUrl: `http://127.0.0.1:${server.address().port}` }).listCustomers({ body: { page: 1 } }).catch((e) => e.status);",
        "server.close();",
        "console.log(JSON.stringify({ status: page.status, customers: page.data.customers.length, denied }));",
      ].join("\n"),
    );
    const { stdout } = await exec(process.execPath, ["mock-call.mjs"], { cwd: app, env: ENV });
    expect(JSON.parse(stdout)).toEqual({ status: "success", customers: 1, denied: 401 });
  });

  it("type-check a consumer that uses the client, validators and types", async () => {
    const okra = manifests.get("okra")!.name;
    writeFileSync(
      path.join(app, "use.ts"),
      [
        `import { createOkraClient, validateCustomer, type Customer } from ${JSON.stringify(okra)};`,
        `import type { ListCustomersRequest } from ${JSON.stringify(`${okra}/types`)};`,
        `const api = createOkraClient({ baseUrl: "http://127.0.0.1:1", auth: { bearerAuth: "t" } });`,
        "const request: ListCustomersRequest = { page: 1, limit: 10 };",
        "export async function run(): Promise<Customer | undefined> {",
        "  const page = await api.listCustomers({ body: request });",
        "  const first = page.data.customers[0];",
        "  const checked = validateCustomer(first);",
        "  return checked.ok ? checked.value : undefined;",
        "}",
        "// @ts-expect-error: a body the spec does not allow",
        "void api.listCustomers({ body: { page: 'one' } });",
        "",
      ].join("\n"),
    );
    writeFileSync(
      path.join(app, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", strict: true, noEmit: true, lib: ["ES2022", "DOM"] }, files: ["use.ts"] }),
    );
    const tsc = await exec(process.execPath, [path.join(app, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: app, env: ENV }).then(
      () => ({ code: 0, out: "" }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    );
    expect(tsc.out).toBe("");
    expect(tsc.code).toBe(0);
  });

  it(`every entry point's declarations compile with TypeScript ${OLDEST_TYPESCRIPT}, its strictest options and library checks on`, async () => {
    // TypeScript before 5.3 ended a string literal at a raw U+2028 (TS1002), and before 5.2 refused a tuple
    // mixing named and unnamed members (TS5084): both were in published declarations
    const specifiers = [...manifests.values()].flatMap((m) => Object.keys(m.exports).map((e) => (e === "." ? m.name : `${m.name}/${e.slice(2)}`)));
    const project = path.join(app, "oldest");
    mkdirSync(project);
    const imports = specifiers.map((s, i) => `import * as m${i} from ${JSON.stringify(s)};`);
    writeFileSync(path.join(project, "all.ts"), [...imports, `export const all = [${imports.map((_, i) => `m${i}`).join(", ")}];`, ""].join("\n"));
    const strictest = { strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, verbatimModuleSyntax: true, skipLibCheck: false };
    const compilerOptions = { module: "ESNext", moduleResolution: "bundler", target: "ES2022", noEmit: true, lib: ["ES2022", "DOM"], types: [], ...strictest };
    writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["all.ts"] }));
    const tsc = path.join(app, "node_modules/typescript-oldest/bin/tsc");
    expect((await exec(process.execPath, [tsc, "-v"], { env: ENV })).stdout.trim()).toBe(`Version ${OLDEST_TYPESCRIPT}`);
    const result = await exec(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: project, env: ENV }).then(
      () => ({ code: 0, out: "" }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    );
    expect(result.out).toBe("");
    expect(result.code).toBe(0);
  });
});
