/**
 * One generated package (okra) as a consumer meets it after `npm install`, checked as publint and
 * are-the-types-wrong check packages (neither is a dependency: tsc resolves the entries under each module
 * resolution, as attw does, and rolldown bundles them): its types resolve under each TypeScript
 * `moduleResolution` whose runtime can load it, a bundler keeps only the validators an app imports, the
 * client, validators and Web handler bundle for a browser with nothing of Node in them, and its source and
 * declaration maps point at files the tarball holds. No network: packed and unpacked locally.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { rolldown } from "rolldown";
import { beforeAll, describe, expect, it } from "vitest";
import { TSC, tempDir } from "../helpers/project.js";
import { packGenerated, type PackedPackage } from "../helpers/packed.js";

const dir = tempDir("specforge-published-");
const app = path.join(dir, "app");
let okra: PackedPackage;

beforeAll(() => {
  mkdirSync(app);
  writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  okra = packGenerated("okra", dir, app);
}, 120_000);

/** Every entry point of the package as an import specifier (`@x/okra`, `@x/okra/client`, ...). */
const specifiers = () => Object.keys(okra.manifest.exports).map((e) => (e === "." ? okra.name : `${okra.name}/${e.slice(2)}`));

async function bundle(name: string, source: string, platform: "browser" | "neutral" = "neutral") {
  const input = path.join(app, name);
  writeFileSync(input, source);
  const build = await rolldown({ input, platform, logLevel: "silent" });
  const { output } = await build.generate({ format: "esm", minify: true });
  await build.close();
  return output[0];
}

describe("types resolve where the runtime loads the package", () => {
  // node16's CommonJS is left out: TypeScript refuses a `require` of ES modules there (TS1479), as the
  // package's README says; nodenext (TypeScript 5.8+) accepts it, as Node 20.19+ does.
  const projects = [
    { name: "bundler", file: "use.ts", options: { module: "ESNext", moduleResolution: "bundler" } },
    { name: "node16-esm", file: "use.mts", options: { module: "Node16", moduleResolution: "Node16" } },
    { name: "nodenext-cjs", file: "use.cts", options: { module: "NodeNext", moduleResolution: "NodeNext" } },
    { name: "node10", file: "use.ts", options: { module: "CommonJS", moduleResolution: "node10" } },
  ];
  it.each(projects)("$name: the root and every subpath type-check", ({ name, file, options }) => {
    const project = path.join(app, name);
    mkdirSync(project, { recursive: true });
    const imports = specifiers().map((s, i) => `import * as m${i} from ${JSON.stringify(s)};`);
    writeFileSync(path.join(project, file), [...imports, `export const all = [${imports.map((_, i) => `m${i}`).join(", ")}];`, ""].join("\n"));
    const compilerOptions = { ...options, target: "ES2022", strict: true, noEmit: true, lib: ["ES2022", "DOM"], types: [] };
    writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify({ compilerOptions, files: [file] }));
    const r = spawnSync(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: project, encoding: "utf8" });
    expect(r.stdout).toBe("");
    expect(r.status).toBe(0);
  });
});

describe("a consumer emitting declarations can name what the package gives", () => {
  // `declaration` (and `composite`, which every project of a monorepo's references has) writes each export's
  // inferred type: one declared in a module no exports entry reaches is TS2742 ("cannot be named without a
  // reference to .../dist/client-runtime.js"), the error peers' users hit (kubb#1396, hey-api#2254)
  it("values inferred from the client, operations, validators and server compile with declaration: true", () => {
    const project = path.join(app, "declaration");
    mkdirSync(project, { recursive: true });
    const source = [
      `import { createOkraClient } from ${JSON.stringify(okra.name)};`,
      `import { findCustomer as findEntry } from ${JSON.stringify(`${okra.name}/operations`)};`,
      `import { standardSchema, validateCustomer } from ${JSON.stringify(`${okra.name}/validators`)};`,
      `import { createHandler, createMockHandlers, fastifyPlugin, forbidden, mockSecurity, toExpressMiddleware, toNodeListener } from ${JSON.stringify(`${okra.name}/server`)};`,
      "const api = createOkraClient();",
      "export const findCustomer = api.findCustomer;",
      "export const safeFind = () => api.findCustomer.safe({ body: { key: 'email', value: 'ada@example.com' } });",
      "export const pages = () => api.listCustomers.pages({ body: { limit: 10 } });",
      "export const entry = findEntry;",
      "export const customerSchema = standardSchema(validateCustomer);",
      "export const security = mockSecurity;",
      "export const listener = toNodeListener(createHandler(createMockHandlers(), { security }));",
      // the Express adapter's request type was an interface the runtime did not export (TS4023)
      "export const middleware = toExpressMiddleware(createHandler(createMockHandlers(), { security }));",
      "export const plugin = fastifyPlugin(createHandler(createMockHandlers(), { security }));",
      "export const refuse = () => forbidden();",
      "",
    ].join("\n");
    writeFileSync(path.join(project, "use.ts"), source);
    const compilerOptions = { module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", strict: true, declaration: true, emitDeclarationOnly: true, outDir: "out", lib: ["ES2022", "DOM"], types: [] };
    writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["use.ts"] }));
    const r = spawnSync(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: project, encoding: "utf8" });
    expect(r.stdout).toBe("");
    expect(r.status).toBe(0);
    // the declarations name the package by its specifiers, never by a path into node_modules
    const emitted = readFileSync(path.join(project, "out/use.d.ts"), "utf8");
    expect(emitted).not.toContain("node_modules");
    expect(emitted).toContain(`import("${okra.name}/client-runtime")`);
  });
});

describe("a consumer with exactOptionalPropertyTypes", () => {
  // @tsconfig/strictest turns it on: an option typed `timeoutMs?: number` refuses `timeoutMs: maybe` where
  // maybe is `number | undefined`, though the client reads undefined as not given (peers' users hit this with
  // hey-api#590 and NSwag#4339)
  it("passes possibly-undefined values to the client's options, auth, serverVariables and a call's options", () => {
    const project = path.join(app, "exact-optional");
    mkdirSync(project, { recursive: true });
    const source = [
      `import { createOkraClient, type RequestOptions } from ${JSON.stringify(okra.name)};`,
      "declare const env: { [name: string]: string | undefined };",
      "declare const signal: AbortSignal | undefined;",
      "declare const ms: number | undefined;",
      "declare const tenant: string | undefined;",
      "const api = createOkraClient({",
      "  baseUrl: env.OKRA_URL, timeoutMs: ms, headers: { 'x-tenant': tenant }, retry: { maxAttempts: ms, nonIdempotent: undefined },",
      "  auth: { bearerAuth: env.OKRA_TOKEN }, serverVariables: { host: env.OKRA_HOST },",
      "});",
      "const options: RequestOptions = { signal, timeoutMs: ms, baseUrl: env.TENANT, retry: undefined, reconnect: ms };",
      "export const found = api.findCustomer({ body: { key: 'email', value: 'ada@example.com' } }, options);",
      "",
    ].join("\n");
    writeFileSync(path.join(project, "use.ts"), source);
    const compilerOptions = { module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", strict: true, exactOptionalPropertyTypes: true, noEmit: true, lib: ["ES2022", "DOM"], types: [] };
    writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["use.ts"] }));
    const r = spawnSync(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: project, encoding: "utf8" });
    expect(r.stdout).toBe("");
    expect(r.status).toBe(0);
  });
});

describe("a bundler keeps only the validators an app imports", () => {
  // markers of code that must be left out: the format checkers' character table and idna.ts, and
  // uri-template's checker (Customer's schema has email, uri and date-time, no uri-template)
  const FORMATS_TABLE = "65536";
  const IDNA = "Script=Cherokee";
  const URI_TEMPLATE = "[+#./;?&=,!@|]";

  it("one validator leaves the other schemas' code and the format checkers out", async () => {
    const all = await bundle("all-validators.js", `import * as v from ${JSON.stringify(`${okra.name}/validators`)};\nconsole.log(v);\n`);
    const one = await bundle("one-validator.js", `import { validateListCustomersRequest } from ${JSON.stringify(`${okra.name}/validators`)};\nconsole.log(validateListCustomersRequest({ page: 1, limit: 1 }));\n`);
    const others = new Set([...all.code.matchAll(/#\/components\/schemas\/(\w+)/g)].map((m) => m[1]!).filter((n) => n !== "ListCustomersRequest"));
    expect(others.size).toBeGreaterThan(5);
    expect([...others].filter((n) => one.code.includes(`#/components/schemas/${n}/`))).toEqual([]);
    expect(one.code).not.toContain(FORMATS_TABLE);
    expect(one.code).not.toContain(IDNA);
    expect(one.code.length).toBeLessThan(all.code.length / 10);
  });

  it("a validator with formats keeps the checkers of those formats only", async () => {
    const customer = await bundle("customer.js", `import { validateCustomer } from ${JSON.stringify(`${okra.name}/validators`)};\nconsole.log(validateCustomer({}));\n`);
    expect(customer.code).toContain(FORMATS_TABLE);
    expect(customer.code).not.toContain(URI_TEMPLATE);
  });

  it("responseValidators keeps the response validators, not the request ones", async () => {
    const responses = await bundle("responses.js", `import { responseValidators } from ${JSON.stringify(`${okra.name}/validators`)};\nconsole.log(responseValidators);\n`);
    expect(responses.code).not.toContain("#/components/schemas/ListCustomersRequest/");
  });
});

describe("a bundler keeps only the operations an app imports", () => {
  it("a client of one operation, its entry from ./operations, bundles that entry alone", async () => {
    // every entry of the table has a `responses` field, a property name minifiers keep
    const entries = (code: string) => code.match(/responses:\{/g)?.length ?? 0;
    const whole = await bundle("whole-client.js", `import { createOkraClient } from ${JSON.stringify(`${okra.name}/client`)};\nconsole.log(createOkraClient().findCustomer);\n`);
    const one = await bundle("one-operation.js", [
      `import { createOkraClientWith } from ${JSON.stringify(`${okra.name}/client`)};`,
      `import { findCustomer } from ${JSON.stringify(`${okra.name}/operations`)};`,
      "console.log(createOkraClientWith({ findCustomer }).findCustomer);",
      "",
    ].join("\n"));
    expect(entries(whole.code)).toBe(5);
    expect(entries(one.code)).toBe(1);
    expect(one.code).toContain("/customers/find-customers-by");
    expect(one.code).not.toContain("/customers/list");
  });
});

describe("client, validators and the Web handler bundle for a browser or an edge runtime", () => {
  it("import nothing of Node: no node: module, no process, no bare Buffer", async () => {
    const source = [
      `import { createOkraClient } from ${JSON.stringify(`${okra.name}/client`)};`,
      `import { validateCustomer } from ${JSON.stringify(`${okra.name}/validators`)};`,
      `import { createHandler, createMockHandlers, mockSecurity } from ${JSON.stringify(`${okra.name}/server`)};`,
      "const handler = createHandler(createMockHandlers(), { security: mockSecurity });",
      'const api = createOkraClient({ baseUrl: "https://api.okra.test", fetch: (input, init) => handler(new Request(input, init)) });',
      "export default { fetch: handler, api, validateCustomer };",
      "",
    ].join("\n");
    const web = await bundle("web.js", source, "browser");
    expect(web.imports).toEqual([]);
    expect(web.dynamicImports).toEqual([]);
    expect(web.moduleIds.filter((id) => /^node:|server-runtime[/\\](node|express|fastify)\.js$/.test(id))).toEqual([]);
    // `globalThis.Buffer` where Node has one is a feature test; a bare `Buffer` or `process` would throw
    expect(web.code.match(/(?<![\w$.])(process|Buffer|require)\b/g) ?? []).toEqual([]);
  });
});

describe("maps lead from dist/ to the sources the tarball ships", () => {
  it("every compiled .js and .d.ts has its map, and every map's sources are in the tarball", () => {
    const shipped = new Set(okra.files);
    const compiled = okra.files.filter((f) => f.startsWith("dist/") && /\.(js|d\.ts)$/.test(f) && shipped.has(f.replace(/^dist\//, "src/").replace(/\.(js|d\.ts)$/, ".ts")));
    expect(compiled.length).toBeGreaterThan(10);
    for (const file of compiled) {
      expect(shipped, file).toContain(`${file}.map`);
      const text = readFileSync(path.join(okra.installed, file), "utf8");
      expect(text.trimEnd().split("\n").pop(), file).toBe(`//# sourceMappingURL=${path.posix.basename(file)}.map`);
    }
    for (const map of okra.files.filter((f) => f.endsWith(".map"))) {
      const { sources, sourceRoot = "" } = JSON.parse(readFileSync(path.join(okra.installed, map), "utf8")) as { sources: string[]; sourceRoot?: string };
      for (const source of sources) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(map), sourceRoot, source));
        expect(shipped, `${map} -> ${source}`).toContain(target);
        expect(existsSync(path.join(okra.installed, target))).toBe(true);
      }
    }
  });

  it("the manifest says what a registry shows: engines, README, and the files it names", () => {
    expect(okra.manifest.engines).toEqual({ node: ">=20" });
    expect(okra.files).toContain("README.md");
    expect(okra.manifest.sideEffects).toBe(false);
    for (const entry of Object.values(okra.manifest.exports)) expect(okra.files).toEqual(expect.arrayContaining([entry.types.slice(2), entry.default.slice(2)]));
  });
});
