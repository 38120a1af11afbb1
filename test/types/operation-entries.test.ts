/**
 * The aliases of `types.ts` reach an operation's type through `operations["id"]` where openapi-typescript
 * put it there, else through the path item (`paths`, `webhooks`, `callbacks`), and write `NonNullable<>`
 * only around a part openapi-typescript writes optional (operation-entries.ts, aliases.ts): cheaper for a
 * consumer's tsc, and each alias is exactly the type the longer way names.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { tempDir, typecheckConsumer } from "../helpers/project.js";

const ok = { "200": { description: "ok" } };
const pet = { $ref: "#/components/schemas/Pet" };
const json = (schema: unknown) => ({ "application/json": { schema } });
const SPEC = {
  openapi: "3.2.0",
  info: { title: "entries", version: "1" },
  paths: {
    "/pets": {
      get: { operationId: "listPets", parameters: [{ name: "limit", in: "query", schema: { type: "integer" } }], responses: { "200": { description: "ok", content: json({ type: "array", items: pet }) } } },
      post: {
        operationId: "createPet",
        requestBody: { required: true, content: json(pet) },
        responses: { "201": { description: "made" } },
        callbacks: { onPet: { "{$request.body#/url}": { post: { operationId: "petCallback", requestBody: { required: true, content: json(pet) }, responses: ok } } } },
      },
      query: { operationId: "searchPets", requestBody: { content: json({ type: "object" }) }, responses: ok },
    },
    "/pets/{id}": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      get: { operationId: "pets#get", responses: { "200": { description: "ok", content: json(pet) } } },
      patch: { requestBody: { content: json(pet) }, responses: { "204": { description: "done" } } },
    },
    "/shared": { $ref: "#/components/pathItems/Shared" },
  },
  webhooks: {
    petAdded: { post: { operationId: "petAdded", requestBody: { content: json(pet) }, responses: ok } },
    petGone: { $ref: "#/components/pathItems/Gone" },
  },
  components: {
    schemas: { Pet: { type: "object", required: ["name"], properties: { name: { type: "string" } } } },
    pathItems: {
      Shared: { get: { operationId: "getShared", parameters: [{ name: "h", in: "header", required: true, schema: { type: "string" } }], responses: { "200": { description: "ok", content: { "text/plain": { schema: { type: "string" } } } } } } },
      Gone: { post: { operationId: "petGone", requestBody: { required: true, content: json(pet) }, responses: ok } },
    },
  },
};

/** Each alias and the way through the path item it stands for (what every alias was written as before). */
const LONG_WAY: Array<[alias: string, written: string, longWay: string]> = [
  ["ListPetsQueryParams", `NonNullable<operations["listPets"]["parameters"]["query"]>`, `NonNullable<paths["/pets"]["get"]["parameters"]["query"]>`],
  ["ListPetsResponse200", `operations["listPets"]["responses"]["200"]["content"]["application/json"]`, `paths["/pets"]["get"]["responses"]["200"]["content"]["application/json"]`],
  ["CreatePetRequest", `operations["createPet"]["requestBody"]["content"]["application/json"]`, `NonNullable<paths["/pets"]["post"]["requestBody"]>["content"]["application/json"]`],
  // `#` is `/` in openapi-typescript's key; path parameters are never optional
  ["PetsGetPathParams", `operations["pets/get"]["parameters"]["path"]`, `NonNullable<paths["/pets/{id}"]["get"]["parameters"]["path"]>`],
  // no operationId: typed inline in the path item
  ["PatchPetsByIdPathParams", `paths["/pets/{id}"]["patch"]["parameters"]["path"]`, `NonNullable<paths["/pets/{id}"]["patch"]["parameters"]["path"]>`],
  ["PatchPetsByIdRequest", `NonNullable<paths["/pets/{id}"]["patch"]["requestBody"]>["content"]["application/json"]`, `NonNullable<paths["/pets/{id}"]["patch"]["requestBody"]>["content"]["application/json"]`],
  // 3.2's QUERY is moved into the path item by operations-32.ts
  ["SearchPetsRequest", `NonNullable<paths["/pets"]["query"]["requestBody"]>["content"]["application/json"]`, `NonNullable<paths["/pets"]["query"]["requestBody"]>["content"]["application/json"]`],
  // a `$ref`'d path item under paths keeps its operations entry
  ["GetSharedHeaderParams", `NonNullable<operations["getShared"]["parameters"]["header"]>`, `NonNullable<paths["/shared"]["get"]["parameters"]["header"]>`],
  ["PetAddedRequest", `NonNullable<operations["petAdded"]["requestBody"]>["content"]["application/json"]`, `NonNullable<webhooks["petAdded"]["post"]["requestBody"]>["content"]["application/json"]`],
  // a `$ref`'d webhook path item is inlined without its ids; a callback is typed in `callbacks`
  ["PetGoneRequest", `webhooks["petGone"]["post"]["requestBody"]["content"]["application/json"]`, `NonNullable<webhooks["petGone"]["post"]["requestBody"]>["content"]["application/json"]`],
  ["PetCallbackRequest", `callbacks["/pets"]["post"]["onPet"]["{$request.body#/url}"]["post"]["requestBody"]["content"]["application/json"]`, `NonNullable<callbacks["/pets"]["post"]["onPet"]["{$request.body#/url}"]["post"]["requestBody"]>["content"]["application/json"]`],
];

it("aliases go through `operations` where openapi-typescript put the operation, and equal the way through the path item", async () => {
  const dir = tempDir();
  const spec = path.join(dir, "openapi.json");
  writeFileSync(spec, JSON.stringify(SPEC));
  const { files } = await generate({ input: spec, packageName: "entries", targets: ["types"] });
  const typesTs = files.find((f) => f.path === "src/types.ts")!.contents;
  for (const [alias, written] of LONG_WAY) expect(typesTs).toContain(`export type ${alias} = ${written};`);
  expect(typesTs).toContain(`import type { callbacks, components, operations, paths, webhooks } from "./schema.js";`);

  const out = path.join(dir, "pkg");
  const lines = [
    `import type { ${LONG_WAY.map(([a]) => a).join(", ")} } from "./types.js";`,
    `import type { callbacks, paths, webhooks } from "./schema.js";`,
    "type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;",
    ...LONG_WAY.map(([alias, , longWay], i) => `export const same${i}: Same<${alias}, ${longWay}> = true;`),
    // the check can fail: an alias of another operation is not the same type
    `// @ts-expect-error\nexport const other: Same<ListPetsQueryParams, PetsGetPathParams> = true;`,
  ];
  const r = typecheckConsumer(out, files, lines);
  expect(r.output).toBe("");
  expect(r.status).toBe(0);
  expect(readFileSync(path.join(out, "src/use.ts"), "utf8")).toContain("same10");
});

it("types.ts imports only the roots its aliases use (an unused import fails noUnusedLocals)", async () => {
  const dir = tempDir();
  const spec = path.join(dir, "openapi.json");
  writeFileSync(spec, JSON.stringify({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths: { "/a": { get: { operationId: "getA", responses: { "200": { description: "ok", content: json({ type: "string" }) } } } } } }));
  const { files } = await generate({ input: spec, packageName: "only-operations", targets: ["types"] });
  const typesTs = files.find((f) => f.path === "src/types.ts")!.contents;
  expect(typesTs).toContain(`import type { components, operations } from "./schema.js";`);
  expect(typesTs).toContain(`export type GetAResponse200 = operations["getA"]["responses"]["200"]["content"]["application/json"];`);
});
