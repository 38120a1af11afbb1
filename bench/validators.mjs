/**
 * Benchmark section "validators": validations per second of one schema by three implementations, in
 * one process and one interleaved run:
 *   ours  the package specforge generates (`--targets validators`), its public `validateX(value)`;
 *   ajv   Ajv2020 compiled at runtime with ajv-formats' full formats, on the same component schema;
 *   zod   zod 4 as @hey-api/openapi-ts's zod plugin emits it for the same spec, `zX.safeParse(value)`.
 * Schemas: GitHub's `repository` component (node_modules/@octokit/openapi) and Okra's `Customer`
 * (specs/okra.yaml; --quick: Okra only), each on valid instances taken from the spec's examples and on
 * invalid ones made from them by a realistic mistake.
 *
 *   node bench/validators.mjs [--quick] [--runs N]
 *
 * Targets (validators issue): ours >= ajv with full formats, and ours >= 10x zod, on every row.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import AjvModule from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import ts from "typescript";
import YAML from "yaml";
import { median } from "./lib/measure.mjs";
import { markdownTable, textTable } from "./lib/table.mjs";
import { atLeast, unmeasured } from "./lib/targets.mjs";

const Ajv2020 = AjvModule.default ?? AjvModule;
const addFormats = addFormatsModule.default ?? addFormatsModule;

export const TARGETS = { ajv: 1, zod: 10 };

const OURS = "generator/dist/cli/main.js";
const HEY_API = "node_modules/@hey-api/openapi-ts/bin/run.js";
const GITHUB_SPEC = "node_modules/@octokit/openapi/generated/api.github.com.json";
const OKRA_SPEC = "specs/okra.yaml";

/** The example a response of an operation carries (`examples.default`, as the Okra spec writes them). */
function responseExample(doc, operationId, status) {
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item)) {
      if (op && typeof op === "object" && op.operationId === operationId) {
        const media = op.responses?.[status]?.content?.["application/json"];
        const value = media?.examples?.default?.value ?? media?.example;
        if (value !== undefined) return value;
      }
    }
  }
  throw new Error(`no example for the ${status} response of ${operationId}`);
}

/**
 * The schemas and instances. `valid()` returns instances from the spec's own examples; each invalid
 * instance is the first valid one with one realistic mistake (`mutate` works on a deep copy).
 */
export const CASES = [
  {
    id: "github",
    label: "GitHub repository",
    spec: GITHUB_SPEC,
    component: "repository",
    typeName: "Repository",
    zodName: "zRepository",
    valid: (doc) => [
      {
        label: "valid",
        detail: "`components.examples['repository-paginated'].value.repositories[0]` of the spec (Hello-World)",
        value: doc.components.examples["repository-paginated"].value.repositories[0],
      },
    ],
    invalid: [
      { label: "invalid: wrong type deep", detail: '`owner.site_admin` is the string `"false"` (a boolean in `simple-user`)', mutate: (x) => void (x.owner.site_admin = "false") },
      { label: "invalid: bad date-time", detail: "`pushed_at` has no time zone offset: `2011-01-26T19:06:43`", mutate: (x) => void (x.pushed_at = "2011-01-26T19:06:43") },
      { label: "invalid: missing required", detail: "`full_name` is absent", mutate: (x) => void delete x.full_name },
    ],
  },
  {
    id: "okra",
    label: "Okra Customer",
    spec: OKRA_SPEC,
    component: "Customer",
    typeName: "Customer",
    zodName: "zCustomer",
    quick: true,
    valid: (doc) => [
      {
        label: "valid (listing)",
        detail: "the customer in the `listCustomers` 200 example (two credentials, 36 records)",
        value: responseExample(doc, "listCustomers", "200").data.customers[0],
      },
      {
        label: "valid (search)",
        detail: "the customer in the `findCustomer` 200 example (required fields only)",
        value: responseExample(doc, "findCustomer", "200").data,
      },
    ],
    invalid: [
      { label: "invalid: wrong type deep", detail: '`credentials[1].connected` is the string `"false"`', mutate: (x) => void (x.credentials[1].connected = "false") },
      { label: "invalid: bad date-time", detail: "`created_at` is a day that does not exist: `2021-02-29T12:24:03.673Z`", mutate: (x) => void (x.created_at = "2021-02-29T12:24:03.673Z") },
      { label: "invalid: missing required", detail: "`email` is absent", mutate: (x) => void delete x.email },
    ],
  },
];

// ---------------------------------------------------------------------------------------------------
// The three implementations

/** Runs `node <script> ...args` in `cwd`; rejects with its output if it exits non-zero. */
function runNode(label, script, args, cwd) {
  return new Promise((resolve, reject) => {
    const out = [];
    const child = spawn(process.execPath, [script, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (d) => out.push(d));
    child.stderr.on("data", (d) => out.push(d));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) return resolve(Buffer.concat(out).toString("utf8"));
      const text = Buffer.concat(out).toString("utf8").trimEnd();
      reject(new Error(`${label} ${signal ? `was killed by ${signal}` : `exited with code ${code}`}\n  command: node ${[script, ...args].join(" ")}\n${text}`));
    });
  });
}

function transpile(source, fileName) {
  return ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    fileName,
  }).outputText;
}

/**
 * Ours: generates the package, compiles the modules `validators.ts` needs to .js and imports it. The
 * import graph is followed from `validators.ts` (type-only imports vanish in transpiling, so `types.ts`
 * and `schema.ts` are not compiled). ajv's code is JavaScript already: shipped as `src/*.js` (with a
 * `.d.ts`) it is copied; shipped as a `.ts` starting with `// @ts-nocheck` (no TypeScript syntax in it) it
 * is copied too: transpileModule on GitHub's 43 MB of it (before shared subschemas; 16 MB now) took ~50 s and 3 GB, and changes nothing (Node
 * would refuse to import it if it held TypeScript).
 */
async function loadOurs(c, { repo, dir }) {
  const pkg = path.join(dir, "package");
  await runNode("specforge generate", path.join(repo, OURS), ["generate", path.join(repo, c.spec), "--out", pkg, "--targets", "validators", "--quiet"], dir);
  const js = path.join(dir, "ours-js");
  mkdirSync(js);
  const done = new Set();
  const compile = (base) => {
    if (done.has(base)) return;
    done.add(base);
    // A module the package ships as JavaScript already (`src/x.js` beside its `x.d.ts`) is copied.
    const jsFile = path.join(pkg, "src", `${base}.js`);
    const source = readFileSync(existsSync(jsFile) ? jsFile : path.join(pkg, "src", `${base}.ts`), "utf8");
    const out = existsSync(jsFile) || source.startsWith("// @ts-nocheck") ? source : transpile(source, `${base}.ts`);
    writeFileSync(path.join(js, `${base}.js`), out);
    for (const m of out.matchAll(/(?:^|[\s;])(?:import|export)\b[^;"']*?["']\.\/([^"']+)\.js["']/g)) compile(m[1]);
  };
  compile("validators");
  const mod = await import(pathToFileURL(path.join(js, "validators.js")).href);
  const validate = mod[`validate${c.typeName}`];
  if (typeof validate !== "function") throw new Error(`the generated package of ${c.spec} exports no validate${c.typeName}`);
  return validate;
}

/** zod: runs hey-api's zod plugin on the spec, compiles zod.gen.ts to .js (importing the repo's zod) and imports it. */
async function loadZod(c, { repo, dir }) {
  const out = path.join(dir, "hey-api");
  await runNode("@hey-api/openapi-ts", path.join(repo, HEY_API), ["-i", path.join(repo, c.spec), "-o", out, "-p", "zod"], dir);
  const source = readFileSync(path.join(out, "zod.gen.ts"), "utf8");
  // The generated file sits outside the repo: point its bare `zod` imports at the repo's copy.
  const js = transpile(source, "zod.gen.ts").replace(/from\s*(["'])(zod(?:\/[^"']*)?)\1/g, (_, _q, spec) => `from ${JSON.stringify(import.meta.resolve(spec))}`);
  const file = path.join(dir, "zod.gen.js");
  writeFileSync(file, js);
  const mod = await import(pathToFileURL(file).href);
  const schema = mod[c.zodName];
  if (!schema || typeof schema.safeParse !== "function") throw new Error(`hey-api's zod.gen.ts for ${c.spec} has no ${c.zodName}`);
  return schema;
}

// Keywords that carry no validation (as generator/emit/validators/schema-set.ts drops them), and the
// keywords whose value is data or a map of named subschemas rather than a schema.
const ANNOTATIONS = new Set([
  "description", "title", "example", "examples", "deprecated", "externalDocs", "xml", "discriminator",
  "readOnly", "writeOnly", "default", "$comment",
]);
const DATA = new Set(["enum", "const", "required"]);
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "dependentSchemas"]);

/**
 * One component schema as JSON Schema 2020-12, written independently of our generator: `x-` extensions and
 * annotations dropped, `#/components/schemas/X` refs pointed at `<id>#/$defs/X`, and for a 3.0 document
 * what our normalize step does: `nullable: true` joins "null" to `type` (and to `enum`), or without a
 * `type` wraps the schema as `anyOf: [<schema>, {type: "null"}]`; boolean exclusiveMinimum/Maximum
 * become the numeric form.
 */
function toJsonSchema(schema, id, from30) {
  if (Array.isArray(schema)) return schema.map((s) => toJsonSchema(s, id, from30));
  if (!schema || typeof schema !== "object") return schema;
  const out = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k.startsWith("x-") || ANNOTATIONS.has(k) || (from30 && (k === "nullable" || k === "exclusiveMinimum" || k === "exclusiveMaximum"))) continue;
    if (DATA.has(k)) out[k] = v;
    else if (k === "$ref" && typeof v === "string") out[k] = v.replace(/^#\/components\/schemas\//, `${id}#/$defs/`);
    else if (SCHEMA_MAPS.has(k) && v && typeof v === "object") out[k] = Object.fromEntries(Object.entries(v).map(([n, s]) => [n, toJsonSchema(s, id, from30)]));
    else out[k] = toJsonSchema(v, id, from30);
  }
  if (!from30) return out;
  for (const [flag, bound] of [["exclusiveMinimum", "minimum"], ["exclusiveMaximum", "maximum"]]) {
    if (schema[flag] === true && typeof schema[bound] === "number") {
      out[flag] = schema[bound];
      delete out[bound];
    } else if (typeof schema[flag] === "number") out[flag] = schema[flag];
  }
  if (schema.nullable !== true) return out;
  if (typeof out.type === "string") {
    out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  if (Array.isArray(out.type)) {
    if (!out.type.includes("null")) out.type = [...out.type, "null"];
    return out;
  }
  return { anyOf: [out, { type: "null" }] };
}

/** ajv: Ajv2020 + ajv-formats (full), compiled now from the spec's components. */
function loadAjv(c, doc) {
  const id = `bench:${c.id}`;
  const from30 = String(doc.openapi).startsWith("3.0");
  const $defs = {};
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) $defs[name] = toJsonSchema(schema, id, from30);
  // allErrors as in the generated package (its default): all three report every problem they find.
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv, { mode: "full" });
  ajv.addSchema({ $id: id, $defs });
  const validate = ajv.getSchema(`${id}#/$defs/${c.component}`);
  if (!validate) throw new Error(`ajv could not compile ${c.component} of ${c.spec}`);
  return validate;
}

/** How each implementation is called, as the verdict and first complaint (for the agreement check) and as a loop body. */
const IMPLS = {
  ours: {
    verdict: (f, x) => {
      const r = f(x);
      return { ok: r.ok, first: r.ok ? "" : `${r.errors[0].path || "(root)"} ${r.errors[0].message}` };
    },
    body: "if (f(x).ok === true) hits++;",
  },
  ajv: {
    verdict: (f, x) => {
      const ok = f(x);
      return { ok, first: ok ? "" : `${f.errors[0].instancePath || "(root)"} ${f.errors[0].keyword}${f.errors[0].params?.missingProperty ? ` ${f.errors[0].params.missingProperty}` : ""}` };
    },
    body: "if (f(x) === true) hits++;",
  },
  zod: {
    verdict: (f, x) => {
      const r = f.safeParse(x);
      return { ok: r.success, first: r.success ? "" : `/${r.error.issues[0].path.join("/")} ${r.error.issues[0].code}: ${r.error.issues[0].message}` };
    },
    body: "if (f.safeParse(x).success === true) hits++;",
  },
};
const IMPL_NAMES = Object.keys(IMPLS);

/** A fresh loop function per cell (own type feedback: each call site sees one validator, as in an app). */
function freshLoop(body) {
  // eslint-disable-next-line no-new-func
  return new Function("f", "x", "n", `let hits = 0; for (let i = 0; i < n; i++) { ${body} } return hits;`);
}

function timeLoop(cell, n) {
  const start = performance.now();
  const hits = cell.loop(cell.f, cell.x, n);
  const ms = performance.now() - start;
  if (hits !== (cell.valid ? n : 0)) throw new Error(`${cell.impl} changed its verdict on ${cell.row.schema} ${cell.row.instance} while timing`);
  return ms;
}

/** Promise.all that waits for every promise before rejecting, so no child still writes into a folder being removed. */
async function settleAll(promises) {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((r) => r.value);
}

function formatOps(ops) {
  if (ops >= 1e6) return `${(ops / 1e6).toFixed(2)}M`;
  if (ops >= 1e3) return `${(ops / 1e3).toFixed(0)}k`;
  return ops.toFixed(0);
}

function versionOf(repo, pkg) {
  return JSON.parse(readFileSync(path.join(repo, "node_modules", pkg, "package.json"), "utf8")).version;
}

// ---------------------------------------------------------------------------------------------------

/**
 * Runs the section. Resolves to { rows, text, markdown }; `rows` hold the numbers (ops/s per
 * implementation, or `disagree` when the three do not agree on an instance and it was not timed).
 */
export async function runValidators({ repo, tmpRoot, runs, quick = false, progress = () => {} }) {
  for (const [file, hint] of [[OURS, "build it first with 'npx tsc -p tsconfig.json'"], [HEY_API, "run 'npm install'"]]) {
    if (!existsSync(path.join(repo, file))) throw new Error(`${file} not found: ${hint}`);
  }
  const cases = CASES.filter((c) => !quick || c.quick);
  const rounds = runs;
  // Full: each cell warms up for >= WARM_MS, then its iteration count is fixed at what takes ~CELL_MS.
  // Quick: a fixed QUICK_N iterations per cell, after one short untimed loop.
  const WARM_MS = 300;
  const CELL_MS = 100;
  const QUICK_N = 1000;

  // Preparation: all generators run as children, in parallel (their time is not measured here).
  progress(`validators: generating ${cases.map((c) => c.label).join(", ")} with specforge and with @hey-api/openapi-ts (zod)`);
  const prepared = await settleAll(
    cases.map(async (c) => {
      const dir = mkdtempSync(path.join(tmpRoot, `validators-${c.id}-`));
      const raw = readFileSync(path.join(repo, c.spec), "utf8");
      const doc = c.spec.endsWith(".json") ? JSON.parse(raw) : YAML.parse(raw);
      const oursDir = path.join(dir, "ours");
      const zodDir = path.join(dir, "zod");
      mkdirSync(oursDir);
      mkdirSync(zodDir);
      const [ours, zod] = await settleAll([loadOurs(c, { repo, dir: oursDir }), loadZod(c, { repo, dir: zodDir })]);
      return { c, doc, impls: { ours, ajv: loadAjv(c, doc), zod } };
    }),
  );

  // Instances, and the agreement check: every implementation must give every instance its label.
  const rows = [];
  for (const { c, doc, impls } of prepared) {
    const valid = c.valid(doc);
    // Every instance as a server receives it, parsed from JSON text: `delete` (the missing-required
    // mistake) leaves an object in V8's slow dictionary mode, which JSON.parse never makes, and one such
    // object makes every property read of a validator that sees it megamorphic for all rows after.
    const wire = (value) => JSON.parse(JSON.stringify(value));
    const instances = [
      ...valid.map((v) => ({ ...v, value: wire(v.value), valid: true })),
      ...c.invalid.map((m) => {
        const value = structuredClone(valid[0].value);
        m.mutate(value);
        return { label: m.label, detail: m.detail, value: wire(value), valid: false };
      }),
    ];
    for (const inst of instances) {
      const verdicts = Object.fromEntries(IMPL_NAMES.map((name) => [name, IMPLS[name].verdict(impls[name], inst.value)]));
      const agree = IMPL_NAMES.every((name) => verdicts[name].ok === inst.valid);
      rows.push({ schema: c.label, instance: inst.label, detail: inst.detail, valid: inst.valid, value: inst.value, impls, verdicts, agree, ops: {}, samples: {} });
    }
  }
  const disagreements = rows.filter((r) => !r.agree);
  for (const r of disagreements) {
    progress(`validators: NOT timed, the implementations disagree on ${r.schema} ${r.instance}: ${IMPL_NAMES.map((n) => `${n} ${r.verdicts[n].ok ? "valid" : "invalid"}`).join(", ")}`);
  }

  // Cells: one per row and implementation, interleaved ours, ajv, zod, ours, ajv, zod, ...
  const cells = [];
  for (const row of rows.filter((r) => r.agree)) {
    for (const impl of IMPL_NAMES) {
      cells.push({ row, impl, f: row.impls[impl], x: row.value, valid: row.valid, loop: freshLoop(IMPLS[impl].body), n: QUICK_N, samples: [] });
    }
  }
  progress(`validators: warm-up of ${cells.length} cells${quick ? "" : ` (>= ${WARM_MS} ms each, then each count fixed at ~${CELL_MS} ms)`}`);
  for (const cell of cells) {
    if (quick) {
      timeLoop(cell, 100);
      continue;
    }
    // Doubling loops; the count is set from the fastest rate seen in a loop of >= 5 ms (a GC pause or a
    // busy neighbour in one loop would otherwise shrink the count).
    let n = 64;
    let spent = 0;
    let rate = 0;
    while (spent < WARM_MS) {
      const ms = timeLoop(cell, n);
      spent += ms;
      if (ms >= 5) rate = Math.max(rate, n / ms);
      n = Math.min(n * 2, 2 ** 28);
    }
    cell.n = Math.max(100, Math.round((rate || n / spent) * CELL_MS));
  }
  for (let r = 0; r < rounds; r++) {
    progress(`validators: round ${r + 1}/${rounds}`);
    for (const cell of cells) cell.samples.push((cell.n / timeLoop(cell, cell.n)) * 1000);
  }
  for (const cell of cells) {
    cell.row.ops[cell.impl] = median(cell.samples);
    cell.row.samples[cell.impl] = cell.samples;
    cell.row.n ??= {};
    cell.row.n[cell.impl] = cell.n;
  }

  // Tables.
  const status = (ok) => (ok ? "met" : "NOT met");
  const header = ["schema", "instance", "ours ops/s", "ajv ops/s", "zod ops/s", "ours/ajv", "ours/zod", `>= ajv`, `>= ${TARGETS.zod}x zod`];
  const tableRows = rows.map((r) => {
    if (!r.agree) {
      const says = IMPL_NAMES.map((n) => `${n}: ${r.verdicts[n].ok ? "valid" : "invalid"}`).join(", ");
      return [r.schema, r.instance, "-", "-", "-", "-", "-", "not timed", `disagree (${says})`];
    }
    const vsAjv = r.ops.ours / r.ops.ajv;
    const vsZod = r.ops.ours / r.ops.zod;
    return [r.schema, r.instance, formatOps(r.ops.ours), formatOps(r.ops.ajv), formatOps(r.ops.zod), `${vsAjv.toFixed(2)}x`, `${vsZod.toFixed(1)}x`, status(vsAjv >= TARGETS.ajv), status(vsZod >= TARGETS.zod)];
  });
  const timed = rows.filter((r) => r.agree);
  const failing = (pred) => timed.filter((r) => !pred(r)).map((r) => `${r.schema} ${r.instance}`);
  const slowAjv = failing((r) => r.ops.ours >= TARGETS.ajv * r.ops.ajv);
  const slowZod = failing((r) => r.ops.ours >= TARGETS.zod * r.ops.zod);
  const summary = [
    `target ours >= ajv (full formats) on every row: ${slowAjv.length === 0 ? "met" : `NOT met (${slowAjv.join("; ")})`}`,
    `target ours >= ${TARGETS.zod}x zod on every row: ${slowZod.length === 0 ? "met" : `NOT met (${slowZod.join("; ")})`}`,
    ...(disagreements.length ? [`not timed, the three disagree: ${disagreements.map((r) => `${r.schema} ${r.instance}`).join("; ")}`] : []),
  ];

  // One summary row per instance and peer; a row the three disagree on was not timed and counts as NOT met.
  const ops = (v) => `${formatOps(v)} ops/s`;
  const targets = rows.flatMap((r) => {
    const what = (peer) => `${r.schema}, ${r.instance}: ops/s vs ${peer}`;
    if (!r.agree) return [unmeasured(what("ajv"), { why: "not timed (disagree)", target: `>= ${TARGETS.ajv}x` }), unmeasured(what("zod"), { why: "not timed (disagree)", target: `>= ${TARGETS.zod}x` })];
    return [
      atLeast(what("ajv"), { ours: r.ops.ours, peer: r.ops.ajv, limit: TARGETS.ajv, format: ops }),
      atLeast(what("zod"), { ours: r.ops.ours, peer: r.ops.zod, limit: TARGETS.zod, format: ops }),
    ];
  });

  const versions = {
    ajv: versionOf(repo, "ajv"),
    formats: versionOf(repo, "ajv-formats"),
    zod: versionOf(repo, "zod"),
    hey: versionOf(repo, "@hey-api/openapi-ts"),
  };
  const how = quick
    ? `${rounds} round(s) of ${QUICK_N} iterations per cell after one short untimed loop (quick)`
    : `${rounds} round(s), median; each cell warmed up for >= ${WARM_MS} ms, its iteration count then fixed at ~${CELL_MS} ms`;
  const calls = [
    `ours: validateX(value) of the generated package (public API: {ok, value} | {ok: false, errors: Issue[]}), generated with --targets validators`,
    `ajv:  ajv ${versions.ajv} Ajv2020 {allErrors: true, strict: false} + ajv-formats ${versions.formats} full, compiled at runtime; validate(value) -> boolean, errors on validate.errors`,
    `zod:  zod ${versions.zod} as @hey-api/openapi-ts ${versions.hey}'s zod plugin emits it; zX.safeParse(value)`,
  ];
  const title = "Validators: validations per second";
  const text = [
    `${title}, ${how}`,
    ...calls.map((l) => `  ${l}`),
    "",
    textTable(header, tableRows),
    "",
    ...summary,
  ].join("\n");

  const instanceLines = rows.map((r) => {
    const says = IMPL_NAMES.map((n) => `${n} ${r.verdicts[n].ok ? "valid" : `\`${r.verdicts[n].first}\``}`).join("; ");
    return `- ${r.schema}, ${r.instance}: ${r.detail}. ${r.valid ? "Verdicts" : "First complaint"}: ${says}.`;
  });
  const markdown = [
    `## ${title}`,
    "",
    `Schemas: ${cases.map((c) => `\`${c.component}\` of \`${c.spec}\``).join(", ")}. ${how[0].toUpperCase()}${how.slice(1)}; interleaved ours, ajv, zod per row. Higher is better.`,
    "",
    `- ours: the generated package's ${cases.map((c) => `\`validate${c.typeName}\``).join(" / ")} (the public API, returning \`{ ok, value }\` or \`{ ok: false, errors }\` with readable issues), from \`specforge generate <spec> --targets validators\`; the \`src/*.ts\` modules \`validators.js\` imports compiled with \`transpileModule\`; the JavaScript the package ships (\`validators\`, \`validators-compiled\`) copied as is`,
    `- ajv: ajv ${versions.ajv} \`Ajv2020\` with \`{ allErrors: true, strict: false }\` (all errors, as the generated package) and ajv-formats ${versions.formats} in \`full\` mode, compiled at runtime from the spec's components (refs rewritten, \`x-\` extensions stripped, 3.0 \`nullable\` as our normalize step does); \`validate(value)\` returning a boolean`,
    `- zod: zod ${versions.zod}, the schemas @hey-api/openapi-ts ${versions.hey}'s \`zod\` plugin emits for the same spec (${cases.map((c) => `\`${c.zodName}\``).join(", ")}); \`safeParse(value)\``,
    "",
    markdownTable(header, tableRows),
    "",
    ...summary.map((s) => `- ${s}`),
    "",
    "Instances (all three must agree on valid/invalid before a row is timed):",
    "",
    ...instanceLines,
    ...(timed.length
      ? [
          "",
          "Every round (ops/s), in order, and the fixed iteration count per cell:",
          "",
          ...timed.map((r) => `- ${r.schema}, ${r.instance}: ${IMPL_NAMES.map((n) => `${n} ${r.samples[n].map(formatOps).join(", ")} (n=${r.n[n]})`).join("; ")}`),
        ]
      : []),
  ].join("\n");

  return { rows, text, markdown, targets };
}

/** The section for bench/run.mjs. */
export const validators = {
  name: "validators",
  title: "Validators: validations per second",
  async run(ctx) {
    const { text, markdown, targets } = await runValidators(ctx);
    return { text, markdown, targets };
  },
};

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { quick: { type: "boolean", default: false }, runs: { type: "string" } } });
  const runs = values.runs === undefined ? (values.quick ? 1 : 5) : Number(values.runs);
  const repo = fileURLToPath(new URL("..", import.meta.url));
  const tmpRoot = mkdtempSync(path.join(os.tmpdir(), "specforge-bench-"));
  runValidators({ repo, tmpRoot, runs, quick: values.quick, progress: (line) => process.stderr.write(`${line}\n`) })
    .then(
      (r) => process.stdout.write(`${r.text}\n`),
      (e) => {
        process.stderr.write(`bench: ${e?.stack ?? String(e)}\n`);
        process.exitCode = 1;
      },
    )
    .finally(() => rmSync(tmpRoot, { recursive: true, force: true }));
}
