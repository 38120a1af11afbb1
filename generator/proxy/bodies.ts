/**
 * The bodies `specforge proxy` reads whole to check them: a request's, an answer's it checks, each up to
 * BODY_LIMIT (a larger one is refused, not buffered), and decoded of its Content-Encoding for the check.
 */
import type { IncomingMessage } from "node:http";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { rawHeader } from "./upstream.js";

/** Bodies are read whole to be checked; larger requests and answers are refused. */
export const BODY_LIMIT = 64 * 1024 * 1024;

/** A request body over BODY_LIMIT: the client gets a 413. */
export class BodyTooLarge extends Error {}

const DECODERS: Record<string, (data: Buffer, options: { maxOutputLength: number }) => Buffer> = {
  gzip: gunzipSync,
  "x-gzip": gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};

/**
 * An answer's body as the spec describes it: decoded of its Content-Encoding. Undefined, with a note, when it
 * does not decode (or is over the limit decoded): not checked then.
 */
export function answerBody(raw: readonly string[], bytes: Buffer, lines: string[]): Buffer | undefined {
  const encoding = rawHeader(raw, "content-encoding");
  let plain: Buffer | undefined;
  try {
    plain = decoded(encoding, bytes);
  } catch {
    // over the limit decoded
  }
  if (!plain) lines.push(`  note: the body does not decode from its Content-Encoding '${encoding}' (up to 64 MiB): not checked`);
  return plain;
}

/**
 * `body` decoded of `encoding` (gzip, deflate, br), `body` itself without one (or `identity`); undefined when
 * it does not decode or the proxy knows not how. Over the limit decoded: throws BodyTooLarge.
 */
export function decoded(encoding: string | undefined, body: Buffer): Buffer | undefined {
  const name = encoding?.trim().toLowerCase();
  if (name === undefined || name === "identity" || body.length === 0) return body;
  const decode = DECODERS[name];
  try {
    return decode?.(body, { maxOutputLength: BODY_LIMIT });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw new BodyTooLarge();
    return undefined;
  }
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Refused unbuffered when its length is declared: the body is read and dropped (Node's request timeout
    // bounds a slow sender) so that the client, still sending, gets the 413 rather than a reset.
    if (Number(req.headers["content-length"] ?? 0) > BODY_LIMIT) {
      req.resume();
      return reject(new BodyTooLarge());
    }
    // A body of undeclared length (chunked) past the limit: what came is let go and the rest read and
    // dropped the same way, so the client gets its 413 rather than a reset.
    let chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size <= BODY_LIMIT) return void chunks.push(chunk);
      over = true;
      chunks = [];
      reject(new BodyTooLarge());
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** The upstream's answer body, or undefined when it is over the limit (read no further, not buffered). */
export async function readAnswer(answer: IncomingMessage): Promise<Buffer | undefined> {
  if (Number(answer.headers["content-length"] ?? 0) > BODY_LIMIT) {
    answer.destroy();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of answer as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) {
      answer.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
