/**
 * Sample strings of the formats the samples know: the first (`n = 0`) is what a string of the format shows,
 * the next ones (`n = 1, 2, ...`) other values of the same format, for the items of a `uniqueItems` array
 * (sample-distinct.ts). Read from a Map: a spec's `format` may be any text (`constructor`, `toString`).
 */
const BASE_TIME = Date.UTC(2024, 0, 15, 9, 30, 0);
const UUID_HEAD = "3fa85f64-5717-4562-b3fc-";
const UUID_TAIL = 0x2c963f66afa6;

const dateTime = (n: number) => new Date(BASE_TIME + n * 1000).toISOString().replace(".000Z", "Z");

const SAMPLES = new Map<string, (n: number) => string>([
  ["date-time", dateTime],
  ["date", (n) => new Date(BASE_TIME + n * 86_400_000).toISOString().slice(0, 10)],
  ["time", (n) => dateTime(n).slice(11)],
  ["email", (n) => `user${n === 0 ? "" : n}@example.com`],
  ["idn-email", (n) => `user${n === 0 ? "" : n}@example.com`],
  ["uuid", (n) => `${UUID_HEAD}${(UUID_TAIL + n).toString(16).padStart(12, "0")}`],
  ["uri", (n) => `https://example.com/${n === 0 ? "" : n}`],
  ["url", (n) => `https://example.com/${n === 0 ? "" : n}`],
  ["iri", (n) => `https://example.com/${n === 0 ? "" : n}`],
  ["uri-reference", (n) => `/example${n === 0 ? "" : n}`],
  ["iri-reference", (n) => `/example${n === 0 ? "" : n}`],
  ["json-pointer", (n) => `/example${n === 0 ? "" : n}`],
  ["hostname", (n) => `example${n === 0 ? "" : n}.com`],
  ["idn-hostname", (n) => `example${n === 0 ? "" : n}.com`],
  ["ipv4", (n) => `192.0.2.${1 + (n % 254)}`],
  ["ipv6", (n) => `2001:db8::${(1 + n).toString(16)}`],
  ["byte", (n) => Buffer.from(`example${n === 0 ? "" : n}`).toString("base64")],
  ["duration", (n) => `P${1 + n}D`],
  ["regex", (n) => (n === 0 ? "^a$" : `^a{${n + 1}}$`)],
  ["uri-template", (n) => `https://example.com/{id}${n === 0 ? "" : `/${n}`}`],
]);

/** The `n`th sample of `format` (0: the one a sample shows), undefined for a format without samples. */
export function formatSample(format: unknown, n = 0): string | undefined {
  return typeof format === "string" ? SAMPLES.get(format)?.(n) : undefined;
}
