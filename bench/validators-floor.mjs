/**
 * Where the validators' time goes: the string checks (`format` and `pattern`) that each valid instance of
 * the validators section needs, timed alone with the checkers the generated code calls
 * (templates/validators/formats.ts, and each `pattern` compiled as the generator compiles it: with the "u"
 * flag, counted repetitions written out, generator/emit/validators/pattern-keyword.ts),
 * in instances per second. Run it next to `node bench/validators.mjs`: where this rate is close to the
 * `ours` column, the generated code adds little beyond these checks, and the ratio to a peer that makes
 * the same checks (zod runs the same patterns) is capped by them.
 *
 *   node bench/validators-floor.mjs
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { loadOurFormats } from "./formats.mjs";
import { CASES } from "./validators.mjs";
import { writtenOutPattern } from "../generator/dist/emit/validators/pattern-keyword.js";

const REPO = fileURLToPath(new URL("..", import.meta.url));

/** The (checker, string) pairs validating `value` against `schema` runs: properties, items, $ref, allOf, anyOf/oneOf branches. */
function stringChecks(doc, schema, value, formats, out) {
  if (!schema || typeof schema !== "object" || value === null || value === undefined) return out;
  if (typeof schema.$ref === "string") return stringChecks(doc, doc.components.schemas[schema.$ref.split("/").pop()], value, formats, out);
  for (const sub of [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) stringChecks(doc, sub, value, formats, out);
  if (typeof value === "string") {
    if (typeof schema.format === "string" && formats[schema.format]) out.push([`format ${schema.format}`, formats[schema.format], value]);
    if (typeof schema.pattern === "string") {
      const re = new RegExp(writtenOutPattern(schema.pattern) ?? schema.pattern, "u");
      out.push([`pattern ${schema.pattern}`, (s) => re.test(s), value]);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) stringChecks(doc, schema.items, item, formats, out);
  } else if (typeof value === "object") {
    for (const [k, v] of Object.entries(value)) stringChecks(doc, schema.properties?.[k], v, formats, out);
  }
  return out;
}

const { formats } = await loadOurFormats();
for (const c of CASES) {
  const raw = readFileSync(`${REPO}/${c.spec}`, "utf8");
  const doc = c.spec.endsWith(".json") ? JSON.parse(raw) : YAML.parse(raw);
  for (const inst of c.valid(doc)) {
    // One loop per checker (each call site sees one function, as in the generated code); the best of 15 rounds.
    const groups = new Map();
    for (const [what, f, s] of stringChecks(doc, doc.components.schemas[c.component], inst.value, formats, [])) {
      if (!groups.has(what)) groups.set(what, { f, strings: [], loop: new Function("f", "xs", "let h = 0; for (let j = 0; j < xs.length; j++) if (f(xs[j]) === true) h++; return h;") });
      groups.get(what).strings.push(s);
    }
    const all = [...groups.values()];
    const count = all.reduce((n, g) => n + g.strings.length, 0);
    const once = () => all.reduce((h, g) => h + g.loop(g.f, g.strings), 0);
    if (once() !== count) throw new Error(`${c.label} ${inst.label}: a string check fails on a valid instance`);
    let n = 16;
    for (let ms = 0; ms < 50; n *= 2) {
      const t = performance.now();
      for (let i = 0; i < n; i++) once();
      ms = performance.now() - t;
    }
    let best = 0;
    for (let r = 0; r < 15; r++) {
      const t = performance.now();
      let hits = 0;
      for (let i = 0; i < n; i++) hits += once();
      if (hits !== n * count) throw new Error("a verdict changed while timing");
      best = Math.max(best, (n / (performance.now() - t)) * 1000);
    }
    const kinds = [...groups].map(([what, g]) => `${g.strings.length} ${what}`).join(", ");
    process.stdout.write(`${c.label}, ${inst.label}: ${count} string checks alone, ${(best / 1e3).toFixed(0)}k instances/s (${kinds})\n`);
  }
}
