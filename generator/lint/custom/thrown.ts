/**
 * What a user's function threw (or its file, loading), as one short line: `TypeError: no such thing`. It may
 * throw anything: a string, `{ code, message }`, an object without a prototype (which `String()` cannot
 * print), a Proxy whose every trap throws. Describing it never throws.
 */
import { inspect } from "node:util";

/** Longer is cut: the line is a finding's message. */
const LIMIT = 300;

export function describeThrown(thrown: unknown): string {
  let text: string;
  try {
    text = describe(thrown);
  } catch {
    text = "a value that cannot be shown";
  }
  const line = firstLine(text);
  return line.length > LIMIT ? `${line.slice(0, LIMIT - 1)}…` : line;
}

function describe(thrown: unknown): string {
  if (typeof thrown === "string") return thrown;
  if ((typeof thrown !== "object" && typeof thrown !== "function") || thrown === null) return String(thrown);
  const { message } = thrown as { message?: unknown };
  // An AggregateError says what is wrong in its errors (createRulesetFunction's refusing options has no message).
  if (thrown instanceof Error) {
    const errors = Array.isArray((thrown as { errors?: unknown }).errors) ? (thrown as AggregateError).errors.map(messageOf) : [];
    return `${thrown.name}: ${[firstLine(String(message)), ...errors].filter((m) => m !== "").join("; ")}`;
  }
  if (typeof message === "string") return message;
  return inspect(thrown, { depth: 2, breakLength: Infinity });
}

const firstLine = (text: string) => text.split("\n")[0]!;

function messageOf(error: unknown): string {
  const { message } = (error ?? {}) as { message?: unknown };
  return firstLine(typeof message === "string" ? message : describe(error));
}
