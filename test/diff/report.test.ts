/** Reporters print spec text: it must stay text in a PR comment and in a terminal. */
import { describe, expect, it } from "vitest";
import { cell, markdown } from "../../generator/diff/report/markdown.js";
import { stylish } from "../../generator/diff/report/stylish.js";
import type { Change } from "../../generator/diff/change.js";

const change = (message: string): Change => ({ id: "property-removed", message, breaking: { client: true, server: false }, location: { file: "a.yaml", line: 3, column: 5 } });

describe("markdown cells", () => {
  const cases: Array<{ given: string; want: string }> = [
    { given: "a|b", want: "a&#124;b" },
    { given: "`code`", want: "&#96;code&#96;" },
    { given: "<img src=x onerror=alert(1)>", want: "&#60;img src=x onerror=alert(1)&#62;" },
    { given: "@octocat", want: "&#64;octocat" },
    { given: "**bold** _it_ ~~s~~", want: "&#42;&#42;bold&#42;&#42; &#95;it&#95; &#126;&#126;s&#126;&#126;" },
    { given: "[x](http://evil)", want: "&#91;x&#93;(http&#58;//evil)" },
    { given: "![i](y)", want: "&#33;&#91;i&#93;(y)" },
    { given: "$x^2$", want: "&#36;x^2&#36;" },
    { given: "a\nb\r\nc\u2028d", want: "a b c d" },
    { given: "&lt;", want: "&#38;lt;" },
    { given: ":smile:", want: "&#58;smile&#58;" },
    { given: "back\\slash", want: "back&#92;slash" },
    { given: "\u0000\u001b[31mred", want: "&#91;31mred" },
  ];
  for (const { given, want } of cases) it(JSON.stringify(given), () => expect(cell(given)).toBe(want));

  it("keeps the table to 250 rows and says how many were left out", () => {
    const many = Array.from({ length: 260 }, (_, i) => change(`p${i}`));
    const out = markdown([{ base: "a", head: "b", changes: many }]);
    expect(out.split("\n").filter((l) => l.startsWith("| :"))).toHaveLength(250);
    expect(out).toContain("10 more change(s) not shown");
  });
});

describe("stylish", () => {
  it("never lets spec text add a line or send terminal escapes", () => {
    const out = stylish([{ base: "a", head: "b", changes: [change("x\ny\u001b[2J\u2028z")] }]);
    expect(out.split("\n")[1]).toBe("  a.yaml:3:5  breaking for clients  x y [2J z  property-removed");
  });
});
