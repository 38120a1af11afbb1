/**
 * Every generated package as someone installs it from npm: `npm install` (its own devDependencies) and
 * `npm pack` in a copy of the package (prepack builds dist/), then one fresh consumer project installs
 * all five tarballs and imports each entry point from ESM and from CommonJS, and type-checks a consumer
 * file against the published declarations.
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
const APIS = ["okra", "bankingservice", "customer-v3", "lumyri", "onefi"];

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
    APIS.map(async (api) => {
      const copy = path.join(dir, api);
      cpSync(path.join(ROOT, "generated", api), copy, { recursive: true });
      manifests.set(api, JSON.parse(readFileSync(path.join(copy, "package.json"), "utf8")) as Manifest);
      await npm(["install", "--no-audit", "--no-fund"], copy);
      const out = await npm(["pack", "--silent", "--pack-destination", dir], copy);
      return path.join(dir, out.trim().split("\n").pop()!);
    }),
  );
  mkdirSync(app);
  writeFileSync(path.join(app, "package.json"), `${JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2)}\n`);
  await npm(["install", "--no-audit", "--no-fund", ...tarballs, "typescript@5.9.3"], app);
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
});
