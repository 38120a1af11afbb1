/**
 * One request as the engine and the security hooks see it: the `RequestInfo` handed to handlers, with the
 * query and cookies parsed on first use. One object per request, no closures.
 */
import { parseCookies, parseQuery } from "./params.js";
import type { RawRequest, RequestInfo } from "./types.js";

export class RequestContext implements RequestInfo {
  readonly method: string;
  readonly url: string;
  private queryPairs: Map<string, string[]> | undefined;
  private cookieJar: Map<string, string> | undefined;
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

  query(): Map<string, string[]> {
    return (this.queryPairs ??= parseQuery(this.search));
  }

  cookies(): Map<string, string> {
    return (this.cookieJar ??= parseCookies(this.raw.header("cookie")));
  }

  get signal(): AbortSignal {
    return (this.gone ??= this.raw.signal?.() ?? new AbortController().signal);
  }
}
