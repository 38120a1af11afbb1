/**
 * Real specs, not only ours: GitHub's REST description and every OpenAPI 3.x document shipped in
 * @readme/oas-examples generate without error, and the output type-checks under --strict.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../generator/pipeline.js";
import { writePackage } from "../generator/write/write-package.js";
import { ROOT, tempDir, typecheckPackages } from "./helpers/project.js";

const OAS = path.join(ROOT, "node_modules/@readme/oas-examples");
const GITHUB = path.join(ROOT, "node_modules/@octokit/openapi/generated/api.github.com.json");

function oasExamples(): string[] {
  return ["3.0", "3.1"].flatMap((v) =>
    ["json", "yaml"].flatMap((fmt) =>
      readdirSync(path.join(OAS, v, fmt)).filter((f) => /\.(json|ya?ml)$/.test(f)).map((f) => path.join(OAS, v, fmt, f)),
    ),
  );
}

describe("real-world specs", () => {
  it("every OpenAPI 3.x document of @readme/oas-examples generates and type-checks", async () => {
    const specs = oasExamples();
    expect(specs.length).toBeGreaterThan(100);
    const out = tempDir();
    const failures: string[] = [];
    const packages: string[] = [];
    for (const spec of specs) {
      const name = path.relative(OAS, spec).replace(/[\\/.]/g, "-");
      try {
        const { files } = await generate({ input: spec, packageName: name });
        writePackage(path.join(out, name), files);
        packages.push(path.join(out, name));
      } catch (e) {
        failures.push(`${path.relative(OAS, spec)}: ${(e as Error).message.split("\n")[0]}`);
      }
    }
    expect(failures).toEqual([]);
    const tsc = typecheckPackages(packages);
    expect(tsc.output).toBe("");
    expect(tsc.status).toBe(0);
  }, 240_000);

  it("GitHub's REST description generates and type-checks", async () => {
    const out = path.join(tempDir(), "github");
    const { files, ir } = await generate({ input: GITHUB, packageName: "github" });
    expect(ir.operations.length).toBeGreaterThan(1000);
    expect(ir.schemas.length).toBeGreaterThan(800);
    expect(ir.webhooks.length).toBeGreaterThan(250); // its `x-webhooks`, read as webhooks (3.0 has none)
    writePackage(out, files);
    const tsc = typecheckPackages([out]);
    expect(tsc.output).toBe("");
    expect(tsc.status).toBe(0);
  }, 240_000);
});
