/**
 * Spec and request text on one terminal line, in every output: C0/C1 controls (ESC starts terminal
 * sequences), DEL, the Unicode line/paragraph separators and the bidirectional overrides (which reorder what
 * a reader sees) shown as `\uXXXX`, never written raw.
 */
/** A spec value in a message: a string as written, anything else as its JSON (String() of `{ toString: 1 }` throws). */
export function specText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
}

export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
