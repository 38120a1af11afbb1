/**
 * Emitters share one IR: none may change it. openapi-typescript writes discriminator enums into the
 * schemas it reads, which once made the validators (emitted after the types) stricter than the spec.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { readSourceFile } from "../../generator/load/source-file.js";
import { bundle } from "../../generator/bundle/bundle.js";
import { normalize } from "../../generator/normalize/normalize.js";
import { ROOT } from "../helpers/project.js";

describe("emitters leave the IR as they found it", () => {
  it("a spec with discriminator mappings, every target", async () => {
    const input = path.join(ROOT, "test/fixtures/composition/openapi.yaml");
    const fresh = normalize(bundle(readSourceFile(input), {}).document);
    expect(JSON.stringify(fresh)).toContain('"mapping"');
    const { ir } = await generate({ input });
    expect(ir.document).toEqual(fresh);
  });
});
