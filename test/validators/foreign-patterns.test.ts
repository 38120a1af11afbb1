/**
 * Patterns written for another grammar than ECMA-262 with `u` (Annex B escapes, Java's POSIX classes and
 * anchors, as in AWS's specs) generate, and the generated validators enforce them as their authors meant.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { importableSources, tempDir } from "../helpers/project.js";

type Validate = (v: unknown) => boolean;

describe("patterns from other grammars", () => {
  it("are enforced by the generated validators", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "openapi.json"), JSON.stringify({
      openapi: "3.0.3",
      info: { title: "patterns", version: "1" },
      paths: {},
      components: {
        schemas: {
          Slug: { type: "string", pattern: "^[a-z0-9\\-\\_]{2,8}$" },
          Label: { type: "string", pattern: "^\\p{Print}+$" },
          Code: { type: "string", pattern: "\\A[\\p{XDigit}\\:]{4}\\z" },
        },
      },
    }));
    const { files } = await generate({ input: path.join(dir, "openapi.json"), targets: ["validators"] });
    const v = (await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href)) as Record<string, Validate>;
    expect(["ab-_", "a1"].map(v.isSlug!)).toEqual([true, true]);
    expect(["a", "a b", "AB"].map(v.isSlug!)).toEqual([false, false, false]);
    expect(["a b~", "x"].map(v.isLabel!)).toEqual([true, true]);
    expect(["tab\there", "é"].map(v.isLabel!)).toEqual([false, false]);
    expect(["0a:F", "beef"].map(v.isCode!)).toEqual([true, true]);
    expect(["beef0", "ghij", "Abeefz"].map(v.isCode!)).toEqual([false, false, false]);
  });

  it("one that no reading makes ECMA-262 is a warning and goes unchecked by the validators, its schema's other keywords checked (openapi-typescript and Redocly take such specs: AWS's Java class intersection in autoscaling-plans, Linode's Ruby \\Z)", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "openapi.json"), JSON.stringify({
      openapi: "3.0.3",
      info: { title: "patterns", version: "1" },
      paths: {},
      components: { schemas: { Plan: { type: "string", maxLength: 5, pattern: "[\\p{Print}&&[^|:/]]+" } } },
    }));
    const { files, warnings } = await generate({ input: path.join(dir, "openapi.json"), targets: ["validators"] });
    expect(warnings.filter((w) => w.code === "check/invalid-pattern").map((w) => `${w.severity} ${w.location?.pointer}`)).toEqual(["warning /components/schemas/Plan/pattern"]);
    const v = (await import(pathToFileURL(path.join(importableSources(files), "validators.js")).href)) as Record<string, Validate>;
    expect(["a|b", "plan"].map(v.isPlan!)).toEqual([true, true]);
    expect(["toolong", 5].map(v.isPlan!)).toEqual([false, false]);
  });
});
