/** TypeScript configs and `specforge init`, through the built CLI in temporary folders. */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, ROOT, runCli, tempDir } from "../helpers/project.js";
import { validateConfig, type SpecConfig } from "../../generator/config/config.js";

function project(): string {
  const dir = tempDir("specforge-config-");
  copyFileSync(path.join(ROOT, "specs/okra.yaml"), path.join(dir, "okra.yaml"));
  return dir;
}

describe("specforge.config.ts", () => {
  it("is found, its types stripped, and used", () => {
    const dir = project();
    writeFileSync(
      path.join(dir, "specforge.config.ts"),
      [
        "interface Spec { input: string; output: string; packageName: string; targets: string[] }",
        'const okra: Spec = { input: "okra.yaml", output: "out/okra", packageName: "okra-ts", targets: ["types"] };',
        "export default { specs: [okra] };",
        "",
      ].join("\n"),
    );
    const r = runCli(["generate"], dir);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, "out/okra/package.json"), "utf8")).name).toBe("okra-ts");
    expect(readdirSync(dir).filter((f) => f.startsWith(".specforge-tmp"))).toEqual([]);
  });

  it("a spec without packageName is named from its info.title, as generate <spec> --out names it", () => {
    const dir = project();
    writeFileSync(path.join(dir, "specforge.config.yaml"), "specs:\n  - input: okra.yaml\n    output: out\n    targets: [types]\n");
    const r = runCli(["generate"], dir);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const viaCli = runCli(["generate", "okra.yaml", "--out", "out-cli", "--targets", "types", "--quiet"], dir);
    expect(viaCli.status).toBe(0);
    const name = (out: string) => JSON.parse(readFileSync(path.join(dir, out, "package.json"), "utf8")).name as string;
    expect(name("out")).toBe("okra-customers-api");
    expect(name("out")).toBe(name("out-cli"));
  });

  it("a syntax error is one line with file:line:col, exit 2, nothing written", () => {
    const dir = project();
    writeFileSync(path.join(dir, "specforge.config.ts"), 'export default {\n  specs: [\n    { input: "okra.yaml" output: "out" },\n  ],\n};\n');
    const r = runCli(["generate"], dir);
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^specforge\.config\.ts:3:26 error config\/unreadable: cannot read config: ',' expected/);
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });

  it("wrong keys and types are reported with their path in the config", () => {
    const dir = project();
    writeFileSync(path.join(dir, "specforge.config.ts"), 'export default { specs: [{ input: "okra.yaml", output: 1, packageName: "x", colour: "red" }] };\n');
    const r = runCli(["generate"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("specforge.config.ts#/specs/0/output error config/invalid: 'output' must be a string");
    expect(r.stderr).toContain("specforge.config.ts#/specs/0/colour error config/invalid: unknown key 'colour'");
  });
});

describe("code configs and Node's module systems", () => {
  /** A project of `type` with specforge installed (a link to this checkout, built) and `config` as specforge.config.{ext}. */
  function moduleProject(type: "commonjs" | "module", ext: string, config: string[]): string {
    const dir = project();
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "app", private: true, type }));
    mkdirSync(path.join(dir, "node_modules"));
    symlinkSync(ROOT, path.join(dir, "node_modules/specforge"), "junction");
    writeFileSync(path.join(dir, `specforge.config.${ext}`), `${config.join("\n")}\n`);
    return dir;
  }
  const SPECS = '{ specs: [{ input: "okra.yaml", output: "out", packageName: "okra-ts", targets: ["types"] }] }';

  // require() of an ES module: Node 20.19 and later (22.12 in Node 22)
  it.skipIf(!process.features.require_module)("a CommonJS config requires specforge (its exports map has a default condition)", () => {
    const dir = moduleProject("commonjs", "js", ['const { defineConfig } = require("specforge");', `module.exports = defineConfig(${SPECS});`]);
    const r = runCli(["generate"], dir);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, "out/package.json"), "utf8")).name).toBe("okra-ts");
  });

  it("where Node cannot require an ES module, says which Node can, or to write the config as one: one line, exit 2", () => {
    const dir = moduleProject("commonjs", "js", ['const { defineConfig } = require("specforge");', `module.exports = defineConfig(${SPECS});`]);
    const r = spawnSync(process.execPath, ["--no-experimental-require-module", CLI, "generate"], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^specforge\.config\.js error config\/unreadable: cannot read config: require\(\) of ES Module .+ \(Node before 20\.19 \(22\.12 in Node 22\) cannot require\(\) an ES module, and specforge is one: use a newer Node, or write the config as an ES module \(specforge\.config\.mjs or \.ts\) with import \{ defineConfig \} from "specforge"\)\n$/);
  });

  it("a subpath specforge does not export is told to require specforge itself", () => {
    const dir = moduleProject("commonjs", "js", ['const { defineConfig } = require("specforge/config");', `module.exports = defineConfig(${SPECS});`]);
    const r = runCli(["generate"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^specforge\.config\.js error config\/unreadable: cannot read config: Package subpath '\.\/config' is not defined by "exports" in .+ \(require "specforge" itself, its one entry point; where the config does, this specforge cannot be require\(\)d: update it, or write the config as an ES module \(specforge\.config\.mjs or \.ts\) with import \{ defineConfig \} from "specforge"\)\n$/);
  });

  it("an ES module .js config in a CommonJS project is told to become .mjs/.ts or the project a module: one line, exit 2", () => {
    for (const config of [['import { defineConfig } from "specforge";', `export default defineConfig(${SPECS});`], [`export default ${SPECS};`]]) {
      const dir = moduleProject("commonjs", "js", config);
      const r = runCli(["generate"], dir);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^specforge\.config\.js error config\/unreadable: cannot read config: (Cannot use import statement outside a module|Unexpected token 'export') \(the config is an ES module in a CommonJS project: rename it specforge\.config\.mjs \(or \.ts\), or set "type": "module" in package\.json\)\n$/);
      expect(existsSync(path.join(dir, "out"))).toBe(false);
    }
  });

  it("a TypeScript config that uses require() is told to import (it is loaded as an ES module)", () => {
    const dir = moduleProject("module", "ts", ['const { defineConfig } = require("specforge");', `module.exports = defineConfig(${SPECS});`]);
    const r = runCli(["generate"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("specforge.config.ts error config/unreadable: cannot read config: require is not defined in ES module scope, you can use import instead (the config is read as an ES module: write import { defineConfig } from \"specforge\" and export default in place of require() and module.exports)\n");
  });

  // the message named the module specforge made for the moment (.specforge-tmp-config-<pid>-1.mjs) and said "fix the config file"
  it("a TypeScript config importing a TypeScript module of its own is told to import JavaScript: one line naming the config, exit 2", () => {
    for (const from of ["./base.ts", "./base", "./base.js"]) {
      const dir = moduleProject("module", "ts", ['import { defineConfig } from "specforge";', `import { base } from "${from}";`, `export default defineConfig({ specs: [{ ...base, input: "okra.yaml" }] });`]);
      writeFileSync(path.join(dir, "base.ts"), 'export const base = { output: "out", packageName: "okra-ts" } as const;\n');
      const r = runCli(["generate"], dir);
      expect([r.status, r.stdout]).toEqual([2, ""]);
      expect(r.stderr).toMatch(/^specforge\.config\.ts error config\/unreadable: cannot read config: (Unknown file extension "\.ts" for \S+base\.ts|Cannot find module '\S+' imported from \S+[\\/]specforge\.config\.ts) \(specforge strips the types of the config file alone, and Node cannot run the TypeScript it imports: write the module it imports as JavaScript \(\.mjs, or \.js\), or put what it holds in the config\)\n$/);
      expect(readdirSync(dir).sort()).toEqual(["base.ts", "node_modules", "okra.yaml", "package.json", "specforge.config.ts"]);
    }
  });
});

describe("specforge init", () => {
  it("refuses a --name npm would refuse, before writing anything", () => {
    const dir = tempDir("specforge-init-");
    const r = runCli(["init", "--name", "Bad Name"], dir);
    expect([r.status, r.stderr]).toEqual([2, `error cli/usage: --name 'Bad Name' may not hold capital letters (write an npm package name, e.g. "@acme/okra" or "okra-client")\n`]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("writes a config that generates as is, and the npm script, keeping package.json's indentation", () => {
    const dir = project();
    writeFileSync(path.join(dir, "package.json"), '{\n    "name": "app",\n    "scripts": {\n        "test": "vitest"\n    }\n}\n');
    const r = runCli(["init", "--spec", "okra.yaml"], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(path.join(dir, "package.json"), "utf8")).toBe(
      '{\n    "name": "app",\n    "scripts": {\n        "test": "vitest",\n        "generate": "specforge generate"\n    }\n}\n',
    );
    // the config imports `specforge`, which this temporary folder cannot resolve: swap the import for the check
    const config = readFileSync(path.join(dir, "specforge.config.ts"), "utf8");
    expect(config).toContain('input: "okra.yaml"');
    expect(config).toContain('// types: { dates: "Date" },');
    writeFileSync(path.join(dir, "specforge.config.ts"), config.replace('import { defineConfig } from "specforge";', "const defineConfig = <T>(c: T) => c;"));
    const g = runCli(["generate"], dir);
    expect(g.status, g.stderr).toBe(0);
    expect(existsSync(path.join(dir, "generated/okra/src/client.ts"))).toBe(true);
  });

  it("never overwrites a config or an existing generate script", () => {
    const dir = project();
    writeFileSync(path.join(dir, "package.json"), '{ "name": "app", "scripts": { "generate": "make gen" } }\n');
    expect(runCli(["init"], dir).status).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).scripts.generate).toBe("make gen");
    const again = runCli(["init"], dir);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain("specforge.config.ts error init/exists");
  });

  it("refuses a package.json with a key written twice (its rewrite kept only the last), writing nothing", () => {
    const dir = project();
    const text = '{\n  "name": "app",\n  "scripts": { "test": "vitest" },\n  "scripts": { "build": "tsc" }\n}\n';
    writeFileSync(path.join(dir, "package.json"), text);
    const r = runCli(["init"], dir);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("package.json:4:3 (#) error init/package-json: the object has the key 'scripts' more than once: JSON.parse would keep only the last (remove one of the two)\n");
    expect(readFileSync(path.join(dir, "package.json"), "utf8")).toBe(text);
    // the config was written before package.json was read, so the next init refused: it already existed
    expect(existsSync(path.join(dir, "specforge.config.ts"))).toBe(false);
    writeFileSync(path.join(dir, "package.json"), "[]\n");
    expect(runCli(["init"], dir).stderr).toBe("package.json:1:1 error init/package-json: package.json must hold an object (fix it, then run 'specforge init' again)\n");
  });

  it("spec text given on the command line stays data in the config", () => {
    const dir = project();
    const r = runCli(["init", "--spec", 'x"; process.exit(7); "'], dir);
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(dir, "specforge.config.ts"), "utf8")).toContain('input: "x\\"; process.exit(7); \\""');
  });
});

describe("per-target options in the config", () => {
  it("client options are checked like the others", () => {
    const dir = project();
    writeFileSync(path.join(dir, "specforge.config.json"), JSON.stringify({ specs: [{ input: "okra.yaml", output: "out", packageName: "x", client: { validateResponses: "yes", query: 1, retries: 3 } }] }, null, 2));
    const r = runCli(["generate"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("specforge.config.json:8:9 (#/specs/0/client/validateResponses) error config/invalid: invalid value for 'validateResponses' (use true or false)");
    expect(r.stderr).toContain("specforge.config.json:9:9 (#/specs/0/client/query) error config/invalid: invalid value for 'query' (use true or false)");
    expect(r.stderr).toContain("specforge.config.json:10:9 (#/specs/0/client/retries) error config/invalid: unknown client option 'retries' (options: validateResponses, validateRequests, query)");
  });

  it("coerceParameters: false is refused where the server target is generated (it reads parameters as text), allowed without it", () => {
    const dir = project();
    const spec = (output: string, targets?: string[]) => ({ input: "okra.yaml", output, packageName: "x", ...(targets ? { targets } : {}), validators: { coerceParameters: false } });
    writeFileSync(path.join(dir, "specforge.config.json"), JSON.stringify({ specs: [spec("out"), spec("out-client", ["types", "client", "validators"])] }, null, 2));
    const r = runCli(["generate"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([
      "specforge.config.json:8:9 (#/specs/0/validators/coerceParameters) error config/invalid: `coerceParameters: false` leaves the generated server refusing every parameter that is not a string (parameters arrive as text) (leave it on (the client's validators do not change its input), or leave `server` out of `targets`)",
    ]);
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });

  it("fetch.headers rules are checked: a URL glob, a header name, exactly one of value and envVariable", () => {
    const dir = project();
    const headers = [{ matches: "api.example.com/**", name: "Bad Name", value: "x", envVariable: "T" }, { matches: "https://a/**", name: "X-Key", value: "a\nb" }];
    writeFileSync(path.join(dir, "specforge.config.json"), JSON.stringify({ specs: [{ input: "okra.yaml", output: "out", packageName: "x" }], fetch: { headers, retries: 2 } }, null, 2));
    const r = runCli(["generate"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([
      "specforge.config.json:11:7 (#/fetch/headers/0) error config/invalid: give exactly one of 'value' and 'envVariable' (a secret belongs in an environment variable: envVariable: API_TOKEN)",
      "specforge.config.json:12:9 (#/fetch/headers/0/matches) error config/invalid: 'matches' must be a URL glob (e.g. 'https://api.example.com/specs/**')",
      "specforge.config.json:13:9 (#/fetch/headers/0/name) error config/invalid: 'name' must be a header name (e.g. Authorization)",
      "specforge.config.json:20:9 (#/fetch/headers/1/value) error config/invalid: a header value cannot hold a line break (remove the line break)",
      "specforge.config.json:23:5 (#/fetch/retries) error config/invalid: unknown key 'retries' (`fetch` takes `headers`)",
    ]);
  });

  it("package fields for publishing are written into the generated package.json as data, in npm's order", () => {
    const dir = project();
    const fields: NonNullable<SpecConfig["package"]> = {
      license: "Apache-2.0",
      author: { name: 'Ada "x"; process.exit(7); //', email: "ada@example.com" },
      repository: { type: "git", url: "git+https://github.com/acme/okra.git", directory: "generated/okra" },
      homepage: "https://github.com/acme/okra#readme",
      bugs: "https://github.com/acme/okra/issues",
      keywords: ["okra", "${x}`"],
      publishConfig: { access: "public", provenance: true },
    };
    writeFileSync(path.join(dir, "specforge.config.json"), JSON.stringify({ specs: [{ input: "okra.yaml", output: "out", packageName: "@acme/okra", targets: ["types"], package: fields }] }, null, 2));
    const r = runCli(["generate"], dir);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const pkg = JSON.parse(readFileSync(path.join(dir, "out/package.json"), "utf8")) as Record<string, unknown>;
    expect(Object.keys(pkg)).toEqual(["name", "version", "description", "keywords", "homepage", "bugs", "license", "author", "repository", "type", "sideEffects", "exports", "types", "typesVersions", "files", "scripts", "engines", "devDependencies", "publishConfig"]);
    expect(pkg).toMatchObject(fields);
    expect(pkg.scripts).toEqual({ prepack: "npm run build", build: expect.stringMatching(/^node -e .* && tsc -p tsconfig\.json$/) });

    // without them, none of the keys is written
    writeFileSync(path.join(dir, "specforge.config.json"), JSON.stringify({ specs: [{ input: "okra.yaml", output: "out", packageName: "@acme/okra", targets: ["types"] }] }));
    expect(runCli(["generate"], dir).status).toBe(0);
    expect(Object.keys(JSON.parse(readFileSync(path.join(dir, "out/package.json"), "utf8")))).not.toContain("license");
  });

  it("package fields are checked like the other options, each at its pointer", () => {
    const dir = project();
    const fields = { license: 1, licence: "MIT", author: { email: "a@b.c" }, repository: { url: "https://x" }, bugs: {}, keywords: "okra", publishConfig: { access: "open", provenance: "yes", constructor: "x" } };
    writeFileSync(path.join(dir, "specforge.config.json"), JSON.stringify({ specs: [{ input: "okra.yaml", output: "out", packageName: "x", package: fields }, { input: "okra.yaml", output: "out2", packageName: "y", package: "MIT" }] }, null, 2));
    const r = runCli(["generate"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([
      "specforge.config.json:8:9 (#/specs/0/package/license) error config/invalid: invalid value for 'license' (an SPDX expression, e.g. \"MIT\")",
      "specforge.config.json:9:9 (#/specs/0/package/licence) error config/invalid: unknown package field 'licence' (fields: license, author, repository, homepage, bugs, keywords, publishConfig)",
      "specforge.config.json:10:9 (#/specs/0/package/author) error config/invalid: invalid value for 'author' (write \"Name <email> (url)\" or { name, email, url })",
      "specforge.config.json:13:9 (#/specs/0/package/repository) error config/invalid: invalid value for 'repository' (write \"github:owner/repo\" or { type: git, url: \"git+https://github.com/owner/repo.git\", directory })",
      "specforge.config.json:16:9 (#/specs/0/package/bugs) error config/invalid: invalid value for 'bugs' (write a URL, or { url, email })",
      "specforge.config.json:17:9 (#/specs/0/package/keywords) error config/invalid: invalid value for 'keywords' (write a list of strings)",
      "specforge.config.json:18:9 (#/specs/0/package/publishConfig) error config/invalid: invalid value for 'publishConfig' (give any of access (public or restricted), provenance (true or false), registry, tag)",
      "specforge.config.json:29:7 (#/specs/1/package) error config/invalid: 'package' must be an object (give any of license, author, repository, homepage, bugs, keywords, publishConfig)",
    ]);
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });

  it("types options are checked like the others", () => {
    const dir = project();
    writeFileSync(path.join(dir, "specforge.config.json"), JSON.stringify({ specs: [{ input: "okra.yaml", output: "out", packageName: "x", types: { enums: "typescript-enum", dates: "date" } }] }, null, 2));
    const r = runCli(["generate"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("specforge.config.json:8:9 (#/specs/0/types/enums) error config/invalid: invalid value for 'enums' (use union, values or object)");
    expect(r.stderr).toContain("specforge.config.json:9:9 (#/specs/0/types/dates) error config/invalid: invalid value for 'dates' (use string or Date)");
  });
});

describe("config keys are the config's own", () => {
  it("a spec entry's `constructor` or `toString` is an unknown key, not one Object.prototype has", () => {
    const problems = validateConfig({ specs: [{ input: "a.yaml", output: "out", packageName: "p", constructor: 1, toString: "x" }] });
    expect(problems.map((p) => [p.pointer, p.message.split(" (")[0]])).toEqual([
      ["/specs/0/constructor", "unknown key 'constructor'"],
      ["/specs/0/toString", "unknown key 'toString'"],
    ]);
  });
});
