/**
 * Media types matched against each other: the `Content-Type` a handler sets against its status's documented
 * media types (which may be ranges: `image/*`), and a request's `Accept` (RFC 9110 §12.5.1: q-values, the most
 * specific range deciding) against the media types the mock can send.
 */
import { bareMediaType, mediaTypeMatches as covers } from "./body.js";

export { covers };

/** The documented media type (as written) a `Content-Type` names: the same, else a range of the spec's covering it. */
export function documentedMedia<M extends readonly [string, ...unknown[]]>(contentType: string, documented: readonly M[]): M | undefined {
  const bare = bareMediaType(contentType);
  return documented.find((m) => bareMediaType(m[0]) === bare) ?? documented.find((m) => covers(bareMediaType(m[0]), bare));
}

/**
 * The `Content-Type` a reply documented as `mediaType` is sent with: itself, or for a media range (`*\/*`,
 * `application/*`, which name no type) the type its body is as `kind` says: JSON, text, an event stream,
 * else bytes.
 */
export function sendAs(mediaType: string, kind: string): string {
  if (!mediaType.includes("*")) return mediaType;
  if (kind === "json") return "application/json";
  if (kind === "text") return "text/plain; charset=utf-8";
  return kind === "events" || kind === "jsonEvents" ? "text/event-stream" : "application/octet-stream";
}

interface AcceptRange {
  range: string;
  q: number;
  /** 2 for a media type, 1 for `type/*`, 0 for `*\/*`: the most specific range that covers a type decides its q. */
  precision: number;
}

/** An `Accept` header's ranges (parameters other than `q` are not compared). */
function acceptRanges(accept: string): AcceptRange[] {
  return accept.split(",").flatMap((part): AcceptRange[] => {
    const [type, ...params] = part.split(";");
    const range = type!.trim().toLowerCase();
    if (!range.includes("/")) return [];
    let q = 1;
    for (const p of params) {
      const [k, v] = p.split("=");
      if (k!.trim().toLowerCase() === "q") q = Number(v?.trim());
    }
    if (!(q >= 0 && q <= 1)) q = 0;
    return [{ range, q, precision: range === "*/*" ? 0 : range.endsWith("/*") ? 1 : 2 }];
  });
}

/**
 * The offered media type (as written) an `Accept` header prefers: the highest q, the first offered among
 * equals; `undefined` when it accepts none of them. An offered range (`image/*`) fits any type it covers.
 */
export function negotiate(accept: string, offered: readonly string[]): string | undefined {
  const ranges = acceptRanges(accept);
  if (!ranges.length) return offered[0];
  let best: string | undefined;
  let bestQ = 0;
  for (const type of offered) {
    const bare = bareMediaType(type);
    let q = -1;
    let precision = -1;
    for (const r of ranges) {
      if (!(covers(r.range, bare) || covers(bare, r.range)) || r.precision < precision) continue;
      q = r.precision > precision ? r.q : Math.max(q, r.q);
      precision = r.precision;
    }
    if (q > bestQ) [best, bestQ] = [type, q];
  }
  return best;
}
