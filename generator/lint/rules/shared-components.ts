/**
 * Lint compiles one ajv validator per example's schema, each its own root. ajv keeps what a root's `$ref`s
 * compiled in that root's own table, so every new root that names a component compiled it again (GitHub's
 * spec: 1,900 functions, 203 of them repeats, a quarter of the 13 MB of code ajv wrote). Before a schema
 * is compiled, `shareComponents` puts each component it names in the table every root reads first
 * (`ajv.refs`): the function compiled for it inside its document when there is one, else one compiled now.
 * The same schema under the same document root compiles to the same checks either way: only the repeats go.
 */
import type AjvModule from "ajv/dist/2020.js";
import type { SchemaEnv } from "ajv/dist/compile/index.js";

/** An ajv instance of the 2020-12 dialect, as lint makes them. */
export type Ajv = InstanceType<typeof AjvModule.default>;

/**
 * Makes each `<docId>#/...` `$ref` in `schema` (the documents' ids: `docIds`) resolve to one compiled
 * function for the whole ajv instance. A component that does not compile is left to `ajv.compile`, which
 * fails on it as it did before.
 */
export function shareComponents(ajv: Ajv, schema: unknown, docIds: readonly string[]): void {
  const resolver = ajv.opts.uriResolver;
  for (const written of docRefsOf(schema, docIds.map((id) => `${id}#/`))) {
    // the key ajv looks refs up by (`resolveRef`: resolved against the root's base, "" here)
    const ref = resolver.resolve("", written);
    if (ajv.refs[ref] !== undefined) continue;
    const inDocument = ajv.schemas[written.slice(0, written.indexOf("#"))]?.refs[ref];
    if (isCompiled(inDocument)) {
      ajv.refs[ref] = inDocument;
      continue;
    }
    try {
      ajv.getSchema(ref);
    } catch {
      // compiling the example's schema meets this component again and fails there
    }
  }
}

/** A document's table holds compiled functions' environments (and, with `inlineRefs`, schemas to inline). */
function isCompiled(entry: unknown): entry is SchemaEnv {
  return typeof entry === "object" && entry !== null && "root" in entry && "validate" in entry && entry.validate !== undefined;
}

/** Every `$ref` string in `schema` that starts with one of `prefixes`, each once. */
function docRefsOf(schema: unknown, prefixes: readonly string[]): Set<string> {
  const out = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && prefixes.some((p) => value.startsWith(p))) out.add(value);
      else visit(value);
    }
  };
  visit(schema);
  return out;
}
