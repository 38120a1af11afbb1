/**
 * What `specforge diff` reports: one `Change` per difference that matters to someone using the API,
 * classified separately for the two sides of the contract.
 *
 * - breaking for clients: a client written against the base spec may now fail (a request it sends is
 *   refused, a response it reads has a shape it does not expect, generated client code stops compiling);
 * - breaking for servers: a server implementing the base spec no longer conforms to the head spec (it may
 *   receive requests it does not handle, or return responses the head spec forbids, or generated
 *   handler types change under it).
 */
import type { Location } from "../diagnostics/diagnostic.js";

export interface Side {
  /** JSON pointer in the bundled, normalized document. */
  pointer: string;
  /** Where that is in the source (file:line:col): set on the side the change is shown at (see `location`). */
  location?: Location;
}

export interface Change {
  /** Rule id, e.g. `operation-removed` (every id is listed in `RULES` and documented in docs/diff.md). */
  id: RuleId;
  /** In words, naming the operation and the place; spec text quoted as it is (reporters escape it). */
  message: string;
  breaking: { client: boolean; server: boolean };
  /** The operation where the change was found (`GET /pets/{id}`); a change inside a shared component is reported once, at its first operation. */
  operation?: string;
  base?: Side;
  head?: Side;
  /**
   * What changed, when one place holds several changes of one rule (an enum value, a discriminator value,
   * a name `dependentRequired` asks for): JSON text, as an ignore-file entry names it.
   */
  subject?: string;
  /** Where to show it: file:line:col in the head, or in the base for a removal. */
  location?: Location;
}

/**
 * Every rule: how it is classified by default (schema rules depend on the direction and say so) and what
 * a non-breaking change means for a version number.
 */
export interface RuleInfo {
  /** Semver meaning of a non-breaking change of this rule: something new (`minor`) or a note (`patch`). */
  bump: "minor" | "patch";
  title: string;
  /** Something is gone: the change is located in the base (where it was), not the head. */
  removal?: true;
}

export const RULES = {
  // paths and operations
  "operation-removed": { bump: "patch", title: "an operation (or a whole path) was removed", removal: true },
  "operation-removed-after-sunset": { bump: "patch", title: "a deprecated operation was removed once its x-sunset date came", removal: true },
  "operation-added": { bump: "minor", title: "an operation was added" },
  "operation-id-changed": { bump: "patch", title: "an operation's operationId changed" },
  "operation-deprecated": { bump: "patch", title: "an operation was deprecated" },
  "operation-undeprecated": { bump: "patch", title: "an operation is no longer deprecated" },
  "deprecation-sunset-too-soon": { bump: "patch", title: "a deprecation's x-sunset is missing or sooner than --deprecation-days allows" },
  "path-parameter-renamed": { bump: "patch", title: "a path template variable was renamed" },
  "webhook-removed": { bump: "patch", title: "a webhook was removed", removal: true },
  "webhook-removed-after-sunset": { bump: "patch", title: "a deprecated webhook was removed once its x-sunset date came", removal: true },
  "webhook-added": { bump: "minor", title: "a webhook was added" },
  "webhook-deprecated": { bump: "patch", title: "a webhook was deprecated" },
  "callback-removed": { bump: "patch", title: "an operation's callback (or one of its URL expressions or methods) was removed", removal: true },
  "callback-removed-after-sunset": { bump: "patch", title: "a deprecated callback was removed once its x-sunset date came", removal: true },
  "callback-added": { bump: "minor", title: "an operation's callback (or a URL expression or method of one) was added" },
  "callback-deprecated": { bump: "patch", title: "a callback was deprecated" },
  "callback-url-changed": { bump: "patch", title: "a callback's URL expression changed" },
  // parameters
  "parameter-removed": { bump: "patch", title: "a parameter was removed", removal: true },
  "parameter-removed-after-sunset": { bump: "patch", title: "a deprecated parameter was removed once its x-sunset date came", removal: true },
  "parameter-added": { bump: "minor", title: "a parameter was added (required or optional)" },
  "parameter-became-required": { bump: "patch", title: "an optional parameter became required" },
  "parameter-became-optional": { bump: "minor", title: "a required parameter became optional" },
  "parameter-location-changed": { bump: "patch", title: "a parameter moved (query, header, path, cookie)" },
  "parameter-serialization-changed": { bump: "patch", title: "a parameter's style or explode changed" },
  "parameter-deprecated": { bump: "patch", title: "a parameter was deprecated" },
  // request bodies
  "request-body-added": { bump: "minor", title: "a request body was added" },
  "request-body-removed": { bump: "patch", title: "a request body was removed", removal: true },
  "request-body-became-required": { bump: "patch", title: "an optional request body became required" },
  "request-body-became-optional": { bump: "minor", title: "a required request body became optional" },
  "request-media-type-removed": { bump: "patch", title: "a request media type was removed", removal: true },
  "request-media-type-added": { bump: "minor", title: "a request media type was added" },
  // responses
  "response-status-removed": { bump: "patch", title: "a response status was removed", removal: true },
  "response-status-added": { bump: "minor", title: "a response status was added" },
  "response-media-type-removed": { bump: "patch", title: "a response media type was removed", removal: true },
  "response-media-type-added": { bump: "minor", title: "a response media type was added" },
  "response-header-removed": { bump: "patch", title: "a response header was removed", removal: true },
  "response-header-removed-after-sunset": { bump: "patch", title: "a deprecated response header was removed once its x-sunset date came", removal: true },
  "response-header-added": { bump: "minor", title: "a response header was added" },
  "response-header-deprecated": { bump: "patch", title: "a response header was deprecated" },
  "response-header-became-optional": { bump: "patch", title: "a required response header became optional" },
  "response-header-became-required": { bump: "patch", title: "an optional response header became required" },
  // schemas (classified by direction: request or response)
  "property-removed": { bump: "patch", title: "an object property was removed", removal: true },
  "property-removed-after-sunset": { bump: "patch", title: "a deprecated property was removed once its x-sunset date came", removal: true },
  "property-added": { bump: "minor", title: "an object property was added" },
  "property-became-required": { bump: "patch", title: "a property became required" },
  "property-became-optional": { bump: "patch", title: "a property is no longer required" },
  "property-became-read-only": { bump: "patch", title: "a property became readOnly" },
  "property-became-write-only": { bump: "patch", title: "a property became writeOnly" },
  "type-changed": { bump: "patch", title: "a schema's type changed (neither wider nor narrower)" },
  "type-narrowed": { bump: "patch", title: "a schema's type was narrowed (e.g. number to integer)" },
  "type-widened": { bump: "minor", title: "a schema's type was widened (e.g. integer to number)" },
  "nullable-added": { bump: "minor", title: "a schema now allows null" },
  "nullable-removed": { bump: "patch", title: "a schema no longer allows null" },
  "enum-value-added": { bump: "minor", title: "an enum value was added" },
  "enum-value-removed": { bump: "patch", title: "an enum value was removed" },
  "enum-added": { bump: "patch", title: "a schema now restricts values to an enum (or const)" },
  "enum-removed": { bump: "minor", title: "a schema no longer restricts values to an enum (or const)" },
  "constraint-tightened": { bump: "patch", title: "a bound (min/max, length, items, properties, multipleOf) was added or tightened" },
  "constraint-loosened": { bump: "minor", title: "a bound was removed or loosened" },
  "pattern-added": { bump: "patch", title: "a pattern was added" },
  "pattern-removed": { bump: "minor", title: "a pattern was removed" },
  "pattern-changed": { bump: "patch", title: "a pattern changed" },
  "format-added": { bump: "patch", title: "a format was added" },
  "format-removed": { bump: "minor", title: "a format was removed" },
  "format-changed": { bump: "patch", title: "a format changed" },
  "format-widened": { bump: "minor", title: "a format was widened (int32 to int64, float to double)" },
  "format-narrowed": { bump: "patch", title: "a format was narrowed (int64 to int32, double to float)" },
  "additional-properties-closed": { bump: "patch", title: "additionalProperties became false (or a schema)" },
  "additional-properties-opened": { bump: "minor", title: "additionalProperties false was lifted" },
  "variant-added": { bump: "minor", title: "a oneOf/anyOf branch was added" },
  "variant-removed": { bump: "patch", title: "a oneOf/anyOf branch was removed", removal: true },
  "discriminator-changed": { bump: "patch", title: "a discriminator's property or mapping changed" },
  "all-of-added": { bump: "patch", title: "an allOf member was added" },
  "all-of-removed": { bump: "minor", title: "an allOf member was removed", removal: true },
  "prefix-item-added": { bump: "patch", title: "a tuple position (prefixItems) was added" },
  "prefix-item-removed": { bump: "minor", title: "a tuple position (prefixItems) was removed", removal: true },
  "pattern-property-added": { bump: "patch", title: "a patternProperties entry was added" },
  "pattern-property-removed": { bump: "minor", title: "a patternProperties entry was removed", removal: true },
  "dependent-required-added": { bump: "patch", title: "a dependentRequired requirement was added" },
  "dependent-required-removed": { bump: "minor", title: "a dependentRequired requirement was removed", removal: true },
  "not-added": { bump: "patch", title: "a schema now excludes values with not (or became false)" },
  "not-removed": { bump: "minor", title: "a schema's not was removed" },
  "not-changed": { bump: "patch", title: "what a schema's not excludes changed" },
  "items-added": { bump: "patch", title: "array items are now constrained (items)" },
  "items-removed": { bump: "minor", title: "array items are no longer constrained (items)", removal: true },
  "contains-added": { bump: "patch", title: "arrays must now hold an item matching contains" },
  "contains-removed": { bump: "minor", title: "arrays no longer need an item matching contains", removal: true },
  "contains-changed": { bump: "patch", title: "the contains schema changed beside maxContains (direction unknown: review)" },
  "property-names-added": { bump: "patch", title: "property names are now constrained (propertyNames)" },
  "property-names-removed": { bump: "minor", title: "property names are no longer constrained (propertyNames)", removal: true },
  "unevaluated-items-added": { bump: "patch", title: "items no other keyword evaluates are now constrained (unevaluatedItems)" },
  "unevaluated-items-removed": { bump: "minor", title: "unevaluatedItems was removed", removal: true },
  "dependent-schema-added": { bump: "patch", title: "a dependentSchemas entry was added" },
  "dependent-schema-removed": { bump: "minor", title: "a dependentSchemas entry was removed", removal: true },
  "conditional-added": { bump: "patch", title: "an if/then/else (or one of its branches) was added" },
  "conditional-removed": { bump: "minor", title: "an if/then/else (or one of its branches) was removed", removal: true },
  "conditional-changed": { bump: "patch", title: "an if/then/else condition changed (direction unknown: review)" },
  "schema-deprecated": { bump: "patch", title: "a schema or property was deprecated" },
  // security and servers
  "security-added": { bump: "patch", title: "an open operation now requires authentication" },
  "security-removed": { bump: "minor", title: "an operation no longer requires authentication" },
  "security-requirement-added": { bump: "minor", title: "an alternative security requirement was added" },
  "security-requirement-removed": { bump: "patch", title: "a security requirement (or a scheme in it) was removed or changed", removal: true },
  "security-requirement-scopes-removed": { bump: "minor", title: "a security requirement asks for fewer scopes" },
  "security-requirement-scopes-added": { bump: "patch", title: "a security requirement asks for more scopes" },
  "security-scheme-changed": { bump: "patch", title: "a security scheme's type, location, name or flow changed" },
  "security-scope-removed": { bump: "patch", title: "an OAuth2 scope was removed from a scheme", removal: true },
  "server-removed": { bump: "patch", title: "a server URL was removed", removal: true },
  "server-added": { bump: "minor", title: "a server URL was added" },
} satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

export function isBreaking(c: Change): boolean {
  return c.breaking.client || c.breaking.server;
}

/** The side a change is shown at: where it was, for a removal; else where it is. */
export function shownSide(c: Change): Side | undefined {
  return (RULES[c.id] as RuleInfo).removal ? (c.base ?? c.head) : (c.head ?? c.base);
}
