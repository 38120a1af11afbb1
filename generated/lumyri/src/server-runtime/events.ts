/**
 * `text/event-stream` replies: a handler's events written in the stream's text format (HTML §9.2.6), sent
 * as they come. Field values are the handler's data, so a line break in `event` or `id` (which would start
 * a field of its own) is sent as a space; `data` spanning lines becomes one `data:` line each.
 */
import type { RawReply, ServerSentEvent, Validate } from "./types.js";

/** How a stream that failed (the handler's events threw, or one failed its schema) is reported. */
export type StreamFailed = (error: unknown, kind: "handler" | "response-validation") => void;

const oneLine = (value: string) => value.replace(/[\r\n\0]/g, " ");

/** One event as text: its fields, its data line by line, a blank line. */
export function eventText(e: ServerSentEvent<unknown>, json: boolean): string {
  let text = "";
  if (e.event !== undefined) text += `event: ${oneLine(String(e.event))}\n`;
  if (e.id !== undefined) text += `id: ${oneLine(String(e.id))}\n`;
  if (typeof e.retry === "number" && Number.isFinite(e.retry) && e.retry >= 0) text += `retry: ${Math.floor(e.retry)}\n`;
  const data = json ? JSON.stringify(e.data) ?? "null" : String(e.data);
  for (const line of data.split(/\r\n|\r|\n/)) text += `data: ${line}\n`;
  return `${text}\n`;
}

/** Thrown into the transport when the events failed: it cuts the stream (the failure went to `onError`). */
export class StreamFailure extends Error {}

/**
 * The handler's events as the stream's text. With `check` (`validateResponses`), an event whose data fails
 * its schema (as sent: JSON data is checked as JSON, a `Date` as its text) is reported and never sent; it
 * ends the stream as an error the handler's events throw does, with a `StreamFailure` for the transport.
 */
export async function* eventStream(source: unknown, json: boolean, check: Validate | undefined, failed: StreamFailed): AsyncGenerator<string, void, undefined> {
  try {
    for await (const e of source as AsyncIterable<ServerSentEvent<unknown>>) {
      if (check) {
        const result = check(json ? JSON.parse(JSON.stringify(e.data) ?? "null") : e.data);
        if (!result.ok) {
          failed(new Error(`an event whose data does not match its schema: ${result.errors.map((i) => `${i.path || "(root)"} ${i.message}`).join("; ")}`), "response-validation");
          throw new StreamFailure();
        }
      }
      yield eventText(e, json);
    }
  } catch (e) {
    if (e instanceof StreamFailure) throw e;
    failed(e, "handler");
    throw new StreamFailure();
  }
}

/** A reply's body for a Web `Response`: a Web stream passed on as it is. */
export function webBody(reply: RawReply): ConstructorParameters<typeof Response>[0] {
  if (reply.stream) return isWebStream(reply.stream) ? reply.stream : readableOf(reply.stream);
  return (reply.body ?? null) as ConstructorParameters<typeof Response>[0];
}

export function isWebStream(stream: unknown): stream is ReadableStream<Uint8Array> {
  return typeof ReadableStream === "function" && stream instanceof ReadableStream;
}

/** A reply's stream that will not be sent (the answer to a HEAD) let go: a Web stream cancelled, events never started. */
export function dropStream(reply: RawReply): void {
  if (reply.stream && isWebStream(reply.stream)) void reply.stream.cancel().catch(() => undefined);
}

/** A reply's stream as a Web `ReadableStream` (for a `Response`); cancelling it ends the handler's events. */
export function readableOf(stream: AsyncIterable<string | Uint8Array>): ReadableStream<Uint8Array> {
  const it = stream[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await it.next();
      if (next.done) controller.close();
      else controller.enqueue(typeof next.value === "string" ? encoder.encode(next.value) : next.value);
    },
    async cancel() {
      await it.return?.();
    },
  });
}
