/**
 * Validators on hostile input. Spec text reaches the compiled code only as data: every call in the
 * generated validator modules is to a known function, so no property name, enum value or pattern can
 * have become a call. Hostile data (prototype keys, absurd nesting, huge strings) gets answers, not crashes.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { goldenJobs, importableSources, packageFiles, ROOT } from "../helpers/project.js";

// every golden package that has the validators target (all but the types-only fixture)
const jobs = goldenJobs().filter((j) => existsSync(path.join(j.out, "src/validators-compiled.js")));

/** Callees the compiled validators may call (after numbering is folded: validate12 -> validate#). */
const ALLOWED_CALLS = new Set([
  "validate#", "wrapper#.validate", "func#", "func#.call", "equal", "ucs2length", "Array.isArray", "Number.isFinite",
  "Number.isInteger", "isFinite", "Math.abs", "Math.floor", "Object.keys", "vErrors.push", "vErrors.concat", "errors.push",
  "pattern#.test", "formats#", "formats#.validate", "JSON.stringify", "String", "Object.prototype.hasOwnProperty.call",
  "unicodeRegExp", "new RegExp", "Math.max", "Math.min", "items#.push", "data#.push", "Number", "Object.defineProperty", "isNaN",
  // sets keyed by the value's names, without a prototype (null-prototype-sets.ts)
  "Object.create",
  // ajv escaping a property name into an error's JSON pointer.
  "key#.replace", 'key#.replace(/~/g, "~#").replace',
  // a schema constant holding a "__proto__" key, written as JSON.parse of a string literal (standalone.ts)
  "JSON.parse",
]);

function callees(source: string): Set<string> {
  const sf = ts.createSourceFile("x.ts", source, ts.ScriptTarget.ES2022, true);
  const out = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const text = node.expression.getText(sf).replace(/\d+/g, "#");
      out.add(ts.isNewExpression(node) ? `new ${text}` : text);
    }
    if (ts.isTaggedTemplateExpression(node)) out.add(`tagged:${node.tag.getText(sf)}`);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

async function importValidators(out: string): Promise<Record<string, (v: unknown) => { ok: boolean; errors?: Array<{ path: string; keyword: string; message: string }> }>> {
  const dir = importableSources(packageFiles(out));
  return (await import(pathToFileURL(path.join(dir, "validators.js")).href)) as never;
}

describe("validators are safe", () => {
  it.each(jobs.map((j) => [j.name, j.out] as const))("%s: the compiled validators call only known functions", (_n, out) => {
    const found = new Set<string>();
    for (const f of ["validators-compiled.js", "validators-params-compiled.js"]) {
      try {
        for (const c of callees(readFileSync(path.join(out, "src", f), "utf8"))) found.add(c);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      }
    }
    expect(found.size).toBeGreaterThan(0);
    expect([...found].filter((c) => !ALLOWED_CALLS.has(c))).toEqual([]);
  });

  it("the check above notices a call that should not be there", () => {
    expect([...callees('function validate1(d){ process.exit(1); return true; }')].filter((c) => !ALLOWED_CALLS.has(c))).toEqual(["process.exit"]);
  });

  it("hostile enum values round-trip as data: each is accepted, a near miss is not", async () => {
    const hostile = jobs.find((j) => j.name.endsWith("hostile/generated"))!;
    const v = await importValidators(hostile.out);
    const spec = parse(readFileSync(path.join(ROOT, "test/fixtures/hostile/openapi.yaml"), "utf8")) as { components: { schemas: Record<string, { enum?: unknown[] }> } };
    const [key, schema] = Object.entries(spec.components.schemas).find(([, s]) => (s.enum ?? []).includes("${process.exit(1)}"))!;
    const validate = v[`validate${key.charAt(0).toUpperCase()}${key.slice(1)}`] ?? v[Object.keys(v).find((k) => k.toLowerCase() === `validate${key.toLowerCase()}`)!]!;
    expect(schema.enum!.length).toBeGreaterThan(8);
    for (const value of schema.enum!) {
      expect(validate(value).ok, JSON.stringify(value)).toBe(true);
      expect(validate(`${String(value)} `).ok, JSON.stringify(value)).toBe(false);
    }
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
  });

  it("__proto__ and constructor keys neither pollute nor slip past validation", async () => {
    const okra = await importValidators(jobs.find((j) => j.name === "generated/okra")!.out);
    const value = JSON.parse('{"page": 1, "limit": 2, "__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
    const r = okra.validateListCustomersRequest!(value);
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const bad = JSON.parse('{"__proto__": {"page": 1, "limit": 1}}');
    expect(okra.validateListCustomersRequest!(bad).ok).toBe(false);
  });

  it("100,000 levels of nesting give a clear error, not a crash", async () => {
    const fixture = await importValidators(jobs.find((j) => j.name.endsWith("recursive/generated"))!.out);
    const name = Object.keys(fixture).find((k) => /^validate(TreeNode|Node)/.test(k))!;
    let deep: Record<string, unknown> = { value: 1, children: [] };
    for (let i = 0; i < 100_000; i++) deep = { value: i, children: [deep] };
    const r = fixture[name]!(deep);
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([expect.objectContaining({ keyword: "maxDepth", message: expect.stringMatching(/nested too deeply/) })]);
  });

  it("a 10 MB string is checked against a format in linear time", async () => {
    const okra = await importValidators(jobs.find((j) => j.name === "generated/okra")!.out);
    const r = okra.validateFindCustomerRequest!({ key: "email", value: "a".repeat(10_000_000) });
    expect(r.ok).toBe(true);
    const colors = okra.validateBankColors!({ primary: "#" + "0".repeat(10_000_000), accent: "#000000", button: "#000000", icon: "#000000" });
    expect(colors.ok).toBe(false);
  });
});
