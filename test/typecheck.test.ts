/**
 * Every golden package type-checks under `tsc --strict`, with the package's own tsconfig options, and the
 * client without Node's types (web APIs only). The types target makes no runtime code at all; the client
 * target does, and the hostile fixture proves spec text is only ever data in it: no spec string stands
 * outside a string literal or a comment, and importing the client, creating it and calling every method
 * runs none of it.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { goldenJobs, listFiles, ROOT, TSC, tempDir, typecheckPackages } from "./helpers/project.js";

const jobs = goldenJobs();

describe("generated packages", () => {
  it("type-check under tsc --strict with their own compiler options", () => {
    const own = JSON.parse(readFileSync(path.join(jobs[0]!.out, "tsconfig.json"), "utf8")) as { compilerOptions: Record<string, unknown> };
    expect(own.compilerOptions.strict).toBe(true);
    // emit options (one run over many packages emits nothing): what is left is how the packages are checked
    const { rootDir: _r, outDir: _o, declaration: _d, declarationMap: _m, sourceMap: _s, ...options } = own.compilerOptions;
    const r = typecheckPackages(jobs.map((j) => j.out), options);
    expect(r.output).toBe("");
    expect(r.status).toBe(0);
  });

  it("type-check broken code as broken (the check above can fail)", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "bad.ts"), 'import type { Customer } from "' + path.join(jobs[0]!.out, "src/types.js") + '";\nconst c: Customer = { nope: 1 };\nexport { c };\n');
    writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022" }, files: ["bad.ts"] }));
    const r = spawnSync(process.execPath, [TSC, "-p", path.join(dir, "tsconfig.json")], { encoding: "utf8" });
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/TS2353|TS2322|TS2739/);
  });

  it("the clients type-check with web APIs only (no Node types: no process, Buffer, require, node: imports)", () => {
    const r = typecheckPackages(jobs.map((j) => j.out), { types: [] });
    expect(r.output).toBe("");
    expect(r.status).toBe(0);
    const withClient = jobs.filter((j) => !j.options.targets || j.options.targets.includes("client"));
    expect(withClient.length).toBeGreaterThan(15);
    for (const j of withClient) expect(readFileSync(path.join(j.out, "src/client-runtime.ts"), "utf8")).not.toMatch(/\bfrom "node:|\brequire\(|\bprocess\.|\bBuffer\b/);
  });

  // `// @ts-nocheck` spares a consumer's tsc the runtime's bodies (bench/typecheck.mjs); they are checked here
  it("each client runtime type-checks under strict, web APIs only, without its @ts-nocheck (which a consumer's tsc honours)", () => {
    const runtimes = new Map<string, string>();
    for (const j of jobs) {
      const file = path.join(j.out, "src/client-runtime.ts");
      if (!existsSync(file)) continue;
      const text = readFileSync(file, "utf8");
      // TypeScript reads the directive only among the comments before the first statement
      const leading = (ts.getLeadingCommentRanges(text, 0) ?? []).map((c) => text.slice(c.pos, c.end));
      expect(leading, `${file}: no @ts-nocheck before its first statement`).toContain("// @ts-nocheck");
      runtimes.set(text.replace(/^\/\/ @ts-nocheck\n/m, ""), j.out);
    }
    expect(runtimes.size).toBeGreaterThan(5);
    const dir = tempDir();
    const packages = [...runtimes].map(([text, out], i) => {
      const src = path.join(dir, `variant-${i}/src`);
      mkdirSync(src, { recursive: true });
      writeFileSync(path.join(src, "client-runtime.ts"), text);
      expect(text).not.toContain("@ts-nocheck");
      // what a runtime imports besides itself
      if (text.includes('from "./dates-runtime.js"')) copyFileSync(path.join(out, "src/dates-runtime.ts"), path.join(src, "dates-runtime.ts"));
      return path.dirname(src);
    });
    const r = typecheckPackages(packages, { types: [] });
    expect(r.output).toBe("");
    expect(r.status).toBe(0);
    // the check can fail: a type error in a body is found once the directive is gone, and not before
    const broken = `${[...runtimes.keys()][0]}\nexport function broken(): number { return "x"; }\n`;
    writeFileSync(path.join(packages[0]!, "src/client-runtime.ts"), broken);
    expect(typecheckPackages([packages[0]!], { types: [] }).output).toMatch(/TS2322/);
    writeFileSync(path.join(packages[0]!, "src/client-runtime.ts"), readFileSync(path.join([...runtimes.values()][0]!, "src/client-runtime.ts"), "utf8") + broken.slice(broken.lastIndexOf("\nexport function broken")));
    expect(typecheckPackages([packages[0]!], { types: [] })).toEqual({ status: 0, output: "" });
  });

  // src/server-table.js is JavaScript so that a consumer's tsc skips its literals; here they are checked
  // against the types its declaration gives them, as they were while they stood in server.ts
  it("each server's route table and mock data are what server-table.d.ts declares", () => {
    const dir = tempDir();
    const annotate = (js: string, runtime: string) =>
      `import type { MockResponses, ServerSpec } from ${JSON.stringify(runtime)};\n` +
      js
        .replace(/^export const (serverSpec|webhookSpec) = /gm, "export const $1: ServerSpec = ")
        .replace(/^export const mockData = /m, "export const mockData: { readonly [operation: string]: MockResponses } = ");
    const packages = jobs
      .filter((j) => existsSync(path.join(j.out, "src/server-table.js")))
      .map((j, i) => {
        const src = path.join(dir, `table-${i}/src`);
        mkdirSync(src, { recursive: true });
        // every package's runtime is the template's: one copy to check against
        const ts = annotate(readFileSync(path.join(j.out, "src/server-table.js"), "utf8"), path.join(ROOT, "templates/server/runtime/index.js"));
        expect(ts.match(/: ServerSpec = |: \{ readonly \[operation: string\]: MockResponses \} = /g)?.length, j.name).toBeGreaterThanOrEqual(2);
        writeFileSync(path.join(src, "server-table.ts"), ts);
        return path.dirname(src);
      });
    expect(packages.length).toBeGreaterThan(15);
    expect(typecheckPackages(packages, { types: [] })).toEqual({ status: 0, output: "" });
    // the check can fail: a path that is no list of segments is found
    const first = path.join(packages[0]!, "src/server-table.ts");
    writeFileSync(first, readFileSync(first, "utf8").replace(/path: \[[^\]]*\]/, "path: 42"));
    expect(typecheckPackages([packages[0]!], { types: [] }).output).toMatch(/TS2322/);
  });

  // src/validators.js is JavaScript so that a consumer's tsc reads only validators.d.ts; here the two are put
  // back together (each function and table of the .js given its declared type) and checked as one module
  it("each package's validators.js is what validators.d.ts declares", () => {
    const dir = tempDir();
    const packages = jobs
      .filter((j) => existsSync(path.join(j.out, "src/validators.js")))
      .map((j, i) => {
        const src = path.join(dir, `validators-${i}/src`);
        cpSync(path.join(j.out, "src"), src, { recursive: true, filter: (f) => !/[\\/]validators\.(js|d\.ts)$/.test(f) });
        const merged = typedValidators(readFileSync(path.join(j.out, "src/validators.js"), "utf8"), readFileSync(path.join(j.out, "src/validators.d.ts"), "utf8"));
        writeFileSync(path.join(src, "validators.ts"), merged);
        return path.dirname(src);
      });
    expect(packages.length).toBeGreaterThan(15);
    expect(typecheckPackages(packages, { types: [] })).toEqual({ status: 0, output: "" });
    // the check can fail: a validator whose body returns what its declaration does not say is found
    const first = path.join(packages[0]!, "src/validators.ts");
    writeFileSync(first, readFileSync(first, "utf8").replace("return run(", "return check("));
    expect(typecheckPackages([packages[0]!], { types: [] }).output).toMatch(/TS2322/);
  });

  it.each(jobs.map((j) => [j.name, j.out, j.options.types?.enums ?? "union"] as const))("%s: the types target compiles to no runtime statements", (_n, out, enums) => {
    for (const file of listFiles(out).filter((f) => /^src\/(schema|types|index)\.ts$/.test(f))) {
      const js = ts.transpileModule(readFileSync(path.join(out, file), "utf8"), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, removeComments: true },
      }).outputText;
      // `types: { enums: "values" | "object" }` asks for one constant of scalar literals per enum, and nothing else
      const scalar = String.raw`(?:"(?:[^"\\]|\\.)*"|-?[\d.]+|true|false|null)`;
      const constants =
        enums === "values" ? [new RegExp(String.raw`^export const \w+Values = \[(?:${scalar}|,| )*\];$`)] : enums === "object" ? [/^export const \w+ = \{$/, new RegExp(String.raw`^[\w$]+: ${scalar},$`), /^\};$/] : [];
      const statements = js
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l && l !== "export {};" && !/^export \* from "\.\/[a-z-]+\.js";$/.test(l))
        .filter((l) => !constants.some((c) => c.test(l)));
      expect(statements, `${file} emits runtime code`).toEqual([]);
    }
  });
});

/** The code of a module with every string literal, template text and comment blanked: what can run. */
function codeOnly(source: string): string {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, removeComments: true } }).outputText;
  const file = ts.createSourceFile("m.js", js, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const blanks: Array<[number, number]> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node)) blanks.push([node.getStart(), node.getEnd()]);
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = js;
  for (const [start, end] of blanks.reverse()) out = `${out.slice(0, start)}""${out.slice(end)}`;
  return out;
}

/** Every string in a YAML document, keys included. */
function stringsOf(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof value === "string") into.add(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, into);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      stringsOf(v, into);
    }
  }
  return into;
}

describe("the hostile fixture's client", () => {
  const dir = path.join(ROOT, "test/fixtures/hostile");
  const client = readFileSync(path.join(dir, "generated/src/client.ts"), "utf8");
  const PAYLOAD = /\b(process|exit|alert|eval|pwned|whoami|evil|require|Function)\b/;

  it("has no spec string outside string literals and comments", () => {
    const code = codeOnly(client);
    // Strings made only of identifier characters are names (`delete`, `名前`), which code may use as keys.
    const texts = [...stringsOf(parse(readFileSync(path.join(dir, "openapi.yaml"), "utf8")))].filter((t) => /[^\p{L}\p{N}_$]/u.test(t) && t.length > 2);
    expect(texts.length).toBeGreaterThan(40);
    expect(texts.filter((t) => code.includes(t))).toEqual([]);
    expect(code).not.toMatch(PAYLOAD);
    // The check sees code that a template literal or a broken string would smuggle in.
    expect(codeOnly("const a = `x${process.exit(1)}`; // process\n")).toMatch(PAYLOAD);
    expect(codeOnly('const a = "x"; process.exit(1); ""')).toMatch(PAYLOAD);
  });

  afterEach(() => vi.restoreAllMocks());

  it("imported, created and called, runs none of it and sends it as data", async () => {
    const exit = vi.spyOn(process, "exit").mockImplementation(() => {
      throw new Error("process.exit called");
    });
    const g = globalThis as Record<string, unknown>;
    g.alert = vi.fn();
    const sent: Array<{ url: string; init: RequestInit & { headers: Record<string, string> } }> = [];
    const examples = parse(readFileSync(path.join(dir, "openapi.yaml"), "utf8")).paths;
    const replies: Record<string, unknown> = {
      "GET /users": examples["/users/{userId}"].get.responses["200"].content["application/json"].examples.scripty.value,
      "POST /classes": examples["/classes"].post.responses["200"].content["application/json"].examples.thenable.value,
      "GET /search": examples["/search"].get.responses["200"].content["application/json"].examples.empty.value,
    };
    const mod = (await import(path.join(dir, "generated/src/client.ts"))) as typeof import("./fixtures/hostile/generated/src/client.js");
    const api = mod.createHostileClient({
      fetch: async (url, init) => {
        sent.push({ url, init: init as (typeof sent)[number]["init"] });
        const reply = replies[`${init.method} ${new URL(url).pathname.split("/").slice(0, 2).join("/")}`];
        // the response headers its spec documents on the 200 of GET /users (a name that is no token is not sent: no server could)
        return reply === undefined ? new Response(null, { status: 204 }) : new Response(JSON.stringify(reply), { status: 200, headers: [["__proto__", "1, 2"], ["x-'*|~^", "true"]] });
      },
    });
    const user = await api.getUserById({ path: { userId: '../"; process.exit(1); "?x#y' }, query: { 名前: "${process.exit(1)}" }, headers: { "x-${evil}": "`whoami` ${evil}" } });
    expect(Object.getOwnPropertyDescriptor(user, "__proto__")?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(user.toString).toBe("${process.exit(1)}");
    await api.delete_({ path: { userId: "*/" } });
    const thenable = await api.class_({ body: { default: "`x`", template: "</script>", new: 1 } });
    expect(thenable).toEqual({ then: "*/ not a function", catch: null });
    expect(await api.naïveGet()).toMatchObject({ kind: "${" });
    expect(sent.map((s) => `${s.init.method} ${s.url}`)).toEqual([
      "GET https://api.example.test/users/..%2F%22%3B%20process.exit(1)%3B%20%22%3Fx%23y?%E5%90%8D%E5%89%8D=%24%7Bprocess.exit(1)%7D",
      "DELETE https://api.example.test/users/*%2F",
      "POST https://api.example.test/classes",
      "GET https://api.example.test/search",
    ]);
    expect(sent[0]!.init.headers["x-${evil}"]).toBe("`whoami` ${evil}");
    expect(sent[2]!.init.body).toBe('{"default":"`x`","template":"</script>","new":1}');
    // withResponse() reads the documented headers as data: `__proto__` an own property, the one that is no token not looked up
    const answer = await api.getUserById.withResponse({ path: { userId: "u" } });
    expect([Object.getOwnPropertyDescriptor(answer.headers, "__proto__")?.value, answer.headers["x-'*|~^"], Object.getPrototypeOf(answer.headers)]).toEqual([[1, 2], true, Object.prototype]);
    expect(exit).not.toHaveBeenCalled();
    expect(g.alert).not.toHaveBeenCalled();
    expect(g.pwned).toBeUndefined();
    delete g.alert;
  });
});

/**
 * validators.js with the types validators.d.ts declares: its type imports first, each `export function`'s
 * parameters and return type and each `export const`'s type from the declaration of the same name.
 */
function typedValidators(js: string, dts: string): string {
  const file = ts.createSourceFile("validators.d.ts", dts, ts.ScriptTarget.ES2022, true);
  const imports: string[] = [];
  const signatures = new Map<string, string>();
  const types = new Map<string, string>();
  for (const s of file.statements) {
    if (ts.isImportDeclaration(s)) imports.push(s.getText(file));
    else if (ts.isFunctionDeclaration(s) && s.name) signatures.set(s.name.text, dts.slice(s.parameters.pos - 1, s.type!.end));
    else if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) types.set(d.name.getText(file), d.type!.getText(file));
  }
  const missing: string[] = [];
  const typed = js
    .replace(/^export function (\S+)\(value\) \{$/gm, (line, name: string) => (signatures.has(name) ? `export function ${name}${signatures.get(name)} {` : (missing.push(name), line)))
    .replace(/^export const (\S+) = \{$/gm, (line, name: string) => (types.has(name) ? `export const ${name}: ${types.get(name)} = {` : (missing.push(name), line)));
  expect(missing, "exports of validators.js that validators.d.ts does not declare").toEqual([]);
  const exported = new Set([...js.matchAll(/^export (?:function|const) ([^\s(]+)/gm)].map((m) => m[1]));
  expect([...signatures.keys(), ...types.keys()].filter((n) => !exported.has(n)), "declared in validators.d.ts, missing from validators.js").toEqual([]);
  return `${imports.join("\n")}\n${typed}`;
}
