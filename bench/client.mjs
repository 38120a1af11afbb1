/**
 * Benchmark section "client": the per-call overhead of a generated client over calling the same stub
 * `fetch` directly (and reading the body with `res.json()`), against openapi-fetch and @hey-api/openapi-ts's
 * sdk, on one operation (bankingservice's `listCustomers`: a path parameter, two query parameters, a
 * bearer token, a JSON answer), in one interleaved run; and the size of the client runtime, minified
 * (rolldown, which vitest brings) and gzipped.
 *
 * Target (client issue): our overhead at most a quarter of openapi-fetch's; runtime under 5 kB min+gz.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import ts from "typescript";
import { parse } from "yaml";
import { median } from "./lib/measure.mjs";
import { markdownTable, textTable } from "./lib/table.mjs";
import { atMost, bound } from "./lib/targets.mjs";

export const TARGETS = { overheadVsOpenapiFetch: 0.25, runtimeBytes: 5000 };

const SPEC = "specs/bankingservice.yaml";
const PACKAGE = "generated/bankingservice";
const BASE = "http://bench.invalid";
const PROFILE = "prof 1";
const TOKEN = "token-123";

export const client = {
  name: "client",
  title: "Client: per-call overhead over a stub fetch",

  /**
   * @param {{ repo: string, tmpRoot: string, runs: number, warmup: boolean, quick: boolean, progress: (line: string) => void }} ctx
   * @returns {Promise<{ text: string, markdown: string, targets: object[] }>}
   */
  async run(ctx) {
    const { repo, tmpRoot, progress } = ctx;
    const dir = path.join(tmpRoot, "client");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');

    progress("client: transpiling our generated bankingservice client");
    transpileDir(path.join(repo, PACKAGE, "src"), path.join(dir, "ours"));
    progress("client: generating the @hey-api/openapi-ts sdk for the same spec");
    const heyBin = path.join(repo, "node_modules/@hey-api/openapi-ts/bin/run.js");
    await promisify(execFile)(process.execPath, [heyBin, "-i", path.join(repo, SPEC), "-o", path.join(dir, "hey-src")], { cwd: dir });
    transpileDir(path.join(dir, "hey-src"), path.join(dir, "hey"));

    const example = exampleBody(repo);
    const body = JSON.stringify(example);
    const headers = { "content-type": "application/json" };
    const stub = async () => new Response(body, { status: 200, headers });

    const ours = await import(pathToFileURL(path.join(dir, "ours/client.js")).href);
    const oursClient = ours.createBankingserviceClient({ baseUrl: BASE, fetch: stub, auth: { oauth2: TOKEN } });
    const createFetchClient = (await import("openapi-fetch")).default;
    const fetchClient = createFetchClient({ baseUrl: BASE, fetch: stub, headers: { Authorization: `Bearer ${TOKEN}` } });
    const hey = await import(pathToFileURL(path.join(dir, "hey/sdk.gen.js")).href);
    const heyClient = (await import(pathToFileURL(path.join(dir, "hey/client.gen.js")).href)).client;
    heyClient.setConfig({ baseUrl: BASE, fetch: stub, auth: () => TOKEN });

    const query = { page: 0, size: 20 };
    const direct = () =>
      stub(`${BASE}/v1/profiles/${encodeURIComponent(PROFILE)}/customers?page=${query.page}&size=${query.size}`, {
        method: "GET",
        headers: { accept: "application/json", authorization: `Bearer ${TOKEN}` },
      });
    const variants = [
      { name: "stub fetch + res.json()", baseline: true, call: async () => (await direct()).json() },
      { name: "stub fetch + res.text() + JSON.parse", baseline: true, call: async () => JSON.parse(await (await direct()).text()) },
      { name: `specforge ${versionOf(path.join(repo, "package.json"))}`, call: () => oursClient.listCustomers({ path: { profileId: PROFILE }, query }) },
      {
        name: `openapi-fetch ${versionOf(path.join(repo, "node_modules/openapi-fetch/package.json"))}`,
        call: async () => (await fetchClient.GET("/v1/profiles/{profileId}/customers", { params: { path: { profileId: PROFILE }, query } })).data,
      },
      {
        name: `@hey-api/openapi-ts ${versionOf(path.join(repo, "node_modules/@hey-api/openapi-ts/package.json"))}`,
        call: async () => (await hey.listCustomers({ path: { profileId: PROFILE }, query, throwOnError: true })).data,
      },
    ];
    for (const v of variants) {
      const got = JSON.stringify(await v.call());
      if (got !== body) throw new Error(`${v.name} returned ${got.slice(0, 80)}... instead of the example`);
    }

    // Many short interleaved batches, medians: robust to a busy machine's bursts.
    const calls = ctx.quick ? 300 : 1000;
    const rounds = ctx.quick ? 12 : 100;
    for (const v of variants) await perCall(v.call, ctx.quick ? 2000 : 20000);
    const samples = variants.map(() => []);
    for (let r = 0; r < rounds; r++) {
      // Rotate the order so no tool always runs first (or right after a collection).
      for (let k = 0; k < variants.length; k++) {
        const i = (k + r) % variants.length;
        samples[i].push(await perCall(variants[i].call, calls));
      }
      if ((r + 1) % Math.ceil(rounds / 4) === 0) progress(`client: ${r + 1}/${rounds} rounds`);
    }
    const medians = samples.map(median);
    // The faster of the two direct calls is the baseline: a client reading the body either way pays no more.
    const base = Math.min(...medians.filter((_, i) => variants[i].baseline));
    const overhead = medians.map((m) => m - base);
    const at = (prefix) => variants.findIndex((v) => v.name.startsWith(prefix));
    const [oursI, fetchI, heyI] = [at("specforge"), at("openapi-fetch"), at("@hey-api")];
    const ratio = overhead[oursI] / overhead[fetchI];

    progress("client: measuring the runtime's size (rolldown --minify, gzip -9)");
    const size = await runtimeSize(dir);

    const header = ["tool", "µs/call (median)", "overhead µs/call", "x baseline"];
    const rows = variants.map((v, i) => [v.name, medians[i].toFixed(2), v.baseline ? "-" : overhead[i].toFixed(2), (medians[i] / base).toFixed(2)]);
    const status = (ok) => (ok ? "met" : "NOT met");
    const targetHeader = ["target", "value", "target", "status"];
    const targets = [
      atMost("per-call overhead vs openapi-fetch", { ours: overhead[oursI], peer: overhead[fetchI], limit: TARGETS.overheadVsOpenapiFetch, format: (v) => `${v.toFixed(2)} µs` }),
      bound("client runtime, min+gz", { ours: `${size.runtime} B`, target: `< ${TARGETS.runtimeBytes} B`, met: size.runtime < TARGETS.runtimeBytes }),
    ];
    const targetRows = [
      ["overhead ours / openapi-fetch", `${ratio.toFixed(2)}x`, `<= ${TARGETS.overheadVsOpenapiFetch}x`, status(ratio <= TARGETS.overheadVsOpenapiFetch)],
      ["overhead ours / hey-api", `${(overhead[oursI] / overhead[heyI]).toFixed(2)}x`, "-", "-"],
      ["runtime min+gz (client-runtime.ts)", `${size.runtime} B`, `< ${TARGETS.runtimeBytes} B`, status(size.runtime < TARGETS.runtimeBytes)],
    ];
    const how = `${rounds} rounds of ${calls} sequential awaited calls per tool, interleaved, after ${ctx.quick ? 2000 : 20000} warm-up calls each; medians; overhead over the faster direct call`;
    const sizes = `sizes min+gz: runtime ${size.runtime} B (${size.runtimeMin} B minified); an app calling one bankingservice method, runtime and operation table included: ${size.app} B (${size.appWith} B with \`createBankingserviceClientWith({ getCustomer })\`)`;
    const text = [`${this.title}: ${SPEC} listCustomers, ${how}`, "", textTable(header, rows), "", textTable(targetHeader, targetRows), "", sizes].join("\n");
    const markdown = [
      `## ${this.title}`,
      "",
      `Operation: \`listCustomers\` of \`${SPEC}\` (GET with a path parameter, two query parameters, a bearer token; a ${body.length}-byte JSON answer). `
        + `The stub \`fetch\` returns a new \`Response\` each call; the baselines call it directly and read the body with \`res.json()\` or \`res.text()\` + \`JSON.parse\`. ${how}.`,
      "",
      markdownTable(header, rows),
      "",
      markdownTable(targetHeader, targetRows),
      "",
      `${sizes[0].toUpperCase()}${sizes.slice(1)}.`,
    ].join("\n");
    return { text, markdown, targets };
  },
};

async function perCall(call, n) {
  const start = performance.now();
  for (let i = 0; i < n; i++) await call();
  return ((performance.now() - start) * 1000) / n;
}

function transpileDir(from, to) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    const src = path.join(from, entry);
    if (statSync(src).isDirectory()) {
      transpileDir(src, path.join(to, entry));
    } else if (entry.endsWith(".js")) {
      // generated as JavaScript (the client's operation table): used as it is
      copyFileSync(src, path.join(to, entry));
    } else if (entry.endsWith(".ts") && !entry.endsWith(".d.ts")) {
      const js = ts.transpileModule(readFileSync(src, "utf8"), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
      writeFileSync(path.join(to, entry.replace(/\.ts$/, ".js")), js);
    }
  }
}

/** The spec's example of the 200 of listCustomers: what the stub answers. */
function exampleBody(repo) {
  const spec = parse(readFileSync(path.join(repo, SPEC), "utf8"));
  const examples = spec.paths["/v1/profiles/{profileId}/customers"].get.responses["200"].content["application/json"].examples;
  return Object.values(examples)[0].value;
}

/** Bytes of the runtime alone, and of a small app that calls one method (through the whole client, and through a client of that one operation), minified by rolldown and gzipped. */
async function runtimeSize(dir) {
  const { rolldown } = await import("rolldown");
  const bundle = async (input) => {
    const b = await rolldown({ input, logLevel: "silent" });
    const { output } = await b.generate({ format: "esm", minify: true });
    await b.close();
    return output[0].code;
  };
  const runtime = await bundle(path.join(dir, "ours/client-runtime.js"));
  const app = path.join(dir, "app.js");
  writeFileSync(app, 'import { createBankingserviceClient } from "./ours/client.js";\nconsole.log(await createBankingserviceClient().getCustomer({ path: { profileId: "p", customerId: "c" } }));\n');
  const appCode = await bundle(app);
  // the same app with a client of that one operation: the rest of the table left out
  const appWith = path.join(dir, "app-with.js");
  writeFileSync(appWith, 'import { createBankingserviceClientWith } from "./ours/client.js";\nimport { getCustomer } from "./ours/operations.js";\nconsole.log(await createBankingserviceClientWith({ getCustomer }).getCustomer({ path: { profileId: "p", customerId: "c" } }));\n');
  const appWithCode = await bundle(appWith);
  const gz = (code) => gzipSync(code, { level: 9 }).length;
  return { runtime: gz(runtime), runtimeMin: Buffer.byteLength(runtime), app: gz(appCode), appWith: gz(appWithCode) };
}

function versionOf(packageJson) {
  return JSON.parse(readFileSync(packageJson, "utf8")).version;
}
