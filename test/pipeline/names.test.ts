import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { tempDir } from "../helpers/project.js";
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

describe("the package name made of the title (no packageName given)", () => {
  it.each([
    ["GitHub's official OpenAPI spec + Octokit extension", "githubs-official-openapi-spec-octokit-extension", "createGithubsOfficialOpenapiSpecOctokitExtensionClient"],
    ["Café Menu API", "cafe-menu-api", "createCafeMenuApiClient"],
    ["Users’ API", "users-api", "createUsersApiClient"],
    ["Let's Encrypt", "lets-encrypt", "createLetsEncryptClient"],
    ["Acme™ Payments API", "acme-payments-api", "createAcmePaymentsApiClient"],
    ["Straße & Łódź Transit", "strasse-lodz-transit", "createStrasseLodzTransitClient"],
    ["¿¿¿", "api-client", "createApiClientClient"],
  ])("%j: %s, %s", async (title, name, factory) => {
    const dir = tempDir("specforge-title-");
    const input = path.join(dir, "spec.json");
    writeFileSync(input, JSON.stringify({ openapi: "3.1.0", info: { title, version: "1" }, paths: { "/a": { get: { operationId: "getA", responses: { "204": { description: "none" } } } } } }));
    const { files } = await generate({ input, targets: ["client"] });
    expect(JSON.parse(files.find((f) => f.path === "package.json")!.contents).name).toBe(name);
    expect(files.find((f) => f.path === "src/client.ts")!.contents).toContain(`export function ${factory}(`);
  });

  it("is at most npm's 214 characters", async () => {
    const dir = tempDir("specforge-title-");
    const input = path.join(dir, "spec.json");
    writeFileSync(input, JSON.stringify({ openapi: "3.1.0", info: { title: "word ".repeat(100), version: "1" }, paths: {} }));
    const { files } = await generate({ input, targets: ["types"] });
    const name = JSON.parse(files.find((f) => f.path === "package.json")!.contents).name as string;
    expect(name.length).toBeLessThanOrEqual(214);
    expect(name).toMatch(/^word(-word)+$/);
  });
});
