/**
 * A `oneOf`/`anyOf` branch that is the schema itself, at the same place in the value
 * (`Loop: { oneOf: [{ $ref: "#/components/schemas/Loop" }, { type: "null" }] }`). openapi-typescript prints
 * `Loop: components["schemas"]["Loop"] | null`, which TypeScript refuses (TS2502), and a validator that
 * follows the branch calls itself on the same value until the stack runs out (every value got `maxDepth`).
 *
 * What such a schema admits: JSON Schema 2020-12 leaves a loop that consumes nothing undefined (Core §9.4.1,
 * "Guarding Against Infinite Recursion"). We read it as recursive types are read, inductively: a value is
 * valid when a finite check says so. Checking the self branch means checking the same value against the
 * same schema again, never closer to an answer, so that branch can never be the reason a value is valid:
 * it matches nothing. Then
 * - anyOf [self, B...]: valid iff one of B matches. (Least fixed point of S = S ∪ B: any S holding B solves
 *   it, and only B is forced; "anything at all" would be the greatest one, and nobody writes `| null` to mean that.)
 * - oneOf [self, B...]: valid iff exactly one of B matches. (Here no set solves S = "exactly one of S, null"
 *   at all: null would be in S exactly when it is not; only the inductive reading gives it a meaning.)
 * So `Loop` above admits null and nothing else, and the branch is dropped: types, validators, samples and
 * the mock then read the same schema. If no branch is left, no value is valid (`not: {}`). Siblings
 * (`type: [...]` beside the composition) still apply, as before. A branch is "the schema itself" when it is
 * a `$ref` to it (siblings of a `$ref` only narrow it further), an `allOf` holding such a branch, or a
 * `oneOf`/`anyOf` of nothing else (3.0's `nullable: true` beside `allOf: [$ref]` makes such a wrapper).
 * Unions nested in the schema's inline `allOf`/`oneOf`/`anyOf` members are read the same way.
 * Recursion through a property or an item (`children: [Loop]`) consumes part of the value and stays.
 */
import { isObject, type JsonObject } from "../openapi/kinds.js";
import { pointerFromFragment, resolvePointer } from "../openapi/pointer.js";
import type { NormalizeWarning } from "./from-32.js";

export function dropSelfBranches(schema: JsonObject, document: JsonObject, pointer: string): NormalizeWarning[] {
  const warnings: NormalizeWarning[] = [];
  prune(schema, schema, document, pointer, warnings, 0);
  return warnings;
}

/**
 * Drops the self branches of `node`'s unions, then of the unions in its inline `allOf`/`oneOf`/`anyOf`
 * members: those are checked against the same value too (3.0's `nullable` beside a `oneOf` nests it so).
 */
function prune(node: JsonObject, self: JsonObject, document: JsonObject, pointer: string, warnings: NormalizeWarning[], depth: number): void {
  if (depth > 8) return;
  for (const key of ["oneOf", "anyOf"] as const) {
    const branches = node[key];
    if (!Array.isArray(branches) || !branches.some((b) => isSelf(b, self, document))) continue;
    const kept = branches.filter((b) => !isSelf(b, self, document));
    const count = branches.length - kept.length;
    if (kept.length > 0) node[key] = kept;
    else {
      delete node[key];
      // `not: {}` admits nothing; an existing `not` stays beside it, hence the allOf
      node.allOf = [...(Array.isArray(node.allOf) ? node.allOf : []), { not: {} }];
    }
    warnings.push({
      pointer,
      code: "normalize/self-union",
      message: `${key} has ${count === 1 ? "a branch" : `${count} branches`} referring to the schema itself at the same place: it can never be what makes a value valid (a validator would call itself forever); ${kept.length > 0 ? `read as ${key} of the other branches` : "no value is valid"}`,
      help: kept.length > 0 ? `remove the branch that refers to the schema itself from ${key}` : `give ${key} a branch that does not refer to the schema itself`,
    });
  }
  for (const key of ["allOf", "oneOf", "anyOf"] as const) {
    const members = node[key];
    // warnings name the schema: a member 3.0's `nullable` made has no place in the file
    if (Array.isArray(members)) for (const m of members) if (isObject(m)) prune(m, self, document, pointer, warnings, depth + 1);
  }
}

/** Whether validating `branch` means validating `self` against the very same value, and only that could make it pass. */
function isSelf(branch: unknown, self: JsonObject, document: JsonObject, depth = 0): boolean {
  if (!isObject(branch) || depth > 8) return false;
  if (typeof branch.$ref === "string" && branch.$ref.startsWith("#")) {
    const fragment = pointerFromFragment(branch.$ref.slice(1));
    const target = fragment === undefined ? undefined : resolvePointer(document, fragment);
    if (target?.found === true && target.value === self) return true;
  }
  if (Array.isArray(branch.allOf) && branch.allOf.some((b) => isSelf(b, self, document, depth + 1))) return true;
  for (const key of ["oneOf", "anyOf"] as const) {
    const inner = branch[key];
    if (Array.isArray(inner) && inner.length > 0 && inner.every((b) => isSelf(b, self, document, depth + 1))) return true;
  }
  return false;
}
