/**
 * Who writes and who reads each part of an operation, so that one comparison serves the operations the
 * API serves and the requests it sends (webhooks, callbacks). A change is classified for the API's
 * consumers (`client`) and its provider (`server`) whichever way the data flows: for an operation the API
 * serves, consumers write the request and the provider reads it, then the provider writes the response;
 * for a webhook or callback the provider writes the request, and the consumer's receiver reads it and
 * writes the answer (its responses), which the provider reads.
 *
 * Each verdict below is one rule of thumb for both flows: whoever writes must stop writing what is gone and
 * must write what became required; consumers lose what they read when it goes; the provider implements
 * the API, so it must handle anything new it reads, while consumers may ignore what is new.
 */
import type { Change } from "./change.js";
import { impact, type Direction } from "./context.js";

/** The two sides a change is classified for: `client` the API's consumers, `server` its provider. */
export type Party = keyof Change["breaking"];

/** Consumers write what flows as a request (to the provider), the provider what flows as a response. */
export const writerOf = (dir: Direction): Party => (dir === "request" ? "client" : "server");
export const readerOf = (dir: Direction): Party => (dir === "request" ? "server" : "client");

/** A verdict from the sides a change breaks (`false` entries stand for none). */
export function breaks(...parties: Array<Party | false>): Change["breaking"] {
  return { client: parties.includes("client"), server: parties.includes("server") };
}

/** One part of an operation (its request, or its responses): which way it flows and how messages name its writer and reader. */
export interface Flow {
  /** Schemas are compared in it (see `impact`). */
  dir: Direction;
  /**
   * The writer and the reader in messages. The consumers' name is plural (`clients`, `consumers`); the
   * provider's (`servers`, `the API`) is only followed by a modal verb (`must`, `may`), so both read.
   */
  writer: string;
  reader: string;
  /** The reader picks the media type it gets (Accept), so a new one reaches only readers that ask for it: an operation's responses. */
  negotiated: boolean;
  /** The part's body and its media types in messages (`request body`, `request media type`; a webhook's `payload`). */
  body: string;
  media: string;
}

/** An operation the API serves. */
export const SERVED = {
  request: { dir: "request", writer: "clients", reader: "servers", negotiated: false, body: "request body", media: "request media type" },
  response: { dir: "response", writer: "servers", reader: "clients", negotiated: true, body: "response", media: "media type" },
} as const satisfies Record<string, Flow>;

/** A request the API sends (a webhook, a callback): the roles turn around, and the API picks the payload's media type. */
export const SENT = {
  request: { dir: "response", writer: "the API", reader: "consumers", negotiated: false, body: "payload", media: "payload media type" },
  response: { dir: "request", writer: "consumers", reader: "the API", negotiated: false, body: "response", media: "media type" },
} as const satisfies Record<string, Flow>;

/** A verdict and its reason in words (for the message, in parentheses). */
export interface Verdict {
  breaking: Change["breaking"];
  why: string;
}

const verdict = (breaking: Change["breaking"], ...why: Array<string | false>): Verdict => ({ breaking, why: why.filter((w) => w !== false).join(", ") });

/**
 * A parameter, header or body added: a required one must be written; the provider reading it must
 * handle it, required or not, while consumers reading it may ignore it.
 */
export function added(f: Flow, required: boolean): Verdict {
  const reader = readerOf(f.dir);
  return verdict(breaks(required && writerOf(f.dir), reader === "server" && reader), required && `${f.writer} must send it`, reader === "server" && `${f.reader} must read it`);
}

/** A parameter, header or body became required: it narrows what may be written, so its writer must always send it. */
export function becameRequired(f: Flow, what: "one" | "it"): Verdict {
  return verdict(impact(f.dir, "narrowed"), `${f.writer} must always send ${what}`);
}

/** A parameter, header or body became optional: it widens what may be written, so its reader must cope without it. */
export function becameOptional(f: Flow, what: "one" | "it"): Verdict {
  return verdict(impact(f.dir, "widened"), `${f.reader} must cope without ${what}`);
}

/** A parameter or header removed breaks consumers either way: generated code writing it no longer may, and code reading it finds nothing. */
export function fieldRemoved(f: Flow): Verdict {
  return f.dir === "request"
    ? verdict(breaks("client"), `generated ${f.writer} no longer send it; ${f.writer} that do send what ${f.reader} may no longer read`)
    : verdict(breaks("client"), `${f.reader} reading it get nothing`);
}

/** A body, or one of its media types, removed: its writer must stop sending it, and consumers reading it lose it. */
export function contentRemoved(f: Flow, what: "one" | "it"): Verdict {
  const writer = writerOf(f.dir);
  if (writer === "client") return verdict(breaks("client"), what === "one" ? `generated ${f.writer} no longer send one` : `${f.writer} sending it are refused`);
  const reading = what === "one" ? `${f.reader} reading it get none` : `${f.reader} ${f.negotiated ? "asking for" : "reading"} it get something else`;
  return { breaking: breaks("client", "server"), why: `${reading}; ${f.writer} must stop sending ${what}` };
}

/** A media type added: its reader must accept it, unless readers ask for the media type they get. */
export function mediaTypeAdded(f: Flow): Verdict {
  return f.negotiated ? verdict(breaks(), `sent only to ${f.reader} that ask for it`) : verdict(breaks(readerOf(f.dir)), `${f.reader} must accept it`);
}

/** A response status removed: its writer must stop returning it; a reader expecting it as its success gets another response. */
export function statusRemoved(f: Flow, success: boolean): Verdict {
  const stop = `${f.writer} must stop returning it`;
  return { breaking: breaks(writerOf(f.dir), success && readerOf(f.dir)), why: success ? `${f.reader} expecting it may get another response; ${stop}` : stop };
}

/** A success status added: readers written before it may not know how to read it (an unknown error is handled anyway). */
export function statusAdded(f: Flow, success: boolean): Verdict {
  return verdict(breaks(success && readerOf(f.dir)), success && `${f.reader} written before it may not know how to read this success`);
}
