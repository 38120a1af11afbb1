/**
 * The runtime's media type matching (server-runtime/negotiate.ts): `Accept` against the media types the mock
 * can send (RFC 9110 §12.5.1), and a reply's `Content-Type` against its status's documented media types.
 */
import { describe, expect, it } from "vitest";
import { covers, documentedMedia, negotiate } from "../../generated/okra/src/server-runtime/negotiate.js";

const OFFERED = ["application/json", "text/csv", "image/*"];

describe("negotiate", () => {
  const cases: { given: string; want: string | undefined }[] = [
    { given: "", want: "application/json" },
    { given: "*/*", want: "application/json" },
    { given: "text/csv", want: "text/csv" },
    { given: "TEXT/CSV; charset=utf-8", want: "text/csv" },
    { given: "text/*", want: "text/csv" },
    { given: "application/json;q=0.4, text/csv;q=0.8", want: "text/csv" },
    { given: "application/json;q=0, */*;q=0.1", want: "text/csv" },
    { given: "*/*;q=0.1, application/json;q=0.2", want: "application/json" },
    // an offered range fits a type it covers
    { given: "image/png", want: "image/*" },
    { given: "application/xml", want: undefined },
    { given: "text/csv;q=0", want: undefined },
    { given: "text/csv;q=x", want: undefined },
    // a q past 1 is no q-value (RFC 9110 §12.4.2: 0 to 1): taken as 0, it does not outrank a valid one
    { given: "application/json;q=0.5, text/csv;q=2", want: "application/json" },
    { given: "garbage", want: "application/json" },
  ];
  for (const { given, want } of cases) it(`Accept: ${given || "(empty)"} -> ${want}`, () => expect(negotiate(given, OFFERED)).toBe(want));
});

describe("covers", () => {
  const cases: [range: string, type: string, want: boolean][] = [
    ["*/*", "text/csv", true],
    ["text/*", "text/csv", true],
    ["text/*", "textual/csv", false],
    ["text/csv", "text/csv", true],
    ["text/csv", "text/plain", false],
  ];
  for (const [range, type, want] of cases) it(`${range} covers ${type}: ${want}`, () => expect(covers(range, type)).toBe(want));
});

describe("documentedMedia", () => {
  const documented = [["application/json", "json"], ["text/CSV", "text"], ["image/*", "blob"]] as const;
  it("names the documented media type a Content-Type is, or a range of the spec's covering it", () => {
    expect(documentedMedia("application/json; charset=utf-8", documented)?.[0]).toBe("application/json");
    expect(documentedMedia("text/csv", documented)?.[0]).toBe("text/CSV");
    expect(documentedMedia("image/png", documented)?.[0]).toBe("image/*");
    expect(documentedMedia("text/html", documented)).toBeUndefined();
  });
});
