/**
 * `specforge init`: writes a commented `specforge.config.ts` and an npm script `generate` in the current
 * folder's package.json. Never overwrites: an existing config or `generate` script is reported and kept.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SpecforgeError, error } from "../diagnostics/diagnostic.js";
import { parseCommandLine, usage } from "./args.js";
import { parseJson } from "../load/json-text.js";
import { CONFIG_NAMES } from "../config/config.js";
import { loadTemplates } from "../codegen/templates.js";
import { ALL_TARGETS } from "../emit/emitter.js";
import { PACKAGE_NAME_HELP, packageNameProblem } from "../config/package-name.js";

const HELP = `Usage:
  specforge init [--spec <file>] [--out <dir>] [--name <package>]

Writes specforge.config.ts here (commented; edit it to taste) and adds "generate": "specforge generate"
to the scripts of ./package.json. Then run: npm run generate

Options:
  --spec <file>      the OpenAPI spec, relative to this folder (default: openapi.yaml)
  --out <dir>        the package folder to generate (default: generated/<spec name>)
  --name <package>   the generated package's name (default: <spec name>-client)
`;

export function runInit(argv: string[], cwd = process.cwd()): number {
  const { values } = parseCommandLine("init", {
    args: argv,
    options: {
      spec: { type: "string" },
      out: { type: "string" },
      name: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const existing = CONFIG_NAMES.find((n) => existsSync(path.join(cwd, n)));
  if (existing) {
    throw new SpecforgeError([error("init/exists", `${existing} already exists`, { file: existing }, "edit it, or remove it and run 'specforge init' again")]);
  }
  // refused now, not by the `generate` the config is written for
  const nameProblem = values.name === undefined ? undefined : packageNameProblem(values.name);
  if (nameProblem) throw usage(`--name '${values.name}' ${nameProblem}`, PACKAGE_NAME_HELP);
  const input = toPosix(values.spec ?? "openapi.yaml");
  const stem = path.basename(input).replace(/\.(ya?ml|json)$/i, "").replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[._]+/, "") || "api";
  const config = loadTemplates().render("init/specforge.config.ts.hbs", {
    input,
    output: toPosix(values.out ?? `generated/${stem}`),
    packageName: values.name ?? `${stem.toLowerCase()}-client`,
    targets: [...ALL_TARGETS],
  });
  // package.json is read first: when it is bad input, nothing is written (a config left behind made the next init fail).
  const script = generateScript(cwd);
  writeFileSync(path.join(cwd, "specforge.config.ts"), config);
  process.stdout.write("wrote specforge.config.ts\n");
  script.write?.();
  process.stdout.write(`${script.note}\n`);
  if (!existsSync(path.join(cwd, input))) process.stdout.write(`note: ${input} does not exist yet: put your spec there or change 'input' in specforge.config.ts\n`);
  return 0;
}

/** Adding `"generate": "specforge generate"` to package.json's scripts, keeping its indentation: what to say, and the write (if any). */
function generateScript(cwd: string): { note: string; write?: () => void } {
  const file = path.join(cwd, "package.json");
  if (!existsSync(file)) return { note: "no package.json here: run 'npm init -y' and add the script \"generate\": \"specforge generate\"" };
  const text = readFileSync(file, "utf8");
  // Read as specs are: a repeated key, which JSON.parse keeps the last of, would be lost in the rewrite below.
  const manifest = parseJson(text, "package.json", { syntax: "init/package-json", duplicate: "init/package-json" }) as { scripts?: Record<string, string> } | null;
  if (typeof manifest !== "object" || manifest === null || Array.isArray(manifest)) {
    throw new SpecforgeError([error("init/package-json", "package.json must hold an object", { file: "package.json", line: 1, column: 1 }, "fix it, then run 'specforge init' again")]);
  }
  if (manifest.scripts?.generate !== undefined) return { note: `kept the existing npm script 'generate' (${manifest.scripts.generate}); specforge's is 'specforge generate'` };
  manifest.scripts = { ...manifest.scripts, generate: "specforge generate" };
  const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? "  ";
  return {
    note: "added the npm script 'generate' to package.json: run 'npm run generate'",
    write: () => writeFileSync(file, `${JSON.stringify(manifest, null, indent)}\n`),
  };
}

function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}
