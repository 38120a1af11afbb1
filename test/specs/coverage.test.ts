/**
 * Checks each hand-written spec against what its API document names (test/specs/documented.ts):
 * operations, parameters, body and response fields (with the required flags, types, defaults and value
 * sets the document states), statuses, security; and the spec conventions
 * (docs/spec-conventions.md) on operations, nested schemas and `x-pagination`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { documentedApis, type DocumentedField, type DocumentedScheme } from "./documented.js";
import {
  deref,
  getPointer,
  isObject,
  loadSpec,
  operationsOf,
  parametersOf,
  pointerOf,
  repoRoot,
  resolveFieldPath,
  resolveSchemaPointer,
  typesOf,
  type Json,
  type OperationRef,
} from "./spec-utils.js";

const decisionsDoc = readFileSync(join(repoRoot, "docs/spec-decisions.md"), "utf8");

const camelCase = /^[a-z][a-zA-Z0-9]*$/;

function fieldParts(field: DocumentedField): { documented: string; specPath: string | null; decision?: string } {
  return typeof field === "string"
    ? { documented: field, specPath: field }
    : { documented: field.path, specPath: field.specPath, decision: field.decision };
}

/** A decision pointer must resolve in the spec to an object carrying `x-spec-decision`, and be listed in docs/spec-decisions.md. */
function expectDecision(spec: Json, pointer: string, mentions?: string): void {
  const target = getPointer(spec, pointer);
  expect(target, `decision pointer ${pointer} does not resolve in the spec`).toBeDefined();
  expect(typeof target?.["x-spec-decision"], `no x-spec-decision at ${pointer}`).toBe("string");
  if (mentions) expect(target["x-spec-decision"], `x-spec-decision at ${pointer}`).toContain(mentions);
  expect(decisionsDoc, `docs/spec-decisions.md does not list ${pointer}`).toContain(pointer);
}

/** The schema of the JSON content of a request body or response (resolved); undefined when there is none. */
function jsonSchemaOf(spec: Json, bodyOrResponse: Json): Json {
  const resolved = deref(spec, bodyOrResponse);
  const content = resolved?.content;
  if (!isObject(content)) return undefined;
  const key = Object.keys(content).find((mt) => /^application\/([\w.+-]+\+)?json$/.test(mt));
  return key === undefined ? undefined : content[key].schema;
}

function expectField(spec: Json, root: Json, field: DocumentedField, where: string): void {
  const { documented, specPath, decision } = fieldParts(field);
  if (decision) {
    expectDecision(spec, decision);
    if (documented !== specPath) {
      // The documented name is deliberately not in the spec (renamed or dropped).
      expect(resolveFieldPath(spec, root, documented), `${where}: ${documented} should not be in the spec`).toEqual([]);
    }
  }
  if (specPath === null) return;
  const schemas = resolveFieldPath(spec, root, specPath);
  expect(schemas.length, `${where}: field ${specPath} is missing`).toBeGreaterThan(0);
  for (const s of schemas) {
    expect(typesOf(spec, s).length, `${where}: field ${specPath} has no type`).toBeGreaterThan(0);
  }
}

function schemeMatches(scheme: Json, expected: DocumentedScheme): boolean {
  if (scheme?.type !== expected.type) return false;
  switch (expected.type) {
    case "http":
      return String(scheme.scheme).toLowerCase() === expected.scheme;
    case "oauth2":
      return isObject(scheme.flows) && Object.keys(scheme.flows).length > 0;
    case "apiKey":
      return scheme.in === expected.in && String(scheme.name).toLowerCase() === expected.name.toLowerCase();
  }
}

/** Every schema object (not under examples) that declares `properties`, with its pointer. */
function objectSchemasWithProperties(spec: Json): Array<{ pointer: string; schema: Json }> {
  const out: Array<{ pointer: string; schema: Json }> = [];
  const walk = (node: Json, path: Array<string | number>, inSchema: boolean): void => {
    if (Array.isArray(node)) {
      node.forEach((v, i) => walk(v, [...path, i], inSchema));
      return;
    }
    if (!isObject(node)) return;
    if (inSchema && isObject(node.properties)) out.push({ pointer: pointerOf(path), schema: node });
    for (const [k, v] of Object.entries(node)) {
      if (k === "example" || k === "examples" || k === "default" || k === "enum" || k === "const") continue;
      if (k.startsWith("x-")) continue;
      // `properties` maps names to schemas: its keys are names, not keywords.
      if (k === "properties" && inSchema && isObject(v)) {
        for (const [name, sub] of Object.entries(v)) walk(sub, [...path, k, name], true);
        continue;
      }
      walk(v, [...path, k], inSchema || k === "schema" || k === "schemas");
    }
  };
  walk(spec, [], false);
  return out;
}

/** Strips annotations, so that two copies of one object differing only in wording still compare equal. */
function structural(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(structural);
  if (!isObject(schema)) return schema;
  const out: Record<string, Json> = {};
  for (const k of Object.keys(schema).sort()) {
    if (["description", "title", "examples", "example", "summary"].includes(k) || k.startsWith("x-")) continue;
    out[k] = k === "properties" ? Object.fromEntries(Object.entries(schema[k]).map(([n, s]) => [n, structural(s)])) : structural(schema[k]);
  }
  return out;
}

function successResponse(op: OperationRef): { status: string; response: Json } | undefined {
  const statuses = Object.keys(op.operation.responses ?? {})
    .filter((s) => /^2\d\d$/.test(s))
    .sort();
  const status = statuses[0];
  return status === undefined ? undefined : { status, response: op.operation.responses[status] };
}

const paginationKeys = ["kind", "page", "size", "firstPage", "items", "currentPage", "totalPages", "nextPage", "hasNextPage"];

describe.each(documentedApis)("$api ($spec)", (api) => {
  const spec = loadSpec(api.spec);
  const ops = operationsOf(spec);
  const findOp = (method: string, path: string) => ops.find((o) => o.method === method && o.path === path);

  it("is OpenAPI 3.1 with declared tags", () => {
    expect(spec.openapi).toMatch(/^3\.1\.\d+$/);
    expect(Array.isArray(spec.tags) && spec.tags.length > 0).toBe(true);
  });

  it("declares no operation the document does not name", () => {
    const documented = new Set(api.operations.map((o) => `${o.method} ${o.path}`));
    expect(ops.map((o) => `${o.method} ${o.path}`).filter((k) => !documented.has(k))).toEqual([]);
  });

  it("has unique operationIds", () => {
    const ids = ops.map((o) => o.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  describe.each(api.operations)("$method $path", (doc) => {
    const op = () => {
      const found = findOp(doc.method, doc.path);
      expect(found, `${doc.method.toUpperCase()} ${doc.path} is not in the spec`).toBeDefined();
      return found as OperationRef;
    };

    it("exists with a camelCase operationId, tags, summary and description", () => {
      const { operation } = op();
      expect(operation.operationId).toMatch(camelCase);
      expect(Array.isArray(operation.tags) && operation.tags.length > 0, "tags").toBe(true);
      const declaredTags = new Set((spec.tags ?? []).map((t: Json) => t.name));
      for (const tag of operation.tags) expect(declaredTags.has(tag), `tag ${tag} is not declared at the root`).toBe(true);
      expect(typeof operation.summary === "string" && operation.summary.trim().length > 0, "summary").toBe(true);
      expect(typeof operation.description === "string" && operation.description.trim().length > 0, "description").toBe(true);
      if (doc.decision) expectDecision(spec, doc.decision);
    });

    it("has every documented parameter in its location, with a schema", () => {
      const params = parametersOf(spec, op());
      for (const p of doc.parameters) {
        if (p.omittedBy) {
          expect(params.filter((q) => q.name === p.name), `${p.name} should be left out`).toEqual([]);
          expectDecision(spec, p.omittedBy, p.name);
          continue;
        }
        const found = params.find((q) => q.name === p.name && q.in === p.in);
        expect(found, `parameter ${p.name} in ${p.in}`).toBeDefined();
        expect(isObject(found.schema), `parameter ${p.name} has no schema`).toBe(true);
        expect(typesOf(spec, found.schema).length, `parameter ${p.name} schema has no type`).toBeGreaterThan(0);
        expect(typeof found.description === "string" && found.description.trim().length > 0, `parameter ${p.name} description`).toBe(true);
        if (p.in === "path") expect(found.required, `path parameter ${p.name} must be required`).toBe(true);
        if (p.required !== undefined) expect(found.required ?? false, `parameter ${p.name}: required`).toBe(p.required);
        if (p.type !== undefined) expect(typesOf(spec, found.schema), `parameter ${p.name}: type`).toContain(p.type);
        if (p.default !== undefined) {
          expect(deref(spec, found.schema).default, `parameter ${p.name}: default`).toEqual(p.default);
        }
      }
      // Every template segment of the path has a parameter.
      for (const [, name] of doc.path.matchAll(/\{([^}]+)\}/g)) {
        expect(params.some((q) => q.in === "path" && q.name === name), `path parameter {${name}}`).toBe(true);
      }
    });

    if (doc.requestBody) {
      const body = doc.requestBody;
      it("has a request body with every documented field", () => {
        const { operation, pointer } = op();
        expect(operation.requestBody, "requestBody").toBeDefined();
        const schema = jsonSchemaOf(spec, operation.requestBody);
        expect(schema, "request body JSON schema").toBeDefined();
        expect(typesOf(spec, schema).length, "request body schema has no type").toBeGreaterThan(0);
        for (const f of body.fields) expectField(spec, schema, f, `${pointer}/requestBody`);
      });

      it("requires, types and enumerates the request fields as documented", () => {
        const { operation, pointer } = op();
        const schema = jsonSchemaOf(spec, operation.requestBody);
        const required: string[] = deref(spec, schema)?.required ?? [];
        const where = `${pointer}/requestBody`;
        for (const name of body.required ?? []) expect(required, `${where}: ${name} must be required`).toContain(name);
        for (const name of body.optional ?? []) expect(required, `${where}: ${name} must be optional`).not.toContain(name);
        for (const [path, type] of Object.entries(body.types ?? {})) {
          const schemas = resolveFieldPath(spec, schema, path);
          expect(schemas.length, `${where}: field ${path} is missing`).toBeGreaterThan(0);
          for (const s of schemas) expect(typesOf(spec, s), `${where}: ${path} type`).toContain(type);
        }
        for (const [path, values] of Object.entries(body.enums ?? {})) {
          const schemas = resolveFieldPath(spec, schema, path);
          expect(schemas.length, `${where}: field ${path} is missing`).toBeGreaterThan(0);
          for (const s of schemas) expect(deref(spec, s).enum, `${where}: ${path} enum`).toEqual(expect.arrayContaining(values));
        }
      });
    }

    it("has every documented status, with every documented response field", () => {
      const { operation, pointer } = op();
      for (const r of doc.responses) {
        const response = operation.responses?.[r.status];
        expect(response, `response ${r.status}`).toBeDefined();
        expect(typeof deref(spec, response).description, `response ${r.status} description`).toBe("string");
        if (r.decision) expectDecision(spec, r.decision);
        if (r.fields.length === 0) continue;
        const schema = jsonSchemaOf(spec, response);
        expect(schema, `response ${r.status} JSON schema`).toBeDefined();
        for (const f of r.fields) expectField(spec, schema, f, `${pointer}/responses/${r.status}`);
      }
    });

    it("has the documented security", () => {
      const { operation } = op();
      if (doc.security?.optional) {
        expectDecision(spec, doc.security.decision);
        expect(operation.security, "operation security").toBeDefined();
        expect(operation.security).toContainEqual({});
        expect(operation.security.some((req: Json) => Object.keys(req).length > 0), "a non-empty requirement").toBe(true);
      } else if (operation.security !== undefined) {
        // An override must still require credentials (the document shows none of these without them).
        expect(operation.security.length).toBeGreaterThan(0);
        expect(operation.security).not.toContainEqual({});
      }
    });

    if (doc.paged) {
      it("is paged (x-pagination)", () => {
        expect(isObject(op().operation["x-pagination"]), "x-pagination").toBe(true);
      });
    }
  });

  it("declares the security schemes the document implies and applies them at the root", () => {
    const schemes: Record<string, Json> = spec.components?.securitySchemes ?? {};
    const names = api.security.schemes.map((expected) => {
      const name = Object.keys(schemes).find((n) => schemeMatches(deref(spec, schemes[n]), expected));
      expect(name, `security scheme ${JSON.stringify(expected)}`).toBeDefined();
      return name as string;
    });
    if (api.security.decision) expectDecision(spec, api.security.decision);
    expect(Array.isArray(spec.security) && spec.security.length > 0, "root security").toBe(true);
    // One requirement holding all of them: every documented credential is sent together.
    expect(
      spec.security.some((req: Json) => names.every((n) => Array.isArray(req[n]))),
      `a root security requirement naming ${names.join(" + ")}`,
    ).toBe(true);
    for (const req of [...spec.security, ...ops.flatMap((o) => o.operation.security ?? [])]) {
      for (const n of Object.keys(req)) expect(schemes[n], `security requirement names undeclared scheme ${n}`).toBeDefined();
    }
  });

  const inlineObjects = objectSchemasWithProperties(spec).filter((o) => !/^\/components\/schemas\/[^/]+$/.test(o.pointer));

  it("keeps nested objects as component schemas referenced by $ref", () => {
    // Convention: every named or nested object is a component schema, never written inline.
    expect(inlineObjects.map((o) => o.pointer)).toEqual([]);
  });

  it("has no inline object schema twice", () => {
    const inline = inlineObjects;
    // Neither verbatim nor with only annotations changed.
    for (const norm of [(s: Json) => JSON.stringify(s), (s: Json) => JSON.stringify(structural(s))]) {
      const seen = new Map<string, string>();
      const dupes: string[] = [];
      for (const o of inline) {
        const key = norm(o.schema);
        const first = seen.get(key);
        if (first) dupes.push(`${o.pointer} duplicates ${first}`);
        else seen.set(key, o.pointer);
      }
      expect(dupes).toEqual([]);
    }
  });

  it("has x-pagination of the conventional shape wherever present", () => {
    for (const op of ops) {
      const pg = op.operation["x-pagination"];
      if (pg === undefined) continue;
      const where = `${op.pointer}/x-pagination`;
      expect(isObject(pg), where).toBe(true);
      expect(Object.keys(pg).filter((k) => !paginationKeys.includes(k)), `${where}: unknown keys`).toEqual([]);
      expect(pg.kind, `${where}/kind`).toBe("page");
      expect(Number.isInteger(pg.firstPage) && pg.firstPage >= 0, `${where}/firstPage`).toBe(true);

      const params = parametersOf(spec, op);
      const bodySchema = op.operation.requestBody ? jsonSchemaOf(spec, op.operation.requestBody) : undefined;
      for (const key of ["page", "size"] as const) {
        const field = pg[key];
        if (key === "size" && field === undefined) continue;
        expect(isObject(field), `${where}/${key}`).toBe(true);
        expect(Object.keys(field).sort(), `${where}/${key} keys`).toEqual(["in", "name"]);
        expect(["query", "body"], `${where}/${key}/in`).toContain(field.in);
        let schema: Json;
        if (field.in === "query") {
          schema = params.find((p) => p.in === "query" && p.name === field.name)?.schema;
        } else {
          schema = bodySchema === undefined ? undefined : resolveFieldPath(spec, bodySchema, field.name)[0];
        }
        expect(schema, `${where}/${key}: request field ${field.in}:${field.name} does not exist`).toBeDefined();
        expect(typesOf(spec, schema), `${where}/${key}: ${field.name} must be an integer`).toContain("integer");
        const minimum = deref(spec, schema).minimum;
        if (key === "page" && typeof minimum === "number") {
          expect(minimum, `${where}/firstPage below the page parameter's minimum`).toBeLessThanOrEqual(pg.firstPage);
        }
      }

      const success = successResponse(op);
      expect(success, `${op.pointer}: paged operation without a 2xx response`).toBeDefined();
      const responseSchema = jsonSchemaOf(spec, success!.response);
      expect(responseSchema, `${op.pointer}: success response has no JSON schema`).toBeDefined();
      const pointerTypes: Record<string, string> = {
        items: "array",
        currentPage: "integer",
        totalPages: "integer",
        nextPage: "integer",
        hasNextPage: "boolean",
      };
      for (const [key, type] of Object.entries(pointerTypes)) {
        if (key !== "items" && pg[key] === undefined) continue;
        expect(typeof pg[key] === "string" && pg[key].startsWith("/"), `${where}/${key} must be a JSON pointer`).toBe(true);
        const targets = resolveSchemaPointer(spec, responseSchema, pg[key]);
        expect(targets.length, `${where}/${key}: ${pg[key]} does not resolve in the ${success!.status} response`).toBeGreaterThan(0);
        for (const t of targets) expect(typesOf(spec, t), `${where}/${key}: ${pg[key]} must be ${type}`).toContain(type);
      }
      // The end of the list must be detectable.
      expect(
        pg.nextPage !== undefined || pg.hasNextPage !== undefined || (pg.totalPages !== undefined && pg.currentPage !== undefined),
        `${where}: needs nextPage, hasNextPage or totalPages with currentPage`,
      ).toBe(true);
    }
  });
});

describe("paged list operations", () => {
  it.each([
    ["okra", "specs/okra.yaml"],
    ["bankingservice", "specs/bankingservice.yaml"],
    ["lumyri", "specs/lumyri.yaml"],
  ])("%s listCustomers carries x-pagination", (_api, file) => {
    const spec = loadSpec(file);
    const list = operationsOf(spec).find((o) => o.operation.operationId === "listCustomers");
    expect(list, "listCustomers").toBeDefined();
    expect(isObject(list!.operation["x-pagination"])).toBe(true);
  });
});
