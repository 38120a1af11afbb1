/**
 * One request as the engine and the security hooks see it: the `RequestInfo` handed to handlers, with the
 * query and cookies parsed on first use. One object per request, no closures.
 */
import { cookiePairs, parseCookies, parseQuery, sentPairs } from "./params.js";
import type { RawRequest, RequestInfo } from "./types.js";

export class RequestContext implements RequestInfo {
  readonly method: string;
  readonly url: string;
  private queryPairs: Map<string, string[]> | undefined;
  private rawQueryPairs: Map<string, string[]> | undefined;
  private sentQuery: Array<[string, string]> | undefined;
  private cookieJar: Map<string, string> | undefined;
  private sentCookies: Array<[string, string]> | undefined;
  private gone: AbortSignal | undefined;

  constructor(
    private readonly raw: RawRequest,
    private readonly search: string,
  ) {
    this.method = raw.method;
    this.url = raw.url;
  }

  header(name: string): string | undefined {
    return this.raw.header(name.toLowerCase());
  }

  /** The query's pairs, values decoded (or as sent, `raw`: a delimited list is split before decoding). */
  query(raw = false): Map<string, string[]> {
    return raw ? (this.rawQueryPairs ??= parseQuery(this.search, true)) : (this.queryPairs ??= parseQuery(this.search));
  }

  /** The query's pairs as sent (names and values not decoded), in order: `deepObject` members split names before decoding. */
  querySent(): Array<[string, string]> {
    return (this.sentQuery ??= sentPairs(this.search));
  }

  /** The cookies by name (the first of a name), values decoded. */
  cookies(): Map<string, string> {
    return (this.cookieJar ??= parseCookies(this.cookiePairs()));
  }

  /** Every cookie as sent (not decoded), in order, a name as often as it comes: parameters split lists before decoding. */
  cookiePairs(): Array<[string, string]> {
    return (this.sentCookies ??= cookiePairs(this.raw.header("cookie")));
  }

  get signal(): AbortSignal {
    return (this.gone ??= this.raw.signal?.() ?? new AbortController().signal);
  }
}
