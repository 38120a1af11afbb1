/**
 * Each format the compiled validators check is bound by its own import (generator/emit/validators/
 * format-names.ts), so that a bundler keeps only the checkers an app's validators use: every binding must
 * name the checker that `formats[name]` is, exported by the module it is imported from.
 */
import { describe, expect, it } from "vitest";
import * as strings from "../../templates/validators/formats.js";
import * as runtime from "../../templates/validators/runtime.js";
import { FORMAT_NAMES, NUMBER_FORMAT_NAMES, formatImport } from "../../generator/emit/validators/format-names.js";

describe("format imports", () => {
  it.each(FORMAT_NAMES)("%s: the checker formats.ts exports is the one its table names", (name) => {
    const want = { from: "./formats.js", local: `__format_${formatImport(name).exported}` };
    expect(formatImport(name)).toMatchObject(want);
    expect((strings as Record<string, unknown>)[formatImport(name).exported]).toBe(strings.formats[name]);
  });

  it.each(NUMBER_FORMAT_NAMES)("%s: a numeric format validators-runtime.ts exports", (name) => {
    expect(formatImport(name)).toEqual({ from: "./validators-runtime.js", exported: name, local: `__format_${name}` });
    expect((runtime as Record<string, unknown>)[name]).toMatchObject({ type: "number", validate: expect.any(Function) });
  });

  it("every checker formats.ts has is in the table", () => {
    expect(Object.keys(strings.formats).sort()).toEqual([...FORMAT_NAMES].sort());
  });

  it("an unknown format is an internal error naming the table to update", () => {
    expect(() => formatImport("phone")).toThrow(/format 'phone' has no checker: add it to FORMAT_CHECKERS/);
  });
});
