/** A reply body's length in bytes, for the node adapter and the Web handler alike (the Web handler must not import node.ts: a browser bundle would take it in). */
/** Node's `Buffer.byteLength` where there is one (native); else counted here. */
const NodeBuffer = (globalThis as { Buffer?: { byteLength(s: string): number } }).Buffer;

/** A reply body's length in bytes. */
export function bodyLength(body: string | Uint8Array): number {
  return typeof body === "string" ? byteLength(body) : body.byteLength;
}

/** UTF-8 length of a string without encoding it. */
export function byteLength(s: string): number {
  if (NodeBuffer) return NodeBuffer.byteLength(s);
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a surrogate pair: 2 units, 4 bytes
      i++;
    } else n += 2;
  }
  return n;
}
