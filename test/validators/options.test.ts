/** Generation options of the validators target, through the real pipeline and the generated code. */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import type { ValidatorOptions } from "../../generator/emit/emitter.js";
import { importableSources, ROOT } from "../helpers/project.js";

type V = Record<string, (v: unknown) => { ok: boolean; value?: unknown; errors?: Array<{ path: string; keyword: string }> }> &
  Record<string, (v: unknown) => boolean>;

async function validatorsFor(spec: string, validators: ValidatorOptions): Promise<V> {
  const { files } = await generate({ input: path.join(ROOT, spec), targets: ["validators"], validators });
  const dir = importableSources(files);
  return (await import(pathToFileURL(path.join(dir, "validators.js")).href)) as V;
}

const bank = { primary: "#000000", accent: "#000000", button: "#000000", icon: "#000000" };

describe("validators options", () => {
  it("keep (default): unknown properties pass and stay", async () => {
    const v = await validatorsFor("specs/okra.yaml", {});
    const r = v.validateBankColors!({ ...bank, extra: 1 });
    expect(r).toEqual({ ok: true, value: { ...bank, extra: 1 } });
  });

  it("reject: unknown properties fail, with the property's pointer", async () => {
    const v = await validatorsFor("specs/okra.yaml", { unknownProperties: "reject" });
    const r = v.validateBankColors!({ ...bank, extra: 1 });
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([expect.objectContaining({ path: "/extra", keyword: "unevaluatedProperties" })]);
    expect(v.validateBankColors!(bank).ok).toBe(true);
  });

  it("strip: unknown properties leave the returned copy, the caller's object is untouched", async () => {
    const v = await validatorsFor("specs/okra.yaml", { unknownProperties: "strip" });
    const input = { ...bank, extra: 1 };
    const r = v.validateBankColors!(input);
    expect(r).toEqual({ ok: true, value: bank });
    expect(input).toEqual({ ...bank, extra: 1 });
    expect(v.isBankColors!(input)).toBe(false);
    expect(v.isBankColors!(bank)).toBe(true);
  });

  it("allErrors false: stops at the first issue", async () => {
    const all = await validatorsFor("specs/okra.yaml", {});
    const first = await validatorsFor("specs/okra.yaml", { allErrors: false });
    expect(all.validateBankColors!({}).errors).toHaveLength(4);
    expect(first.validateBankColors!({}).errors).toHaveLength(1);
  });

  it("parameters are coerced from strings in the returned copy; the type guard still tells the truth", async () => {
    const v = await validatorsFor("specs/bankingservice.yaml", {});
    const query = { page: "2", size: "20" };
    const r = v.validateListCustomersQueryParams!(query);
    expect(r).toEqual({ ok: true, value: { page: 2, size: 20 } });
    expect(query).toEqual({ page: "2", size: "20" });
    expect(v.isListCustomersQueryParams!(query)).toBe(false);
    expect(v.isListCustomersQueryParams!({ page: 2, size: 20 })).toBe(true);
    expect(v.validateListCustomersQueryParams!({ page: "two" }).errors).toEqual([expect.objectContaining({ path: "/page", keyword: "type" })]);
    const off = await validatorsFor("specs/bankingservice.yaml", { coerceParameters: false });
    expect(off.validateListCustomersQueryParams!(query).ok).toBe(false);
  });
});
