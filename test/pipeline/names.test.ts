import { describe, expect, it } from "vitest";
import { camelCase, pascalCase } from "../../generator/names/case.js";
import { deriveOperationId } from "../../generator/ir/build.js";
import { NameRegistry } from "../../generator/names/registry.js";
import { methodName } from "../../generator/names/decide.js";

describe("names", () => {
  it.each([
    ["listCustomers", "listCustomers"],
    ["get_user-by id", "getUserById"],
    ["ListCustomers", "listCustomers"],
    ["repos/get-content", "reposGetContent"],
    ["delete", "delete_"],
    ["class", "class_"],
    ["naïveGet", "naïveGet"],
    ["1st-thing", "_1stThing"],
    ["🚀", "operation"],
  ])("camelCase(%j) = %j", (given, want) => expect(camelCase(given)).toBe(want));

  it.each([
    ["listCustomers", "listCustomers"],
    ["then", "then_"],
    ["to-string", "toString_"],
    ["delete", "delete_"],
    ["thenAll", "thenAll"],
  ])("methodName(%j) = %j: no client method makes the client a thenable or hijacks a conversion", (given, want) => expect(methodName(given)).toBe(want));

  it.each([
    ["simple-user", "SimpleUser"],
    ["user", "User"],
    ["__proto__", "Proto"],
    ["Promise", "ModelPromise"],
    ["Response", "ModelResponse"],
    ["default", "Default"],
    ["a.b", "AB"],
    ["名前", "名前"],
    ["404", "_404"],
  ])("pascalCase(%j) = %j", (given, want) => expect(pascalCase(given)).toBe(want));

  it.each([
    ["get", "/users/{customerId}/status", "getUsersByCustomerIdStatus"],
    ["post", "/customers/list", "postCustomersList"],
    ["get", "/", "get"],
  ])("an operation without operationId is named from %s %s", (method, path, want) => {
    expect(camelCase(deriveOperationId(method, path))).toBe(want);
  });

  it("a registry resolves collisions with the lowest free suffix, in request order", () => {
    const r = new NameRegistry(["paths"]);
    expect([r.allocate("User"), r.allocate("User"), r.allocate("paths"), r.allocate("User")]).toEqual(["User", "User2", "paths2", "User3"]);
  });
});
