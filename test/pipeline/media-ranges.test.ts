/**
 * A media range (`*\/*`, `application/*`) is read by its schema (generator/ir/media.ts `rangeReading`), and
 * every emitter's kind follows it (`bodyKind`, the client's and server's `mediaKind`), as does the type a
 * body under it is sent as (`sentMediaType`).
 */
import { describe, expect, it } from "vitest";
import type { MediaIR } from "../../generator/ir/types.js";
import { isMediaRange, rangeReading, bodyKind, sentMediaType } from "../../generator/ir/media.js";
import { mediaKind } from "../../generator/emit/client/media-kinds.js";

const document = { openapi: "3.1.0", components: { schemas: { Info: { type: "object" }, Name: { type: "string" }, File: { type: "string", format: "binary" } } } };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe("rangeReading", () => {
  const cases: Array<{ name: string; given: [mediaType: string, schema: unknown]; want: ReturnType<typeof rangeReading> }> = [
    { name: "an object under */*", given: ["*/*", { type: "object", properties: { name: { type: "string" } } }], want: "json" },
    { name: "a $ref to an object", given: ["*/*", ref("Info")], want: "json" },
    { name: "an array under application/*", given: ["application/*", { type: "array", items: { type: "integer" } }], want: "json" },
    { name: "a number", given: ["*/*", { type: "integer" }], want: "json" },
    { name: "a oneOf without type", given: ["*/*", { oneOf: [ref("Info"), { type: "integer" }] }], want: "json" },
    { name: "a nullable string (3.0's nullable) is text", given: ["*/*", { type: ["string", "null"] }], want: "text" },
    { name: "a string or a number is JSON", given: ["*/*", { type: ["string", "number"] }], want: "json" },
    { name: "a string", given: ["*/*", { type: "string" }], want: "text" },
    { name: "a $ref to a string", given: ["*/*", ref("Name")], want: "text" },
    { name: "no schema", given: ["*/*", undefined], want: "bytes" },
    { name: "an empty schema", given: ["application/*", {}], want: "bytes" },
    { name: "a schema that says nothing of the value", given: ["*/*", { description: "the file" }], want: "bytes" },
    { name: "format: binary", given: ["*/*", { type: "string", format: "binary" }], want: "bytes" },
    { name: "format: byte", given: ["*/*", { type: "string", format: "byte" }], want: "bytes" },
    { name: "contentEncoding", given: ["application/*", { type: "string", contentEncoding: "base64" }], want: "bytes" },
    { name: "contentMediaType", given: ["*/*", { contentMediaType: "image/png" }], want: "bytes" },
    { name: "a $ref to a binary string", given: ["*/*", ref("File")], want: "bytes" },
    { name: "text/* without schema stays text", given: ["text/*", undefined], want: "text" },
    { name: "text/* of an object stays text (JSON is no text/* type)", given: ["text/*", ref("Info")], want: "text" },
    { name: "a range with a parameter", given: ["*/*; q=1", ref("Info")], want: "json" },
    { name: "a media type that is no range", given: ["application/json", ref("Info")], want: undefined },
    { name: "application/octet-stream is no range", given: ["application/octet-stream", undefined], want: undefined },
  ];
  it.each(cases)("$name", ({ given, want }) => {
    expect(rangeReading(document, given[0], given[1])).toBe(want);
  });

  it("tells ranges from types", () => {
    expect(["*/*", "application/*", "TEXT/*", "image/*;x=1"].map(isMediaRange)).toEqual([true, true, true, true]);
    expect(["application/json", "*", "application/*+json", ""].map(isMediaRange)).toEqual([false, false, false, false]);
  });
});

describe("the kinds emitters ask for follow the range's reading", () => {
  const media = (mediaType: string, range?: MediaIR["range"]): MediaIR => ({ mediaType, ...(range ? { range } : {}), examples: {}, pointer: "" });
  const cases: Array<{ name: string; given: MediaIR; want: [request: string, response: string, sent: string] }> = [
    { name: "*/* of JSON", given: media("*/*", "json"), want: ["json", "json", "application/json"] },
    { name: "application/* of text", given: media("application/*", "text"), want: ["text", "text", "text/plain; charset=utf-8"] },
    { name: "*/* of bytes", given: media("*/*", "bytes"), want: ["raw", "blob", "application/octet-stream"] },
    { name: "image/* of bytes (which image type: the caller's Content-Type header)", given: media("image/*", "bytes"), want: ["raw", "blob", "image/*"] },
    { name: "text/* of text", given: media("text/*", "text"), want: ["text", "text", "text/plain; charset=utf-8"] },
    { name: "a type by its name: JSON", given: media("application/vnd.acme+json"), want: ["json", "json", "application/vnd.acme+json"] },
    { name: "a type by its name: XML (bytes in, text out, as before)", given: media("application/xml"), want: ["raw", "text", "application/xml"] },
    { name: "an event stream", given: media("text/event-stream"), want: ["text", "events", "text/event-stream"] },
  ];
  it.each(cases)("$name", ({ given, want }) => {
    expect([bodyKind(given), mediaKind(given), sentMediaType(given)]).toEqual(want);
  });
});
