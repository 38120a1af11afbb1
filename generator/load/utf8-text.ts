/**
 * A file's bytes as text. YAML 1.2 and JSON (RFC 8259 §8.1) are Unicode text: bytes that are no UTF-8 (a
 * file saved as Latin-1, a truncated character) read as U+FFFD would change the spec's names and strings
 * without a word, so they are bad input at their line and column.
 */
import { error, SpecforgeError } from "../diagnostics/diagnostic.js";

export function utf8Text(bytes: Uint8Array, file: string): string {
  try {
    // a BOM stays, as readFileSync(..., "utf8") keeps it: the parsers drop it
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = firstInvalid(bytes);
    const lines = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(0, at)).split(/\r\n|\r|\n/);
    const byte = bytes[at]!.toString(16).toUpperCase().padStart(2, "0");
    // a UTF-16 file (Windows' "Unicode") opens with its byte order mark, FF FE or FE FF
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    const why = utf16 ? "it is UTF-16 (it opens with a UTF-16 byte order mark)" : `byte 0x${byte} is not UTF-8 here (a file saved as Latin-1 or Windows-1252, or a character cut short)`;
    throw new SpecforgeError([error("load/not-utf8", `the file is not UTF-8 text: ${why}`, { file, line: lines.length, column: lines.at(-1)!.length + 1 }, utf16 ? "save the file as UTF-8 (convert it from UTF-16)" : "save the file as UTF-8")]);
  }
}

/** The offset of the first byte that starts no valid UTF-8 sequence (an overlong form or a surrogate included). */
function firstInvalid(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    if (length > 1) {
      try {
        decoder.decode(bytes.subarray(i, i + length));
      } catch {
        return i;
      }
    }
    i += length;
  }
  return bytes.length;
}
