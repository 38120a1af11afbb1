/**
 * How `oas-schema` explains ajv's errors: an unrelated error is kept beside a deeper one, and of a
 * `oneOf` only the branch the value was meant for speaks (`in: query` is not told it must be "path").
 */
import { describe, expect, it } from "vitest";
import { lintFile } from "../../generator/lint/run.js";
import { fileWriter, tempDir } from "../helpers/project.js";

const dir = tempDir("specforge-lint-schema-errors-");
const write = fileWriter(dir);
const HEAD = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";
const OP = (params: string) => `${HEAD}paths:\n  /x:\n    get:\n      parameters:\n${params}      responses: {'200': {description: ok}}\n`;

const CASES: Array<{ name: string; given: string; want: string[] }> = [
  {
    name: "an unknown key beside a deeper missing one",
    given: `${HEAD}paths:\n  /pets:\n    post:\n      bogus2: 1\n      requestBody: {}\n      responses: {'201': {description: made}}\n`,
    want: ["/paths/~1pets/post/bogus2 unknown property 'bogus2' in 'post'", "/paths/~1pets/post/requestBody 'requestBody' is missing the required property 'content'"],
  },
  {
    name: "a missing paths beside a deeper unknown key",
    given: "openapi: 3.0.3\ninfo: {title: t, version: '1'}\ncomponents:\n  bad: {}\n",
    want: [" the document is missing the required property 'paths'", "/components/bad unknown property 'bad' in 'components'"],
  },
  {
    name: "a missing version beside a deeper wrong type",
    given: "openapi: 3.0.3\ninfo:\n  title: t\n  contact: {url: 5}\npaths: {}\n",
    want: ["/info 'info' is missing the required property 'version'", "/info/contact/url 'url' must be string"],
  },
  {
    name: "a query parameter's wrong style, not the path branch's 'in'",
    given: OP("        - {name: q, in: query, style: simple, schema: {type: string}}\n"),
    want: ["/paths/~1x/get/parameters/0/style 'style' must be one of \"form\", \"spaceDelimited\", \"pipeDelimited\", \"deepObject\""],
  },
  {
    name: "example beside examples, not a missing $ref",
    given: OP("        - {name: h, in: header, schema: {type: string}, example: 1, examples: {a: {value: 1}}}\n"),
    want: ["/paths/~1x/get/parameters/0 '0' must not have both 'example' and 'examples'"],
  },
  {
    name: "Swagger 2.0: a duplicate enum value, not the body branch's 'in'",
    given: "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /p:\n    get:\n      parameters:\n        - {name: q, in: query, type: integer, enum: [1, 1]}\n      responses: {200: {description: ok}}\n",
    want: ["/paths/~1p/get/parameters/0/enum 'enum' must NOT have duplicate items (items ## 0 and 1 are identical)"],
  },
];

describe("oas-schema messages", () => {
  for (const [i, c] of CASES.entries()) {
    it(c.name, async () => {
      const file = write(`case${i}.yaml`, c.given);
      const found = (await lintFile(file, { baseDir: dir })).filter((f) => f.ruleId === "oas-schema").map((f) => `${f.pointer} ${f.message}`);
      expect(found.sort()).toEqual([...c.want].sort());
    });
  }
});
