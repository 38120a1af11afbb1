/**
 * Turning spec names into identifiers. Words are split on anything that is not a letter or digit
 * (Unicode-aware, so `naïve` and `名前` stay words); humps inside a word are kept (`listCustomers`).
 */
import { GLOBAL_TYPE_NAMES, isIdentifierName, isReservedWord } from "./reserved.js";

function words(name: string): string[] {
  return name.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function upperFirst(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1);
}

function lowerFirst(w: string): string {
  return w.charAt(0).toLowerCase() + w.slice(1);
}

/** A legal identifier: prefixes `_` when the first character cannot start one (`1st` -> `_1st`). */
function legal(name: string, fallback: string): string {
  if (name === "") return fallback;
  const fixed = isIdentifierName(name) ? name : `_${name}`;
  return isIdentifierName(fixed) ? fixed : fallback;
}

/** `get_user-by id` -> `getUserById`; reserved words get a trailing `_` (`delete` -> `delete_`). */
export function camelCase(name: string, fallback = "operation"): string {
  const w = words(name);
  const joined = w.map((x, i) => (i === 0 ? lowerFirst(x) : upperFirst(x))).join("");
  const id = legal(joined, fallback);
  return isReservedWord(id) ? `${id}_` : id;
}

/** `@acme/big-api` -> `BigApi`: a PascalCase fragment to compose into a longer name (no prefix added). */
export function pascalWords(name: string, fallback: string): string {
  return words(name).map(upperFirst).join("") || fallback;
}

/** A legal identifier made of `name` (`3dClient` -> `_3dClient`). */
export function identifierOf(name: string, fallback: string): string {
  return legal(name, fallback);
}

/** `simple-user` -> `SimpleUser`; names of globals get a `Model` prefix (`Promise` -> `ModelPromise`). */
export function pascalCase(name: string, fallback = "Schema"): string {
  const joined = words(name).map(upperFirst).join("");
  const id = legal(joined, fallback);
  return GLOBAL_TYPE_NAMES.has(id) || isReservedWord(id) ? `Model${id}` : id;
}
