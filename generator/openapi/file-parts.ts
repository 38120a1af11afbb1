/**
 * File parts of a `multipart/form-data` body: a property that is a string of binary content (OAS 3.0
 * `format: binary`; 3.1 §4.8.14.3 `contentMediaType` / `contentEncoding`) arrives as a file, not text. The
 * body validator of a multipart media type is compiled from the schema with each such property (or the
 * items of such a list), in `allOf` members, `oneOf`/`anyOf` branches and `additionalProperties` too,
 * accepting any value: the validator checks a file part for presence (`required`) only, the server its
 * size and type (`file-rules.ts`), and every other field by its schema. The server validates with an empty
 * string in each file's place, which a binary string schema the generator did not relax accepts too.
 *
 * A file in a `oneOf`/`anyOf` branch or in `additionalProperties` (a `FileSite`) holds its rule only where
 * that schema applies, which only the validator knows: a branch counts if the rest of the body matches it.
 * So its place refuses a marker instead of taking any value, and the server writes in the file's place the
 * marker of each site rule the file fails: the validator then accepts the body exactly when the schema,
 * with each file's size and type, would (a file fitting only a branch the other fields do not select is
 * refused, one fitting the branch they select is accepted). A part some schema declares as text may stay
 * text (`fileKeys`): a site's place judges any value but a placeholder by the file's schema.
 */
import { isObject, type JsonObject } from "./kinds.js";
import { setOwn } from "./own.js";
import { deref, types } from "./sample-value.js";

/** A string schema whose value is binary content: in multipart, a file. */
export function isFileSchema(document: JsonObject, schema: unknown): boolean {
  const s = deref(document, schema);
  if (!isObject(s)) return false;
  const t = types(s);
  return (t.length === 0 || t.includes("string")) && (s.format === "binary" || s.contentEncoding !== undefined || s.contentMediaType !== undefined);
}

/** Whether a property holds files: one file, or a list of them. */
function holdsFiles(document: JsonObject, property: unknown): "one" | "list" | undefined {
  if (isFileSchema(document, property)) return "one";
  const p = deref(document, property);
  return isObject(p) && isFileSchema(document, p.items) ? "list" : undefined;
}

/**
 * A form schema's properties by name, each with its schema: its own, those of its `$ref` target (written
 * beside other keywords too, as 3.1 allows) and of its `allOf` members (and `oneOf`/`anyOf` ones with
 * `branches`); the first one written wins.
 */
export function formProperties(document: JsonObject, schema: unknown, branches = false): Map<string, unknown> {
  const out = new Map<string, unknown>();
  forEachMember(document, schema, branches, (s) => {
    if (isObject(s.properties)) for (const name of Object.keys(s.properties)) if (!out.has(name)) out.set(name, s.properties[name]);
  });
  return out;
}

/**
 * `f` on a schema and the schemas applied with it: its `$ref` target and `allOf` members (and `oneOf`/`anyOf`
 * ones with `branches`), each schema object once (a schema whose branches are many `$ref`s to itself was
 * visited branches^depth times).
 */
function forEachMember(document: JsonObject, schema: unknown, branches: boolean, f: (s: JsonObject) => void): void {
  const seen = new Set<JsonObject>();
  const visit = (s: unknown, depth: number): void => {
    if (!isObject(s) || depth > 8 || seen.has(s)) return;
    seen.add(s);
    f(s);
    if (typeof s.$ref === "string") visit(deref(document, { $ref: s.$ref }), depth + 1);
    for (const k of branches ? ["allOf", "oneOf", "anyOf"] : ["allOf"]) if (Array.isArray(s[k])) for (const m of s[k] as unknown[]) visit(m, depth + 1);
  };
  visit(schema, 0);
}

/** The names of a form schema's file properties (see `formProperties`). */
export function fileProperties(document: JsonObject, schema: unknown, branches = false): string[] {
  return [...formProperties(document, schema, branches)].filter(([, p]) => holdsFiles(document, p)).map(([name]) => name);
}

/** Whether a part's schema admits it as text: not files, and neither `{}` (anything) nor `{ not: {} }` (the normalized `false`). */
function saysText(document: JsonObject, property: unknown): boolean {
  const p = deref(document, property);
  if (!isObject(p) || holdsFiles(document, p)) return false;
  const keys = Object.keys(p);
  return keys.length > 0 && !(keys.length === 1 && isObject(p.not) && Object.keys(p.not).length === 0);
}

/**
 * Where a multipart body holds files, for its type: the named properties (in `oneOf`/`anyOf` branches too)
 * and whether other names do (`additionalProperties` of files); and where a part may be text instead:
 * `texts`, the names some schema of the body declares as not a file, and `textOthers`, whether some
 * `patternProperties` or `additionalProperties` that are not files hold other names (a schema that does not
 * constrain the name, `true` or `{}`, says nothing either way).
 */
export function fileKeys(document: JsonObject, schema: unknown): { names: string[]; others: boolean; texts: string[]; textOthers: boolean } {
  const names = fileProperties(document, schema, true);
  const texts = new Set<string>();
  let others = false;
  let textOthers = false;
  forEachMember(document, schema, true, (s) => {
    if (isObject(s.properties)) for (const [name, p] of Object.entries(s.properties)) if (saysText(document, p)) texts.add(name);
    if (s.additionalProperties !== undefined && holdsFiles(document, s.additionalProperties)) others = true;
    else if (saysText(document, s.additionalProperties)) textOthers = true;
    if (isObject(s.patternProperties) && Object.values(s.patternProperties).some((p) => saysText(document, p))) textOthers = true;
  });
  return { names, others, texts: [...texts], textOthers };
}

/**
 * A file whose rule holds only where its schema applies, which the body validator alone can tell: a file
 * property in a `oneOf`/`anyOf` branch, or `additionalProperties` of files (`name: null`). Its place in the
 * relaxed schema is `fileMarker(id, file)`, `id` its index in `sites`: the server puts in a file's place the ids of
 * the rules it fails (see `fileMarker`), so a branch that would refuse the file fails and the validator keeps
 * its usual `oneOf`/`anyOf`/`additionalProperties` semantics, the rest of the body included.
 */
export interface FileSite {
  name: string | null;
  /** A list of files (each item checked), not one file. */
  list: boolean;
  /** The schema of the file (of each item for a list). */
  file: unknown;
}

/**
 * The schema of a site's place. A file's placeholder there is the ids of the site rules it failed behind a
 * NUL (`\u0000,0,3,`, as the server runtime's `form.ts` writes it; text sent there starting with a NUL is
 * made a file): it passes unless it names rule `id`. Any other value (text the server kept because some
 * schema of the body declares the name as text, or a list of parts) must pass the file's own schema: text
 * by its length in characters (`contentMediaType` is an annotation).
 */
const fileMarker = (id: number, file: unknown): JsonObject => ({
  not: { type: "string", pattern: `^\u0000,(?:\\d+,)*${id},` },
  if: { type: "string", pattern: "^\u0000," },
  else: isObject(file) ? file : {},
});

/** A file property (or list of files) relaxed: the file itself takes any value, or for a site what its marker allows. */
function relaxHolder(document: JsonObject, p: unknown, site?: { name: string | null; sites: FileSite[] }): unknown {
  const files = holdsFiles(document, p);
  if (!files) return p;
  const list = files === "list";
  const file = list ? (deref(document, p) as JsonObject).items : p;
  let relaxed: unknown = true;
  if (site) {
    relaxed = fileMarker(site.sites.length, file);
    site.sites.push({ name: site.name, list, file });
  }
  return list ? { ...(deref(document, p) as JsonObject), items: relaxed } : relaxed;
}

/**
 * `schema` with its files (its own properties, its `$ref` target's, its `allOf` members' and `oneOf`/`anyOf`
 * branches', and `additionalProperties` of files) accepting any value, the `sites` (see `FileSite`) taking
 * their marker: a copy, `$ref`s resolved only where a file is found below them, the keywords beside a `$ref`
 * kept; the schema itself when it has none. (The placeholder string the server validates in a file's place
 * would fail a file's `minLength`.) Sites are numbered in one walk of the schema, so the validators' and the
 * server's targets agree on them.
 */
export function relaxFiles(document: JsonObject, schema: unknown): { schema: unknown; sites: FileSite[] } {
  const sites: FileSite[] = [];
  return { schema: relax(document, schema, sites, 0, false, { left: RELAX_BUDGET }), sites };
}

/**
 * How many schemas one body's relaxed copy may expand: the copy of a schema whose branches `$ref` it again
 * grows as branches^depth; past the budget a schema is left as written (its files not relaxed).
 */
const RELAX_BUDGET = 200;

function relax(document: JsonObject, schema: unknown, sites: FileSite[], depth: number, inBranch: boolean, budget: { left: number }): unknown {
  if (depth > 8 || !isObject(schema) || budget.left <= 0) return schema;
  const files = fileKeys(document, schema);
  if (!files.names.length && !files.others) return schema;
  budget.left--;
  if (typeof schema.$ref === "string") {
    const { $ref, ...siblings } = schema;
    if (Object.keys(siblings).length === 0) return relax(document, deref(document, schema), sites, depth + 1, inBranch, budget);
    // both apply: the target becomes one more `allOf` member beside the other keywords
    const allOf = [...(Array.isArray(siblings.allOf) ? siblings.allOf : []), { $ref }];
    return relax(document, { ...siblings, allOf }, sites, depth + 1, inBranch, budget);
  }
  const out: JsonObject = { ...schema };
  if (isObject(schema.properties)) {
    const properties: JsonObject = {};
    for (const name of Object.keys(schema.properties)) setOwn(properties, name, relaxHolder(document, schema.properties[name], inBranch ? { name, sites } : undefined));
    out.properties = properties;
  }
  if (schema.additionalProperties !== undefined) out.additionalProperties = relaxHolder(document, schema.additionalProperties, { name: null, sites });
  for (const k of ["allOf", "oneOf", "anyOf"]) {
    const members = schema[k];
    if (Array.isArray(members)) out[k] = members.map((m) => relax(document, m, sites, depth + 1, inBranch || k !== "allOf", budget));
  }
  return out;
}
