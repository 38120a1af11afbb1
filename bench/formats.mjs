/**
 * Benchmark section "formats": the string format checkers the generated validators call at runtime
 * (templates/validators/formats.ts) against ajv-formats' `full` and `fast` modes, in checks per second,
 * on realistic valid and on invalid strings of each format.
 *
 *   node bench/formats.mjs [--quick] [--only date-time,uri]
 *
 * Our TypeScript is compiled with typescript's transpileModule into a temporary .mjs and imported. Each
 * measured cell (format x valid/invalid x implementation) gets its own loop function, made with
 * `new Function`, so that no call site sees more than one checker (a shared loop would turn megamorphic
 * and slow every implementation alike). Cells are interleaved over rounds; the table shows the median.
 *
 * Target (validators issue): ours at least as fast as ajv-formats full; its fast mode (looser checks) is
 * shown for scale. Absolute figures are noisy on a shared machine: compare the ratios of one run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import ts from "typescript";
import { median } from "./lib/measure.mjs";
import { markdownTable, textTable } from "./lib/table.mjs";
import { atLeast } from "./lib/targets.mjs";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const SOURCE = "templates/validators/formats.ts";

/** Realistic inputs: what an API sends (valid) and typical mistakes (invalid). Both peers agree on all. */
export const SAMPLES = {
  date: {
    valid: ["2024-02-29", "1999-12-31", "2023-06-15", "2000-01-01"],
    invalid: ["2023-02-29", "2024-13-01", "2024-1-1", "not a date"],
  },
  time: {
    valid: ["08:30:06Z", "23:59:60Z", "12:00:00.123+01:00", "00:00:00-08:00"],
    invalid: ["24:00:00Z", "12:00:00", "12:60:00Z", "08:30:06 PST"],
  },
  "date-time": {
    valid: ["2024-05-01T12:34:56Z", "2011-04-14T16:00:49.123456Z", "2024-02-29T23:59:59+05:30", "1998-12-31T23:59:60Z"],
    invalid: ["2024-05-01", "2024-02-30T00:00:00Z", "2024-05-01T25:00:00Z", "2024-05-01T12:34:56"],
  },
  duration: {
    valid: ["P3Y6M4DT12H30M5S", "PT15M", "P1D", "P2W"],
    invalid: ["P", "PT1D", "P1.5D", "3 days"],
  },
  email: {
    valid: ["octocat@github.com", "first.last+tag@example.co.uk", "user_name@sub.domain.org", "x@y.io"],
    invalid: ["plainaddress", "@missing-local.org", "user@.com", "user name@example.com"],
  },
  hostname: {
    valid: ["api.github.com", "localhost", "xn--9n2bp8q.xn--9t4b11yi5a", "a-b.c-d.example"],
    invalid: ["-bad.example", "bad_host.example", "exa mple.com", "a..b"],
  },
  ipv4: {
    valid: ["192.168.0.1", "10.0.0.255", "8.8.8.8", "172.16.254.1"],
    invalid: ["256.1.1.1", "1.2.3", "01.2.3.4", "a.b.c.d"],
  },
  ipv6: {
    valid: ["2001:db8::1", "::1", "fe80::1ff:fe23:4567:890a", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "::ffff:192.0.2.128"],
    invalid: ["2001:db8::g", "1::2::3", "12345::", "1.2.3.4"],
  },
  uri: {
    valid: [
      "https://api.github.com/repos/octocat/Hello-World",
      "https://github.com/octocat/Hello-World/pull/1347#issuecomment-1",
      "http://example.com:8080/path?query=1&b=2",
      "mailto:octocat@github.com",
      "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
    ],
    invalid: ["/relative/path", "http://exa mple.com", "https://example.com/%zz", "not a uri"],
  },
  "uri-reference": {
    valid: ["/repos/octocat/Hello-World", "../up/one?x=1", "#section", "https://api.github.com/users/octocat"],
    invalid: ["\\\\server\\share", "/a b", "#frag#more", "http://[::1/"],
  },
  "uri-template": {
    valid: [
      "https://api.github.com/repos/{owner}/{repo}/issues{/number}",
      "https://api.github.com/user/repos{?type,page,per_page,sort}",
      "/users{/user}",
      "{+path}/here",
    ],
    invalid: ["/users/{user", "{}", "/a b", "{v:0}"],
  },
  uuid: {
    valid: ["f81d4fae-7dec-11d0-a765-00a0c91e6bf6", "123e4567-e89b-12d3-a456-426614174000", "00000000-0000-0000-0000-000000000000", "C56A4180-65AA-42EC-A945-5FD21DEC0538"],
    invalid: ["f81d4fae7dec11d0a76500a0c91e6bf6", "f81d4fae-7dec-11d0-a765-00a0c91e6bf", "g81d4fae-7dec-11d0-a765-00a0c91e6bf6", "not-a-uuid"],
  },
  "json-pointer": {
    valid: ["", "/foo/0", "/a~1b/c~0d", "/paths/~1users~1{id}/get"],
    invalid: ["foo", "/a~2", "/~", "#/foo"],
  },
  "relative-json-pointer": {
    valid: ["0", "1/foo", "2/0/bar", "0#"],
    invalid: ["/foo", "-1", "01", "0##"],
  },
  regex: {
    valid: ["^[a-z]+$", "^\\d{3}-\\d{4}$", "(?<year>\\d{4})-(?<month>\\d{2})", "^[\\w.+-]+@[\\w-]+\\.[\\w.]+$"],
    invalid: ["^(abc", "[a-z", "*abc", "(?P<n>x)"],
  },
  byte: {
    valid: [
      "aGVsbG8gd29ybGQ=",
      "U3BlY2ZvcmdlIQ==",
      "QUJD",
      "TG9yZW0gaXBzdW0gZG9sb3Igc2l0IGFtZXQsIGNvbnNlY3RldHVyIGFkaXBpc2NpbmcgZWxpdCwgc2VkIGRvIGVpdXNtb2Qu",
    ],
    invalid: ["aGVsbG8gd29ybGQ", "aGVsbG8_d29ybGQ=", "a===", "hello world"],
  },
};

/** Compiles templates/validators/formats.ts (and idna.ts, which it imports) to temporary .mjs files and imports them. */
export async function loadOurFormats() {
  const js = (file) =>
    ts.transpileModule(readFileSync(path.join(REPO, "templates/validators", file), "utf8"), {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
      fileName: file,
    }).outputText;
  const dir = mkdtempSync(path.join(os.tmpdir(), "specforge-bench-formats-"));
  try {
    writeFileSync(path.join(dir, "idna.mjs"), js("idna.ts"));
    const file = path.join(dir, "formats.mjs");
    writeFileSync(file, js("formats.ts").replace(/(["'])\.\/idna\.js\1/, '"./idna.mjs"'));
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** ajv-formats' definition of a format as a plain `(string) => boolean`, the way ajv's code calls it. */
function ajvChecker(def, name) {
  if (def === undefined) throw new Error(`ajv-formats has no '${name}'`);
  if (def === true) return () => true;
  if (def instanceof RegExp) return (s) => def.test(s);
  if (typeof def === "function") return def;
  const v = def.validate;
  if (v instanceof RegExp) return (s) => v.test(s);
  return v;
}

/** A fresh loop function (own feedback, so the call of `f` stays monomorphic) running `f` over `inputs` n times. */
function freshLoop() {
  // eslint-disable-next-line no-new-func
  return new Function(
    "f",
    "inputs",
    "n",
    "let hits = 0; const len = inputs.length; for (let i = 0; i < n; i++) { if (f(inputs[i % len]) === true) hits++; } return hits;",
  );
}

/** Calls per second of `f` over `inputs`, timing at least `ms` milliseconds. */
function opsPerSecond(loop, f, inputs, ms) {
  let n = 256;
  for (;;) {
    const start = performance.now();
    const hits = loop(f, inputs, n);
    const elapsed = performance.now() - start;
    if (hits < 0) throw new Error("unreachable"); // uses the result, so the loop cannot be optimized away
    if (elapsed >= ms) return (n / elapsed) * 1000;
    n = Math.min(n * Math.max(2, Math.ceil(ms / Math.max(elapsed, 0.05))), 2 ** 30);
  }
}

function formatOps(ops) {
  if (ops >= 1e6) return `${(ops / 1e6).toFixed(1)}M`;
  if (ops >= 1e3) return `${(ops / 1e3).toFixed(0)}k`;
  return ops.toFixed(0);
}

/**
 * Runs the section. Resolves to { header, rows, results, text, markdown }: `rows` are the table's cells
 * as strings, `results` the numbers ({ format, kind, ours, full, fast } in checks per second).
 */
export async function runFormats({ quick = false, only = undefined, progress = () => {} } = {}) {
  const ours = (await loadOurFormats()).formats;
  const require = createRequire(import.meta.url);
  const { fullFormats, fastFormats } = require("ajv-formats/dist/formats.js");
  const ajvVersion = JSON.parse(readFileSync(path.join(REPO, "node_modules/ajv-formats/package.json"), "utf8")).version;
  const cellMs = quick ? 5 : 100;
  const rounds = quick ? 1 : 5; // the slowest row is a minimum over 32 noisy ratios: medians of 5 keep it honest

  const selected = Object.entries(SAMPLES).filter(([format]) => !only || only.includes(format));
  if (selected.length === 0) throw new Error(`no such format: ${only}`);
  const cells = [];
  for (const [format, kinds] of selected) {
    const impls = {
      ours: ours[format],
      full: ajvChecker(fullFormats[format], format),
      fast: ajvChecker(fastFormats[format], format),
    };
    if (typeof impls.ours !== "function") throw new Error(`${SOURCE} has no checker for '${format}'`);
    for (const [kind, inputs] of Object.entries(kinds)) {
      // Both peers must agree with the labels, or the comparison would time different work.
      for (const [impl, f] of Object.entries(impls)) {
        if (impl === "fast") continue;
        for (const s of inputs) {
          if (f(s) !== (kind === "valid")) throw new Error(`bench sample ${JSON.stringify(s)} is not ${kind} for ${impl} '${format}'`);
        }
      }
      for (const [impl, f] of Object.entries(impls)) cells.push({ format, kind, impl, f, inputs, loop: freshLoop(), samples: [] });
    }
  }

  progress("formats: warm-up");
  for (const c of cells) opsPerSecond(c.loop, c.f, c.inputs, quick ? 2 : 10);
  for (let r = 0; r < rounds; r++) {
    progress(`formats: round ${r + 1}/${rounds} (${cells.length} cells, ${cellMs} ms each)`);
    for (const c of cells) c.samples.push(opsPerSecond(c.loop, c.f, c.inputs, cellMs));
  }

  const results = [];
  for (const [format, kinds] of selected) {
    for (const kind of Object.keys(kinds)) {
      const get = (impl) => median(cells.find((c) => c.format === format && c.kind === kind && c.impl === impl).samples);
      results.push({ format, kind, ours: get("ours"), full: get("full"), fast: get("fast") });
    }
  }

  const header = ["format", "inputs", "ours (checks/s)", `ajv-formats full`, `ajv-formats fast`, "ours/full", "ours/fast"];
  const rows = results.map((r) => [
    r.format,
    r.kind,
    formatOps(r.ours),
    formatOps(r.full),
    formatOps(r.fast),
    `${(r.ours / r.full).toFixed(2)}x`,
    `${(r.ours / r.fast).toFixed(2)}x`,
  ]);
  const geomean = (key) => Math.exp(results.reduce((s, r) => s + Math.log(r.ours / r[key]), 0) / results.length);
  const slower = results.filter((r) => r.ours < r.full).map((r) => `${r.format} ${r.kind}`);
  const summary = [
    `geometric mean of ours/full: ${geomean("full").toFixed(2)}x, of ours/fast: ${geomean("fast").toFixed(2)}x`,
    `rows where ours is slower than ajv-formats full: ${slower.length === 0 ? "none" : slower.join(", ")}`,
  ];
  const how = `${rounds} round(s) of ${cellMs} ms per cell, median, after a warm-up`;
  const title = "Formats: string format checks per second";
  const text = [`${title}: ours vs ajv-formats ${ajvVersion} (full and fast modes), ${how}`, "", textTable(header, rows), "", ...summary].join("\n");
  const markdown = [
    `## ${title}`,
    "",
    `\`${SOURCE}\` against ajv-formats ${ajvVersion} in its \`full\` and \`fast\` modes, on the strings of \`SAMPLES\` in \`bench/formats.mjs\` (4-5 realistic valid or invalid strings per row, cycled). ${how[0].toUpperCase()}${how.slice(1)}. Higher is better; \`fast\` differs from \`full\` only for date, time, date-time, uri, uri-reference and email, and is looser there.`,
    "",
    markdownTable(header, rows),
    "",
    ...summary.map((s) => `- ${s}`),
  ].join("\n");
  // One summary row: the slowest of the rows relative to ajv-formats full (the target holds on every row
  // only if it holds there); the section's own table has them all, fast mode shown for scale only.
  const worst = results.reduce((w, r) => (r.ours / r.full < w.ours / w.full ? r : w));
  const targets = [
    atLeast(`checks/s vs ajv-formats full, slowest of ${results.length} rows (${worst.format} ${worst.kind})`, { ours: worst.ours, peer: worst.full, limit: 1, format: (v) => `${formatOps(v)}/s` }),
  ];
  return { header, rows, results, text, markdown, targets };
}

/** The section for bench/run.mjs (add it to SECTIONS there). */
export const formats = {
  name: "formats",
  title: "Formats: string format checks per second",
  async run(ctx) {
    const { text, markdown, targets } = await runFormats({ quick: ctx.quick, progress: ctx.progress });
    return { text, markdown, targets };
  },
};

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { quick: { type: "boolean", default: false }, only: { type: "string" } } });
  const only = values.only?.split(",").map((f) => f.trim());
  runFormats({ quick: values.quick, only, progress: (line) => process.stderr.write(`${line}\n`) }).then(
    (r) => process.stdout.write(`${r.text}\n`),
    (e) => {
      process.stderr.write(`bench: ${e?.stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
