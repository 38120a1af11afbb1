/**
 * A small inline spec generated as a package (its client and TanStack options), made
 * importable without building (as test/server/form-required-lists.test.ts does).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { generate } from "../../../generator/pipeline.js";
import { importableSources, tempDir } from "../../helpers/project.js";

type Call = (input?: unknown, options?: unknown) => Promise<unknown>;
export type PagedMethod = Call & { pages: (input?: unknown, options?: unknown) => AsyncIterableIterator<unknown>; items: (input?: unknown, options?: unknown) => AsyncIterableIterator<unknown> };

export interface InfiniteOptions {
  queryKey: unknown[];
  queryFn: (context: { pageParam: unknown; signal: AbortSignal }) => Promise<unknown>;
  initialPageParam: unknown;
  getNextPageParam: (lastPage: unknown, allPages: unknown[], lastPageParam: unknown, allPageParams?: unknown[]) => unknown;
}

export interface InlinePackage {
  files: Array<{ path: string; contents: string }>;
  client: (options: Record<string, unknown>) => Record<string, PagedMethod>;
  query: Record<string, (api: unknown, input?: unknown, options?: unknown) => InfiniteOptions>;
}

/** `paths` (and `extra` top-level fields) of an OpenAPI 3.1 document titled `name`, generated as package `name`. */
export async function inlinePackage(name: string, paths: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<InlinePackage> {
  const spec = path.join(tempDir("specforge-inline-"), "openapi.json");
  writeFileSync(spec, JSON.stringify({ openapi: "3.1.0", info: { title: name, version: "1" }, paths, ...extra }));
  const { files } = await generate({ input: spec, packageName: name, targets: ["types", "client"], client: { query: true } });
  const dir = importableSources(files);
  const client = (await import(pathToFileURL(path.join(dir, "client.js")).href)) as Record<string, InlinePackage["client"]>;
  const query = (await import(pathToFileURL(path.join(dir, "query.js")).href)) as InlinePackage["query"];
  const factory = Object.keys(client).find((k) => /^create\w+Client$/.test(k))!;
  return { files, client: client[factory]!, query };
}

/** Every value an async iterator gives. */
export async function all<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const v of iterator) out.push(v);
  return out;
}

export const signal: AbortSignal = new AbortController().signal;

/** A JSON 200 of `schema`. */
export function ok(schema: unknown, headers?: Record<string, unknown>): Record<string, unknown> {
  return { "200": { description: "ok", ...(headers ? { headers } : {}), content: { "application/json": { schema } } } };
}

export const queryParam = (name: string, type = "string") => ({ name, in: "query", schema: { type } });
