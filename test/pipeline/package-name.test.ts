/** generator/config/package-name.ts against the rules validate-npm-package-name holds a new package's name to. */
import { expect, it } from "vitest";
import { packageNameProblem } from "../../generator/config/package-name.js";

it("refuses what npm refuses for a new package and takes what it takes", () => {
  const refused = ["", "My-Api", "a b", "_x", ".x", "@a/.x", "@a/b/c", "a~b", "node_modules", "http", "fs", "crypto"];
  expect(refused.filter((name) => packageNameProblem(name) === undefined)).toEqual([]);
  expect(packageNameProblem("http")).toBe("is the name of a Node.js core module");
  const taken = ["okra-client", "@acme/okra", "@acme/_private", "@acme/http", "http-client", "a.b_c-d"];
  expect(taken.filter((name) => packageNameProblem(name) !== undefined)).toEqual([]);
});
