/**
 * Benchmark section "server": requests per second of one operation with a JSON body and validation on
 * (lumyri's createCustomer: bearer token + x-app-id, a body with nested addresses and an email format),
 * served by our node adapter, by our Web handler bridged through Request/Response, and by Fastify 5 with
 * the same JSON Schema on its route. Each server runs in its own process; autocannon drives it from this
 * one; rounds are interleaved (ours, web, fastify, ours, ...) so a slow spell hits all three. Next to req/s,
 * each round charges the server process's own CPU time (process.cpuUsage) to the requests it answered:
 * a figure the load of other processes on the machine moves much less than req/s.
 *
 * Targets (server issue): ours >= Fastify's throughput; the Web handler within 1.5x of Fastify's.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { parse } from "yaml";
import autocannon from "autocannon";
import { median } from "./lib/measure.mjs";
import { markdownTable, textTable } from "./lib/table.mjs";
import { atLeast, atMost } from "./lib/targets.mjs";

export const TARGETS = { oursVsFastify: 1, webVsFastify: 1 / 1.5 };

const PIPELINING = 10;
const APP_ID = "14e43e28-7e6d-461e-b1c9-7c54736f4331";

export const server = {
  name: "server",
  title: "Server: requests per second, one JSON-body operation with validation",

  /** @param {{ repo: string, tmpRoot: string, runs: number, warmup: boolean, quick: boolean, progress: (line: string) => void }} ctx */
  async run(ctx) {
    const { repo, tmpRoot, progress, quick } = ctx;
    const dir = path.join(tmpRoot, "server");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');
    progress("server: transpiling our generated lumyri server");
    transpileDir(path.join(repo, "generated/lumyri/src"), path.join(dir, "ours"));
    const fixture = fixtureOf(repo);
    const fixtureFile = path.join(dir, "fixture.json");
    writeFileSync(fixtureFile, JSON.stringify(fixture));

    const duration = quick ? 1 : 5;
    const connections = 100;
    const rounds = ctx.runs;
    const variants = [
      { kind: "ours-node", name: `specforge ${versionOf(path.join(repo, "package.json"))}, node adapter` },
      { kind: "ours-web", name: "specforge Web handler, bridged via node adapter" },
      { kind: "fastify", name: `fastify ${versionOf(path.join(repo, "node_modules/fastify/package.json"))}` },
    ];
    const children = [];
    const request = {
      method: "POST",
      headers: { authorization: "Bearer bench-token", "x-app-id": APP_ID, "content-type": "application/json" },
      body: JSON.stringify(fixture.body),
    };
    try {
      for (const v of variants) {
        const { child, port, cpu } = await startServer(repo, v.kind, path.join(dir, "ours"), fixtureFile);
        children.push(child);
        v.url = `http://127.0.0.1:${port}/users/customers`;
        v.cpu = cpu;
        v.rps = [];
        v.p99 = [];
        v.cpuPerRequest = [];
      }
      for (const v of variants) await check(v, request, fixture.reply);
      if (ctx.warmup) {
        progress("server: warm-up (1 s each)");
        for (const v of variants) await load(v.url, request, 1, connections);
      }
      for (let round = 1; round <= rounds; round++) {
        for (const v of variants) {
          progress(`server: round ${round}/${rounds}, ${v.name}, ${duration} s x ${connections} connections`);
          const before = await v.cpu();
          const r = await load(v.url, request, duration, connections);
          const after = await v.cpu();
          v.rps.push(r.requests.average);
          v.p99.push(r.latency.p99);
          v.cpuPerRequest.push((after - before) / r.requests.total);
        }
      }
    } finally {
      for (const c of children) c.stdin.end();
    }

    const [ours, web, fastify] = variants.map((v) => ({ ...v, rps: median(v.rps), p99: median(v.p99), cpuPerRequest: median(v.cpuPerRequest) }));
    const header = ["server", "req/s (median)", "p99 latency ms", "vs fastify", "server CPU µs/request (median)", "fastify's / this"];
    const rows = [ours, web, fastify].map((v) => [
      v.name,
      v.rps.toFixed(0),
      v.p99.toFixed(1),
      `${(v.rps / fastify.rps).toFixed(2)}x`,
      v.cpuPerRequest.toFixed(1),
      `${(fastify.cpuPerRequest / v.cpuPerRequest).toFixed(2)}x`,
    ]);
    const oursRatio = ours.rps / fastify.rps;
    const webRatio = fastify.rps / web.rps;
    const cpuRatio = ours.cpuPerRequest / fastify.cpuPerRequest;
    const targets = [
      ["ours / fastify (throughput)", `${oursRatio.toFixed(2)}x`, ">= 1.00x", oursRatio >= TARGETS.oursVsFastify ? "met" : "NOT met"],
      ["ours / fastify (server CPU per request)", `${cpuRatio.toFixed(2)}x`, "<= 1.00x", cpuRatio <= 1 / TARGETS.oursVsFastify ? "met" : "NOT met"],
      ["fastify / Web handler (throughput)", `${webRatio.toFixed(2)}x`, "<= 1.5x", web.rps / fastify.rps >= TARGETS.webVsFastify ? "met" : "NOT met"],
    ];
    const setup = `POST /users/customers (lumyri createCustomer, ${Buffer.byteLength(request.body)} B JSON body, validated; bearer + x-app-id), ${connections} connections x ${PIPELINING} pipelined requests (as Fastify's own benchmarks), ${duration} s per round, ${rounds} round(s) interleaved; each server in its own process, autocannon ${versionOf(path.join(repo, "node_modules/autocannon/package.json"))} in the bench process`;
    // The spread: ours vs Fastify within each round (the two measured seconds apart), round by round.
    const [oursRounds, , fastifyRounds] = variants;
    const paired = (label, f) => `${label} ${oursRounds.rps.map((_, i) => `${f(i).toFixed(2)}x`).join(" ")}`;
    const spread = `Ours vs Fastify per round: ${paired("req/s", (i) => oursRounds.rps[i] / fastifyRounds.rps[i])}; ${paired("CPU per request (Fastify's / ours)", (i) => fastifyRounds.cpuPerRequest[i] / oursRounds.cpuPerRequest[i])}`;
    const text = [`== ${this.title}`, setup, "", textTable(header, rows), spread, "", textTable(["target", "measured", "target", "status"], targets)].join("\n");
    const markdown = [`## ${this.title}`, "", setup + ".", "", markdownTable(header, rows), "", spread + ".", "", markdownTable(["target", "measured", "target", "status"], targets)].join("\n");
    const rps = (n) => `${n.toFixed(0)} req/s`;
    const us = (n) => `${n.toFixed(1)} µs`;
    const targetRows = [
      atLeast("node adapter, req/s vs Fastify 5 (same route schema)", { ours: ours.rps, peer: fastify.rps, limit: TARGETS.oursVsFastify, format: rps }),
      atMost("node adapter, server CPU per request vs Fastify 5", { ours: ours.cpuPerRequest, peer: fastify.cpuPerRequest, limit: 1 / TARGETS.oursVsFastify, format: us }),
      atLeast("Web handler via node adapter, req/s vs Fastify 5 (within 1.5x)", { ours: web.rps, peer: fastify.rps, limit: Number(TARGETS.webVsFastify.toFixed(2)), format: rps }),
    ];
    return { text, markdown, targets: targetRows };
  },
};

/** Starts one server process; `cpu()` asks it for the CPU time (µs, user + system) it has used so far. */
function startServer(repo, kind, dir, fixtureFile) {
  const child = spawn(process.execPath, [path.join(repo, "bench/server-process.mjs"), kind, dir, fixtureFile], { cwd: repo, stdio: ["pipe", "pipe", "inherit"] });
  const waiting = [];
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d) => {
      out += d;
      let nl;
      while ((nl = out.indexOf("\n")) >= 0) {
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        const listening = /^listening (\d+)$/.exec(line);
        if (listening) resolve({ child, port: Number(listening[1]), cpu });
        const cpuLine = /^cpu (\d+)$/.exec(line);
        if (cpuLine) waiting.shift()?.(Number(cpuLine[1]));
      }
    });
    child.once("exit", (code) => reject(new Error(`bench server ${kind} exited with ${code}`)));
  });
  function cpu() {
    return new Promise((resolve) => {
      waiting.push(resolve);
      child.stdin.write("cpu\n");
    });
  }
}

/** One request first: the bench measures 200s with the expected body, never fast errors. */
async function check(v, request, reply) {
  const res = await fetch(v.url, { method: "POST", headers: request.headers, body: request.body });
  const body = await res.json();
  if (res.status !== 200 || JSON.stringify(body) !== JSON.stringify(reply)) throw new Error(`${v.name} answered ${res.status}: ${JSON.stringify(body).slice(0, 200)}`);
  const bad = await fetch(v.url, { method: "POST", headers: request.headers, body: JSON.stringify({ email: "not an email" }) });
  if (bad.status !== 400) throw new Error(`${v.name} did not validate the body (answered ${bad.status})`);
}

async function load(url, request, duration, connections) {
  const r = await autocannon({ url, connections, duration, pipelining: PIPELINING, ...request });
  if (r.errors || r.timeouts || r.non2xx) throw new Error(`autocannon on ${url}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx`);
  return r;
}

/** The request example and the 200 example of createCustomer, and the request body's JSON Schema with refs inlined. */
function fixtureOf(repo) {
  const spec = parse(readFileSync(path.join(repo, "specs/lumyri.yaml"), "utf8"));
  const op = spec.paths["/users/customers"].post;
  const first = (content) => Object.values(content["application/json"].examples)[0].value;
  const inline = (node) => {
    if (Array.isArray(node)) return node.map(inline);
    if (node === null || typeof node !== "object") return node;
    if (typeof node.$ref === "string") return inline(node.$ref.slice(2).split("/").reduce((n, k) => n[k], spec));
    const out = {};
    for (const [k, v] of Object.entries(node)) if (!k.startsWith("x-") && k !== "description" && k !== "example" && k !== "examples") out[k] = inline(v);
    return out;
  };
  const requestBody = op.requestBody.$ref ? inline(op.requestBody) : op.requestBody;
  const response = op.responses["200"].$ref ? op.responses["200"].$ref.slice(2).split("/").reduce((n, k) => n[k], spec) : op.responses["200"];
  return { body: first(requestBody.content), reply: first(response.content), schema: inline(requestBody.content["application/json"].schema) };
}

/** Transpiles a folder of TypeScript (the server runtime's subfolder too) to JavaScript, types erased. */
function transpileDir(from, to) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const src = path.join(from, entry.name);
    if (entry.isDirectory()) transpileDir(src, path.join(to, entry.name));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
      const js = ts.transpileModule(readFileSync(src, "utf8"), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
      writeFileSync(path.join(to, entry.name.replace(/\.ts$/, ".js")), js);
    } else if (entry.name.endsWith(".js")) writeFileSync(path.join(to, entry.name), readFileSync(src));
  }
}

function versionOf(packageJson) {
  return JSON.parse(readFileSync(packageJson, "utf8")).version;
}
