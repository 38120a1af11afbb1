/**
 * YAML merge keys (`<<: *common`, YAML 1.1, common in hand-written specs) are read as the mapping they
 * merge, by lint and generation alike: no "unknown property '<<'", no missing `responses`, and a finding in
 * a merged key is placed where the anchored mapping writes it.
 */
import { describe, expect, it } from "vitest";
import { lintFile } from "../../generator/lint/run.js";
import { generate } from "../../generator/pipeline.js";
import { fileWriter, tempDir } from "../helpers/project.js";

const dir = tempDir("specforge-lint-merge-");
const write = fileWriter(dir);

const SPEC = `openapi: 3.0.3
info: {title: t, version: "1", license: {name: MIT, url: "https://x.org"}}
servers: [{url: "https://api.acme.io"}]
x-common: &common
  summary: s
  description: d
  responses:
    '200': {description: ok, content: {application/json: {schema: {type: string, enum: [a, a]}}}}
    '400': {description: bad}
paths:
  /a:
    get:
      <<: *common
      operationId: a
  /b:
    get:
      <<: *common
      summary: own
      operationId: b
`;

describe("YAML merge keys", () => {
  it("lint reads the merged mapping and places a finding in the anchored one", async () => {
    const file = write("merge.yaml", SPEC);
    const found = (await lintFile(file, { baseDir: dir })).map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.pointer}`);
    // each operation holds the merged responses: both are placed at the anchored mapping's enum
    expect(found).toEqual(["a", "b"].map((op) => `8:92 enum-unique /paths/~1${op}/get/responses/200/content/application~1json/schema/enum/1`));
  });

  it("generation reads the merged mapping (an own key overrides a merged one)", async () => {
    const file = write("merge-gen.yaml", SPEC);
    const { ir } = await generate({ input: file, packageName: "p" });
    expect(ir.operations.map((o) => `${o.operationId} ${o.summary} ${o.responses.map((r) => r.status).join(",")}`)).toEqual(["a s 200,400", "b own 200,400"]);
  });
});
