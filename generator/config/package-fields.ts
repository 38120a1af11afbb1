/**
 * The config's `package`: fields of the generated package.json for publishing it, in the shapes npm
 * documents (docs.npmjs.com, package.json). Checked here; written as JSON data (emit/package/package-files.ts).
 */

const isString = (v: unknown): boolean => typeof v === "string" && v !== "";
const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** An object of strings with the `required` keys and any of the `optional` ones; `other` checks keys of other types. */
const record = (required: string[], optional: string[], other: Record<string, (v: unknown) => boolean> = {}) => (v: unknown): boolean =>
  typeof v === "object" && v !== null && !Array.isArray(v) &&
  required.every((k) => own(v, k)) &&
  Object.entries(v).every(([k, x]) => (own(other, k) ? other[k]!(x) : (required.includes(k) || optional.includes(k)) && isString(x)));

/** Each field: what its value must be, and what to tell a user who got it wrong. */
export const PACKAGE_FIELDS: Record<string, { ok: (v: unknown) => boolean; help: string }> = {
  license: { ok: isString, help: 'an SPDX expression, e.g. "MIT"' },
  author: { ok: (v) => isString(v) || record(["name"], ["email", "url"])(v), help: 'write "Name <email> (url)" or { name, email, url }' },
  repository: { ok: (v) => isString(v) || record(["type", "url"], ["directory"])(v), help: 'write "github:owner/repo" or { type: git, url: "git+https://github.com/owner/repo.git", directory }' },
  homepage: { ok: isString, help: "write a URL" },
  bugs: { ok: (v) => isString(v) || (record([], ["url", "email"])(v) && Object.keys(v as object).length > 0), help: "write a URL, or { url, email }" },
  keywords: { ok: (v) => Array.isArray(v) && v.every(isString), help: "write a list of strings" },
  publishConfig: {
    ok: record([], ["registry", "tag"], { access: (x) => x === "public" || x === "restricted", provenance: (x) => typeof x === "boolean" }),
    help: "give any of access (public or restricted), provenance (true or false), registry, tag",
  },
};
