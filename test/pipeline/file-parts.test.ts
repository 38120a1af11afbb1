/** File parts of multipart bodies on schemas that refer to themselves: found and relaxed in bounded time. */
import { describe, expect, it } from "vitest";
import { fileKeys, relaxFiles } from "../../generator/openapi/file-parts.js";

const ref = { $ref: "#/components/schemas/T" };
const file = { type: "string", format: "binary" };

describe("file parts of recursive schemas", () => {
  it("a schema whose forty branches refer to it again: fileKeys and relaxFiles end promptly", () => {
    const T = { type: "object", properties: { f: file }, oneOf: Array.from({ length: 40 }, () => ref) };
    const document = { components: { schemas: { T } } };
    const started = Date.now();
    expect(fileKeys(document, ref).names).toEqual(["f"]);
    const { schema, sites } = relaxFiles(document, ref);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(sites.length).toBeGreaterThan(0);
    expect(JSON.stringify(schema).length).toBeLessThan(2_000_000);
  });

  it("a plain body still has its file relaxed and its branch file a site", () => {
    const body = { type: "object", required: ["f"], properties: { f: { ...file, minLength: 1 } }, oneOf: [{ properties: { g: file } }] };
    const { schema, sites } = relaxFiles({}, body);
    expect(schema).toMatchObject({ properties: { f: true } });
    expect(sites).toEqual([{ name: "g", list: false, file }]);
  });
});
