/**
 * Member names of an enum's constant object (`types: { enums: object }`): `PetStatus.Available`. From the
 * spec's `x-enum-varnames` (or `x-enumNames`, the other common spelling; OpenAPI Generator and NSwag read
 * both) when it names every value, else from each value: PascalCase words (`in progress` -> `InProgress`,
 * an all-caps word as a word: `UPPER_SNAKE` -> `UpperSnake`), `_` before a leading digit, numbers as
 * `_100`, `Minus1`, `_2_5`, and `Null`, `True`, `False`, `Empty` (the empty string). Equal names get 2, 3...
 */
import { isIdentifierName } from "./reserved.js";

type Scalar = string | number | boolean | null;

export function enumMemberNames(schema: Record<string, unknown>, values: readonly Scalar[]): string[] {
  const given = schema["x-enum-varnames"] ?? schema["x-enumNames"];
  const written = Array.isArray(given) && given.length === values.length && given.every((n) => typeof n === "string" && n !== "") ? (given as string[]) : undefined;
  const taken = new Set<string>(["__proto__"]);
  return values.map((v, i) => {
    const base = written ? asIdentifier(written[i]!) : fromValue(v);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
    taken.add(name);
    return name;
  });
}

function fromValue(v: Scalar): string {
  if (v === null) return "Null";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return `${v < 0 ? "Minus" : "_"}${String(Math.abs(v)).replace(/[.+]/g, "_")}`;
  const words = v.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (!words.length) return v === "" ? "Empty" : "Value";
  return asIdentifier(words.map((w) => (w === w.toUpperCase() ? w.charAt(0) + w.slice(1).toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1))).join(""));
}

/** `name` when it is an identifier, else with `_` before it, else its letters and digits. */
function asIdentifier(name: string): string {
  if (isIdentifierName(name)) return name;
  if (isIdentifierName(`_${name}`)) return `_${name}`;
  const kept = name.replace(/[^\p{L}\p{N}_$]+/gu, "");
  return isIdentifierName(kept) ? kept : isIdentifierName(`_${kept}`) ? `_${kept}` : "Value";
}
