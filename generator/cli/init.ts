/**
 * `specforge init`: writes a commented `specforge.config.ts` and an npm script `generate` in the current
 * folder's package.json. Never overwrites: an existing config or `generate` script is reported and kept.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SpecforgeError, error } from "../diagnostics/diagnostic.js";
import { parseCommandLine, usage } from "./args.js";
import { CONFIG_NAMES } from "../config/config.js";
import { loadTemplates } from "../codegen/templates.js";
import { ALL_TARGETS } from "../emit/emitter.js";

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
  const input = toPosix(values.spec ?? "openapi.yaml");
  const stem = path.basename(input).replace(/\.(ya?ml|json)$/i, "").replace(/[^A-Za-z0-9._-]+/g, "-") || "api";
  const config = loadTemplates().render("init/specforge.config.ts.hbs", {
    input,
    output: toPosix(values.out ?? `generated/${stem}`),
    packageName: values.name ?? `${stem.toLowerCase()}-client`,
    targets: [...ALL_TARGETS],
  });
  writeFileSync(path.join(cwd, "specforge.config.ts"), config);
  process.stdout.write("wrote specforge.config.ts\n");
  process.stdout.write(`${addGenerateScript(cwd)}\n`);
  if (!existsSync(path.join(cwd, input))) process.stdout.write(`note: ${input} does not exist yet: put your spec there or change 'input' in specforge.config.ts\n`);
  return 0;
}

/** Adds `"generate": "specforge generate"` to package.json's scripts, keeping its indentation. */
function addGenerateScript(cwd: string): string {
  const file = path.join(cwd, "package.json");
  if (!existsSync(file)) return "no package.json here: run 'npm init -y' and add the script \"generate\": \"specforge generate\"";
  const text = readFileSync(file, "utf8");
  let manifest: { scripts?: Record<string, string> };
  try {
    manifest = JSON.parse(text) as typeof manifest;
  } catch (e) {
    throw new SpecforgeError([error("init/package-json", `cannot read package.json: ${(e as Error).message}`, { file: "package.json" }, "fix its JSON, then run 'specforge init' again")]);
  }
  if (manifest.scripts?.generate !== undefined) return `kept the existing npm script 'generate' (${manifest.scripts.generate}); specforge's is 'specforge generate'`;
  manifest.scripts = { ...manifest.scripts, generate: "specforge generate" };
  const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? "  ";
  writeFileSync(file, `${JSON.stringify(manifest, null, indent)}\n`);
  return "added the npm script 'generate' to package.json: run 'npm run generate'";
}

function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}
