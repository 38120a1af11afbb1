/**
 * Reads a spec document over http(s): the user named the URL, or a spec fetched that way refers to a
 * document beside it. Bounded like the file reader is by the disk: a size limit read as the body arrives
 * (a huge or endless answer is cut off, not buffered), a time limit, and redirects followed one hop at a
 * time so that each hop is checked against what the caller allows (a ref may not be redirected off its site).
 */
import { utf8Text } from "./utf8-text.js";
import { timeoutSignal } from "../util/timeout-signal.js";
import { error, SpecforgeError } from "../diagnostics/diagnostic.js";

/** GitHub's REST description, one of the largest public specs, is 13 MB. */
export const MAX_SPEC_BYTES = 100 * 1024 * 1024;
const TIMEOUT_MS = 60_000;
const MAX_REDIRECTS = 5;
const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed",
  ETIMEDOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
};

export interface FetchOptions {
  /** How to name the document in messages. */
  display: string;
  /** Whether a redirect may go to `url` (default: any http(s) URL). */
  allowed?: (url: string) => boolean;
  /** Headers for a URL (each hop's own: a credential is not carried where its rule does not say). */
  headers?: (url: string) => Record<string, string>;
  /** Bytes left for every document of one spec, shared by its fetches (its refs cannot add 100 MiB each). */
  budget?: { left: number };
  /** Aborted when the whole spec has taken too long (its 500 documents cannot take 60 s each). */
  deadline?: AbortSignal;
}

/** How long all the documents of one spec may take together. */
export const TOTAL_TIMEOUT_MS = 5 * 60_000;

/** The document's text and the URL it was finally read from (refs inside it resolve against that one). */
export async function fetchText(url: string, options: FetchOptions): Promise<{ url: string; text: string }> {
  const fail = (reason: string, help: string): never => {
    throw new SpecforgeError([error("load/unreadable", `cannot fetch spec: ${reason}`, { file: options.display }, help)]);
  };
  // not AbortSignal.timeout, which AbortSignal.any alone can let be collected unfired (timeout-signal.ts)
  const perDocument = timeoutSignal(TIMEOUT_MS);
  try {
    return await fetchFrom(url, options, perDocument.signal, fail);
  } finally {
    perDocument.clear();
  }
}

/** `fetchText`'s hops and body, cut off by `perDocument` or the spec's deadline. */
async function fetchFrom(url: string, options: FetchOptions, perDocument: AbortSignal, fail: (reason: string, help: string) => never): Promise<{ url: string; text: string }> {
  const signal = options.deadline ? AbortSignal.any([perDocument, options.deadline]) : perDocument;
  /** Why the fetch was cut off, if it was for time. */
  const late = () => (!signal.aborted ? undefined : perDocument.aborted ? `no complete answer within ${TIMEOUT_MS / 1000} s` : `the spec's documents took over ${TOTAL_TIMEOUT_MS / 60_000} minutes together`);
  let current = url;
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      const headers = { accept: "application/json, application/yaml, text/yaml, */*;q=0.8", ...options.headers?.(current) };
      response = await fetch(current, { redirect: "manual", signal, headers });
    } catch (e) {
      if (e instanceof SpecforgeError) throw e;
      const timedOut = late();
      if (timedOut) fail(timedOut, "check the URL, or download the spec and use its file");
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const code = cause?.code ?? "";
      const reason = NETWORK_ERRORS[code] ? `${NETWORK_ERRORS[code]} (${code})` : cause?.message ?? (e as Error).message;
      fail(reason, "check the URL and that the server is reachable from here");
    }
    const location = response!.headers.get("location");
    if (response!.status >= 300 && response!.status < 400 && location !== null) {
      await response!.body?.cancel().catch(() => {}); // a body that already failed has nothing left to cancel
      let next = "";
      try {
        next = new URL(location, current).href;
      } catch {
        fail(`redirected to '${location}', which is not a URL`, "check the URL: the server's redirect is malformed");
      }
      if (hop >= MAX_REDIRECTS) fail(`more than ${MAX_REDIRECTS} redirects`, "use the URL the redirects end at");
      if (!/^https?:$/.test(new URL(next).protocol) || (options.allowed && !options.allowed(next))) {
        fail(`redirected to ${next}, where specforge may not follow`, "reference the document at its final address");
      }
      current = next;
      continue;
    }
    if (!response!.ok) {
      await response!.body?.cancel().catch(() => {}); // a body that already failed has nothing left to cancel
      fail(`HTTP ${response!.status}${response!.statusText ? ` ${response!.statusText}` : ""}`, "check the URL: is the spec published there?");
    }
    return { url: current, text: utf8Text(await readBounded(response!, late, fail, options.budget ?? { left: MAX_SPEC_BYTES }), options.display) };
  }
}

async function readBounded(response: Response, late: () => string | undefined, fail: (reason: string, help: string) => never, budget: { left: number }): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (declared > MAX_SPEC_BYTES) fail(`the document is ${declared} bytes, over the ${MAX_SPEC_BYTES / 1024 / 1024} MiB limit`, "split the spec into files or fetch it yourself");
  const overBudget = () => fail(`the spec's documents are over the ${MAX_SPEC_BYTES / 1024 / 1024} MiB limit together`, "bundle the spec into a file yourself");
  if (declared > budget.left) overBudget();
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      budget.left -= value.byteLength;
      if (size > MAX_SPEC_BYTES) {
        await reader.cancel();
        fail(`the document is over the ${MAX_SPEC_BYTES / 1024 / 1024} MiB limit`, "split the spec into files or fetch it yourself");
      }
      if (budget.left < 0) {
        await reader.cancel();
        overBudget();
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof SpecforgeError) throw e;
    fail(late() ?? `the answer broke off (${(e as Error).message})`, "try again, or download the spec and use its file");
  }
  return Buffer.concat(chunks);
}
