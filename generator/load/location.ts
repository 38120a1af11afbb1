/**
 * Where a spec document lives: an absolute file path, or an http(s) URL when the user named one (on the
 * command line or in the config). Refs written in a spec are resolved here too, against the document
 * that holds them: file paths against its folder, URLs as a browser would.
 */
import path from "node:path";
import { realpathSync } from "node:fs";
import { error, SpecforgeError } from "../diagnostics/diagnostic.js";

/** An `http:` or `https:` URL (what specforge fetches); anything else is a file path. */
export function isRemote(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

/** A location the user gave, made absolute against `base` (a folder): URLs are kept as they are. */
export function resolveInput(location: string, base = process.cwd()): string {
  if (!isRemote(location)) return path.resolve(base, location);
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new SpecforgeError([error("load/unreadable", `cannot fetch spec: '${location}' is not a valid URL`, { file: location }, "check the URL")]);
  }
  if (url.username !== "" || url.password !== "") {
    // fetch refuses such a URL with a message that quotes it, password and all
    url.username = url.password = "";
    throw new SpecforgeError([error("load/unreadable", `cannot fetch spec: ${url.href} is written with a user name or password (not shown), which specforge does not send`, { file: url.href }, "give the credential in the config's fetch.headers (an Authorization header from an environment variable)")]);
  }
  return url.href;
}

/** A ref's part before `#`: the document it names (`""` for a ref inside its own document). */
export function documentPart(ref: string): string {
  const hash = ref.indexOf("#");
  return hash === -1 ? ref : ref.slice(0, hash);
}

/**
 * Whether a ref's document may be followed: a path always; a URL only an http(s) one, and only in a spec
 * that was itself fetched (`followsUrls`): a file spec's text does not choose what specforge fetches.
 */
export function followable(ref: string, followsUrls: boolean): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(ref) || (followsUrls && isRemote(ref));
}

/** The location of `relative` (a ref's file part) as written in the document at `from`. */
export function resolveFrom(from: string, relative: string): string {
  if (isRemote(from)) {
    const url = new URL(relative, from);
    url.hash = "";
    return url.href;
  }
  return realOrSelf(path.resolve(path.dirname(from), relative));
}

/**
 * The "folder" refs of the document at `location` may load from: its own folder (file) or the URL up to
 * its last `/` (same origin, same path prefix).
 */
export function scopeOf(location: string): string {
  if (!isRemote(location)) return realOrSelf(path.dirname(location));
  const url = new URL(location);
  url.search = "";
  url.hash = "";
  return url.href.slice(0, url.href.lastIndexOf("/") + 1);
}

/** A `refRoots` URL as a folder prefix: `https://host` and `https://host/specs?v=2` are `https://host/` and `https://host/specs/`. */
export function urlFolderOf(root: string): string {
  const url = new URL(root);
  url.search = "";
  url.hash = "";
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** Whether `target` lies inside `scope` (a folder path, or a URL prefix ending in `/`). */
export function isWithin(target: string, scope: string): boolean {
  if (isRemote(scope)) {
    if (!isRemote(target)) return false;
    const url = new URL(target);
    return url.href.startsWith(scope) && !climbsWhenDecoded(url.pathname);
  }
  return !isRemote(target) && (target === scope || target.startsWith(scope + path.sep));
}

/**
 * Whether a URL path has a `..` segment once a server decodes it: `..%2f`, `%2e%2e%5c` and Tomcat's `..;`
 * are no dot segments to the URL parser (which removed the plain ones), yet climb out of the folder on
 * servers that decode before they normalize (nginx). Decoded byte by byte: a malformed escape elsewhere
 * must not keep the rest from being decoded.
 */
function climbsWhenDecoded(pathname: string): boolean {
  const decoded = pathname.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return decoded.split(/[/\\]/).some((segment) => segment.split(";")[0] === "..");
}

/** The last path segment without its extension: a name for what a document holds. */
export function baseNameOf(location: string): string {
  const pathname = isRemote(location) ? new URL(location).pathname : location.split(path.sep).join("/");
  let base = path.posix.basename(pathname);
  try {
    if (isRemote(location)) base = decodeURIComponent(base);
  } catch {
    // a malformed escape stays as written
  }
  return base.replace(/\.(ya?ml|json)$/i, "");
}

export function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
