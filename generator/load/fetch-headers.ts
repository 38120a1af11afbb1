/**
 * Headers sent when fetching a spec, from the config's `fetch.headers` (Redocly's `resolve.http.headers`):
 * each rule names the URLs it is for (a glob: `*` within a path segment, `**` across, both kept inside the
 * host), the header, and its value, or better the environment variable holding it, so a token stays out of
 * the config file. Rules are matched again at each redirect, so a header is never carried to a URL its rule
 * does not name.
 */
import { error, SpecforgeError } from "../diagnostics/diagnostic.js";
import { globToRegExp } from "./glob.js";

export interface FetchHeaderRule {
  /** URL glob, e.g. `https://api.example.com/specs/**`. */
  matches: string;
  name: string;
  value?: string;
  /** The environment variable holding the value (checked when a URL the rule matches is fetched). */
  envVariable?: string;
}

/** The headers for one URL; throws `SpecforgeError` when a matching rule's variable is not set. */
export function headersFor(rules: readonly FetchHeaderRule[] = [], env: NodeJS.ProcessEnv = process.env): (url: string) => Record<string, string> {
  const compiled = rules.map((rule) => ({ rule, re: urlGlobToRegExp(rule.matches) }));
  return (url) => {
    const out: Record<string, string> = {};
    for (const { rule, re } of compiled) {
      if (!re.test(url)) continue;
      const value = rule.envVariable !== undefined ? env[rule.envVariable] : rule.value;
      if (value === undefined || value === "") {
        throw new SpecforgeError([error("load/fetch-header", `the ${rule.name} header for ${url} reads the environment variable ${rule.envVariable}, which is not set`, { file: url }, `set ${rule.envVariable}, or remove the rule from the config's fetch.headers`)]);
      }
      // Checked here, not by fetch: its message quotes the value, a token printed in a CI log.
      const trimmed = value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "");
      if (/[^\t\x20-\x7e\x80-\xff]/.test(trimmed)) {
        const from = rule.envVariable !== undefined ? `the environment variable ${rule.envVariable}` : "its value in the config";
        throw new SpecforgeError([error("load/fetch-header", `the ${rule.name} header for ${url} cannot be sent: ${from} holds a line break, a control character or a character beyond Latin-1 (the value is not shown)`, { file: url }, "fix the value: a header is one line of Latin-1 text")]);
      }
      out[rule.name.toLowerCase()] = trimmed;
    }
    return out;
  };
}

/**
 * A URL glob whose host part cannot reach past the host: `**` there stands for `*`, since
 * `https://**.example.com/**` would otherwise match `https://evil.example/a.example.com/`, where an open
 * redirect of the spec's site may send the fetch with the token.
 */
function urlGlobToRegExp(glob: string): RegExp {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/]*)(.*)$/is.exec(glob);
  // scheme and host in lower case, as the URLs fetched are written (new URL lowers them)
  return globToRegExp(m ? `${m[1]!.toLowerCase()}${m[2]!.replace(/\*{2,}/g, "*").toLowerCase()}${m[3]}` : glob);
}
