/**
 * Names of the TanStack Query helpers in `src/query.ts` (`client: { query: true }`). Every operation gets
 * a key function; a read (GET, HEAD, or any paged operation: `x-pagination` says it lists) gets a query,
 * a paged one an infinite query too, and every other operation a mutation. A read whose success is an
 * event stream gets no query: its result is a stream read as it comes, not data to cache.
 */
import type { OperationIR, QueryNames } from "../ir/types.js";
import { EVENT_STREAM, preferredMedia } from "../ir/media.js";
import type { NameRegistry } from "./registry.js";

type Operation = Pick<OperationIR, "method" | "pagination" | "responses">;

/**
 * TanStack Query's own hooks (React, Vue, Svelte, Solid): reserved, since a helper named like one
 * (`operationId: use` -> `useQuery`) would clash with it where both are imported.
 */
export const TANSTACK_HOOKS = [
  "useQuery", "useInfiniteQuery", "useMutation", "useSuspenseQuery", "useSuspenseInfiniteQuery", "usePrefetchQuery",
  "usePrefetchInfiniteQuery", "useQueries", "useSuspenseQueries", "useQueryClient", "useIsFetching", "useIsMutating", "useMutationState",
];

/** What the operation gets besides its key. */
export function queryUse(op: Operation): { query: boolean; infinite: boolean; mutation: boolean } {
  const read = op.method === "get" || op.method === "head" || op.method === "query" || op.pagination !== undefined;
  const streams = op.responses.some((r) => /^2/.test(r.status) && EVENT_STREAM.test(preferredMedia(r.content)?.mediaType ?? ""));
  return { query: read && !streams, infinite: read && !streams && op.pagination !== undefined, mutation: !read };
}

/** Allocated from the package's one registry, after every other name: turning the option on renames nothing. */
export function queryNames(names: NameRegistry, op: Operation, method: string): QueryNames {
  // `delete_` (a reserved word made safe) needs no `_` once suffixed: `deleteMutation`
  const base = method.replace(/_$/, "");
  const use = queryUse(op);
  const out: QueryNames = { key: names.allocate(`${base}Key`) };
  if (use.query) out.query = names.allocate(`${base}Query`);
  if (use.infinite) out.infinite = names.allocate(`${base}InfiniteQuery`);
  if (use.mutation) out.mutation = names.allocate(`${base}Mutation`);
  return out;
}
