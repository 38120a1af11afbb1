/** A local spec's bytes: a file whole, a pipe or device only up to the limit a fetched spec has. */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import { MAX_SPEC_BYTES } from "./fetch-text.js";

const CHUNK = 1024 * 1024;

/**
 * The bytes of `absolute`. A regular file is read whole (its size is known). Anything else is a stream:
 * `<(curl ...)` is a pipe and must keep working, but `/dev/zero` or `/dev/urandom` never end, and reading
 * them whole grew to gigabytes until the machine ran out: a stream is read up to MAX_SPEC_BYTES.
 * Returns undefined past the limit; throws what fs throws (ENOENT, EISDIR...).
 */
export function readFileBytes(absolute: string): Buffer | undefined {
  // stdin as a socket (a parent's spawn with `input`) cannot be opened by name (ENXIO): read its descriptor
  const stdin = absolute === "/dev/stdin" || absolute === "/dev/fd/0";
  const fd = stdin ? 0 : openSync(absolute, "r");
  try {
    if (fstatSync(fd).isFile()) return readFileSync(fd);
    const chunks: Buffer[] = [];
    const buffer = Buffer.allocUnsafe(CHUNK);
    let total = 0;
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, null);
      if (n === 0) return Buffer.concat(chunks, total);
      total += n;
      if (total > MAX_SPEC_BYTES) return undefined;
      // a copy of what was read: a pipe gives 4-64 KiB a read, and a view would keep each 1 MiB buffer alive
      chunks.push(Buffer.from(buffer.subarray(0, n)));
    }
  } finally {
    if (!stdin) closeSync(fd);
  }
}
