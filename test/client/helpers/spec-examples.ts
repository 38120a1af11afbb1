/** The examples of our hand-written specs, looked up by operationId: what the test server answers with. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { ROOT } from "../../helpers/project.js";

type Json = Record<string, unknown>;

export interface SpecOperation {
  method: string;
  path: string;
  operation: Json;
}

export function loadSpec(api: string): { document: Json; operations: Map<string, SpecOperation> } {
  const document = parse(readFileSync(path.join(ROOT, "specs", `${api}.yaml`), "utf8")) as Json;
  const operations = new Map<string, SpecOperation>();
  for (const [p, item] of Object.entries(document.paths as Json)) {
    for (const [method, op] of Object.entries(item as Json)) {
      const operation = op as Json;
      if (typeof operation === "object" && typeof operation.operationId === "string") operations.set(operation.operationId, { method: method.toUpperCase(), path: p, operation });
    }
  }
  return { document, operations };
}

function resolve(document: Json, node: unknown): Json {
  let n = node as Json;
  while (n && typeof n.$ref === "string") {
    n = (n.$ref as string).slice(2).split("/").reduce<unknown>((v, seg) => (v as Json)[seg], document) as Json;
  }
  return n;
}

function firstExample(document: Json, content: unknown): unknown {
  const media = resolve(document, content) as Json | undefined;
  const json = media && (resolve(document, (media as Json)["application/json"]) as Json | undefined);
  const examples = json?.examples as Json | undefined;
  if (!examples) return undefined;
  return (resolve(document, Object.values(examples)[0]) as Json).value;
}

/** The first example of a response (`undefined` when it documents none). */
export function responseExample(spec: ReturnType<typeof loadSpec>, operationId: string, status: string): unknown {
  const op = spec.operations.get(operationId)!;
  const response = resolve(spec.document, (op.operation.responses as Json)[status]);
  return firstExample(spec.document, response.content);
}

/** The first example of the request body. */
export function requestExample(spec: ReturnType<typeof loadSpec>, operationId: string): unknown {
  const op = spec.operations.get(operationId)!;
  const body = resolve(spec.document, op.operation.requestBody);
  return firstExample(spec.document, body.content);
}

/** The operationIds of a spec, sorted: what an end-to-end test's table of cases must cover. */
export function operationIds(spec: ReturnType<typeof loadSpec>): string[] {
  return [...spec.operations.keys()].sort();
}
