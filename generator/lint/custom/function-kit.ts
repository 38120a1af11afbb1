/** What every custom-rule function is made of: the value it meets, what it returns, and option checks. */
import { isObject } from "../../openapi/kinds.js";

/** What a check knows of the value: whether it exists, the name to call it by (its property), the document. */
export interface Target {
  value: unknown;
  exists: boolean;
  property: string;
  /** The document the rule runs over (as written, `$ref`s kept), for functions that look beyond the value. */
  document: unknown;
  /** The version the document declares (`3.0.3`, `3.1.0`). */
  version: string;
}
/**
 * A problem at the value, or at a place below it (`path`: property names and indices from the value), or
 * anywhere in the document (`at`: from its root, as a function of the user's says it; Spectral's result path).
 */
export type Problem = string | { message: string; path: Array<string | number> } | { message: string; at: Array<string | number> };
export type Check = (target: Target) => Problem[];

/** What a function of the user's is told besides the value: Spectral's RulesetFunctionContext but `path`. */
export interface SpectralContext {
  document: { data: unknown; source: string };
  documentInventory: { readonly resolved: unknown; unresolved: unknown; document: SpectralContext["document"] };
  rule: { name: string; description: string; message: string | null; severity: number; resolved: boolean; formats?: string[] };
}

/** A target as `then` meets it: also where the value is (for functions of the user's, made when asked). */
export interface RunTarget extends Target {
  /** The keys from the document's root to the value as `given` walked them ($refs followed): Spectral's `context.path`. */
  path(): Array<string | number>;
  context: SpectralContext;
}
/** A check run by a rule: a core function's, or one calling a function of the user's (which may be async). */
export type RunCheck = (target: RunTarget) => Problem[] | Promise<Problem[]>;

/** Reports a problem with an option (`key` under `functionOptions`, "" for the options themselves). */
export type OptionProblem = (key: string, message: string, help: string) => void;
export type Compile = (options: Record<string, unknown>, problem: OptionProblem) => Check;

/** A value as a message shows it: strings quoted, objects and arrays by kind (spec text stays on one line). */
export function printValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (Array.isArray(value)) return "an array";
  if (isObject(value)) return "an object";
  return String(value);
}

export const onlyKeys = (options: Record<string, unknown>, keys: string[], problem: OptionProblem, example: string) => {
  for (const k of Object.keys(options)) if (!keys.includes(k)) problem(k, `unknown option '${k}'`, keys.length ? `options: ${keys.join(", ")} (e.g. ${example})` : "this function takes no functionOptions");
};

export const noOptions = (check: Check): Compile => (options, problem) => {
  onlyKeys(options, [], problem, "");
  return check;
};

