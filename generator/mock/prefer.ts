/**
 * The preferences of a `Prefer` header (RFC 7240 §2), as every reader in the mock takes them: a name
 * (lower-cased) and its value, a token or a quoted string (unquoted here), separated by commas; a `;`
 * parameter counts as a preference of its own, as Prism reads `code=404; example=x`. A comma inside
 * quotes is the value's (`example="one,two"`), as the generated runtime reads it (templates/server/runtime/mock.ts).
 */
const PREFERENCE = /([^=,;]*)(?:=\s*("(?:[^"\\]|\\.)*"|[^,;]*))?[^,;]*[,;]?/g;

export function preferencesOf(header: string | string[] | undefined): Array<[name: string, value: string | undefined]> {
  const text = Array.isArray(header) ? header.join(", ") : (header ?? "");
  const out: Array<[string, string | undefined]> = [];
  for (const [, name, value] of text.matchAll(PREFERENCE)) {
    const k = name!.trim().toLowerCase();
    if (k === "") continue;
    const v = value?.trim();
    out.push([k, v === undefined ? undefined : /^"(?:[^"\\]|\\.)*"$/.test(v) ? v.slice(1, -1).replace(/\\(.)/g, "$1") : v]);
  }
  return out;
}
