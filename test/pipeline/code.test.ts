/** The one door for code text: spec strings can only ever become data. */
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { code, doc, ident, index, key, literal, literalWithCode, str } from "../../generator/codegen/code.js";

const HOSTILE = [
  '"; process.exit(1); "',
  "`${process.exit(1)}`",
  "${globalThis.pwned = 1}",
  "*/ globalThis.pwned = 1; /*",
  "line\u2028separator\u2029paragraph",
  "back\\slash\\",
  "</script><script>alert(1)</script>",
  "\n}\nglobalThis.pwned = 1;\n{",
  "__proto__",
  "名前 naïve 🚀",
];

describe("code door", () => {
  it.each(HOSTILE)("a string spliced into code stays the same string: %j", (text) => {
    const sandbox: Record<string, unknown> = {};
    const src = code`globalThis.result = ${text};`.text;
    vm.runInNewContext(src, sandbox);
    expect(sandbox.result).toBe(text);
    expect(sandbox.pwned).toBeUndefined();
  });

  it.each(HOSTILE)("a doc comment cannot be closed by spec text: %j", (text) => {
    const sandbox: Record<string, unknown> = {};
    vm.runInNewContext(`${doc(text).text}globalThis.after = 1;`, sandbox);
    expect(sandbox.after).toBe(1);
    expect(sandbox.pwned).toBeUndefined();
  });

  it.each(HOSTILE)("keys and index accesses stay data: %j", (text) => {
    const sandbox: Record<string, unknown> = {};
    vm.runInNewContext(`const o = { ${key(text).text}: 1 }; globalThis.k = Object.keys(o)[0]; globalThis.v = o${index(text).text};`, sandbox);
    expect(sandbox.k).toBe(text);
    expect(sandbox.v).toBe(1);
  });

  it("literal() serializes JSON values, escaping line separators", () => {
    expect(literal({ a: ["x\u2028"] }).text).toBe('{"a":["x\\u2028"]}');
    expect(str("a\u2029").text).toBe('"a\\u2029"');
  });

  it("literalWithCode() lays values out as JSON.stringify does, splicing only Code", () => {
    const value = { a: [1, "x\u2028", null, { b: true }], c: {}, d: [], e: "`${x}`" };
    for (const indent of [0, 2]) expect(literalWithCode(value, indent).text).toBe(literal(value, indent || undefined).text);
    expect(literalWithCode({ at: code`new Date(${"2024"})`, s: "new Date()" }).text).toBe('{"at":new Date("2024"),"s":"new Date()"}');
  });

  it("literal() keeps a __proto__ key an own property, and other values plain", () => {
    const value = JSON.parse('{"a":{"__proto__":{"polluted":true}},"b":"\\"__proto__\\": 1"}') as unknown;
    const emitted = literal(value).text;
    expect(emitted.startsWith("JSON.parse(")).toBe(true);
    const back = new Function(`return ${emitted};`)() as { a: object };
    expect(Object.getPrototypeOf(back.a)).toBe(Object.prototype);
    expect(back).toEqual(value);
    expect(Object.keys(back.a)).toEqual(["__proto__"]);
    // a string that only mentions the key is not one
    expect(literal({ b: '"__proto__": 1' }).text).toBe('{"b":"\\"__proto__\\": 1"}');
  });

  it.each([
    ["listCustomers", true],
    ["naïve", true],
    ["_1st", true],
    ["$defs", true],
    ["1st", false],
    ["a-b", false],
    ["delete", false],
    ["__proto__", false],
    ["x; alert(1)", false],
    ["", false],
  ])("ident(%j) accepted: %s", (name, ok) => {
    if (ok) expect(ident(name).text).toBe(name);
    else expect(() => ident(name)).toThrow(/not a safe identifier/);
  });

  it("doc() keeps the text's lines", () => {
    expect(doc("one line").text).toBe("/** one line */\n");
    expect(doc("a\r\nb\n\nc").text).toBe("/**\n * a\n * b\n *\n * c\n */\n");
    expect(doc("").text).toBe("");
  });
});
