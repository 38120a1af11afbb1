/** How the mock reads a `Prefer` header (RFC 7240 §2), one reader for delay, dynamic and the asked-for answers. */
import { describe, expect, it } from "vitest";
import { preferencesOf } from "../../generator/mock/prefer.js";

describe("preferencesOf", () => {
  it.each([
    ["comma-separated, names lower-cased", "Code=404, example=notFound", [["code", "404"], ["example", "notFound"]]],
    ["a `;` parameter as a preference of its own (Prism's `code=404; example=x`)", "code=200; delay=0", [["code", "200"], ["delay", "0"]]],
    ["a quoted value keeps its comma", 'example="one,two", dynamic=true', [["example", "one,two"], ["dynamic", "true"]]],
    ["a quoted comma starts no preference", 'note="a, delay=0"', [["note", "a, delay=0"]]],
    ["a quoted value's escapes", 'example="say \\"hi\\""', [["example", 'say "hi"']]],
    ["a name without a value", "respond-async, wait=5", [["respond-async", undefined], ["wait", "5"]]],
    ["the lines of a repeated header", ["code=1", "delay=5"], [["code", "1"], ["delay", "5"]]],
    ["nothing", undefined, []],
  ])("%s", (_, given, want) => {
    expect(preferencesOf(given)).toEqual(want);
  });
});
