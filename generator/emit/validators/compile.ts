/**
 * Compiles the schema set to standalone ES module code with ajv (draft 2020-12), at generation time:
 * the generated package never compiles a schema and never calls `eval`/`new Function`, so it runs under a
 * strict Content-Security-Policy. Three adjustments to ajv's output:
 * - `require("ajv/dist/runtime/<helper>")` (which ajv emits even in ESM mode) and the format functions
 *   become imports from the package's own `validators-runtime.ts` and `formats.ts`, one binding per
 *   format (see standalone.ts): the package has no runtime dependency, and a bundler keeps what is used;
 * - `inlineRefs: false`: a component is one function shared by every schema that references it (ajv's
 *   default inlining made GitHub's validators 47 MB; this keeps each component's code once);
 * - error `schemaPath`s, which ajv writes relative to the compiled function's own root, are made absolute
 *   JSON pointers into the spec (`#/components/schemas/Address/required`).
 */
import { createRequire } from "node:module";
import type AjvModule from "ajv/dist/2020.js";
import type * as Codegen from "ajv/dist/compile/codegen/index.js";
import type * as Util from "ajv/dist/compile/util.js";
import { jsonString } from "../../codegen/code.js";
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { FORMAT_NAMES, NUMBER_FORMAT_NAMES } from "./format-names.js";
import { standaloneModule } from "./standalone.js";
import { PROTO_PATTERN, specPointerOf, type PropertyPlace } from "./schema-set.js";
import { compileFailure } from "./compile-errors.js";
import { MULTIPLE_OF_REQUIRE, useDecimalMultipleOf } from "./multiple-of-keyword.js";
import { useWrittenOutPatterns } from "./pattern-keyword.js";
import { useDiscriminatorTags } from "./discriminator-keyword.js";
import { useBranchAnnotations } from "./branch-annotations.js";
import { useContainsAnnotations } from "./contains-annotations.js";
import { COPY_OF_REQUIRE, REMOVALS_REQUIRE, useBranchCoercions, useBranchRemovals } from "./branch-undo.js";
import { own } from "../../openapi/own.js";
import { pointerFromFragment, resolvePointer, unescapeSegment } from "../../openapi/pointer.js";

// ajv is loaded when the validators target runs, not on every start (types-only runs skip its 0.1 s).
const require = createRequire(import.meta.url);
// ajv's optimizing pass costs 40% of the compile time (GitHub: 14.9 s -> 8.6 s) for 11% smaller code.
const OPTIMIZE = false;
// ajv hands each validator's code to `new Function` even when only its source is wanted; V8 parsing it
// was 30% of the compile time on GitHub's spec. ajv's `code.process` hook gives the Function constructor
// a stub instead: we only read `validate.source`, which keeps ajv's own code. The meta-schemas ajv checks
// every added schema against keep their real code, since ajv runs them.
const STUB = 'return function sourceOnly() { throw new Error("specforge compiles validators for their source only"); }';

interface CompiledEnv {
  root?: { schema?: unknown; baseId?: string };
  validate?: { source?: { validateCode?: string } };
}

/**
 * The `code.process` hook of one ajv instance. It also flattens each validator's kept code: ajv builds it
 * as a rope of millions of small strings, which young-generation GC copied again and again until the
 * module was assembled (a third of GitHub's compile time). Flattened, the pieces die young. ajv sets
 * `validate.source` after this hook returns, so each call flattens the previous compile's, and `flush`
 * (after each export's compile) the last one.
 */
function sourceOnlyHook(metaSchemas: ReadonlySet<string>): { process: (code: string, env?: CompiledEnv) => string; flush: () => void } {
  let previous: CompiledEnv | undefined;
  const flush = () => {
    const code = previous?.validate?.source?.validateCode;
    // V8 flattens a regexp's subject string in place.
    if (code !== undefined) FLATTEN.test(code);
    previous = undefined;
  };
  return {
    process(code, env) {
      flush();
      previous = env;
      const root = env?.root?.schema as { $id?: unknown } | undefined;
      const id = typeof root?.$id === "string" ? root.$id : env?.root?.baseId;
      return id !== undefined && (id.startsWith("https://json-schema.org/") || metaSchemas.has(id.replace(/#$/, ""))) ? code : STUB;
    },
    flush,
  };
}
const FLATTEN = /^/;

/**
 * How the validators read a schema; `specforge lint` validates examples and defaults with the same
 * options (and the same format checkers), so lint and the generated validators agree.
 * `ownProperties`: a property is present when the object has it as its own; ajv's default (`data.x !==
 * undefined`) found `__proto__`, `toString` and `constructor` on every object, through its prototype, so
 * `required: [toString]` passed `{}` and `properties: {constructor: {type: number}}` failed it. (The
 * validators' compile turns it off when no schema names such a property: the result is the same.)
 */
// strict off for the schemas specs hold (unknown keywords), but numbers strict: NaN and Infinity are no JSON numbers
export const VALIDATION_OPTIONS = { strict: false, strictNumbers: true, validateFormats: true, unicodeRegExp: true, ownProperties: true } as const;

export interface CompileInput {
  documents: JsonObject[];
  /** Export name -> `$id#fragment` of a component, or an inline schema. */
  exports: Array<{ name: string; ref?: string; schema?: JsonObject | boolean; pointer: string; places?: Record<string, PropertyPlace> }>;
  /** Report every error (true) or stop at the first (false). */
  allErrors: boolean;
  /** Convert strings to the schema's types in place (parameters read on a server): ajv `coerceTypes: "array"`. */
  coerceTypes?: boolean;
  /** Remove properties `additionalProperties: false` does not allow, in place, instead of failing. */
  removeAdditional?: boolean;
  /** Schema documents beside a spec fetched by URL that its schemas reach, keyed by their URL. */
  extraDocuments?: Record<string, unknown>;
  /** `$id` -> spec pointer of each document that is one schema of the spec (a component with its own `$id`), for messages. */
  resourcePointers?: Record<string, string>;
  /** Make error schema paths absolute pointers into the spec (`specPointerOf` maps the `$ref` targets). */
  specPointers?: boolean;
}

export interface CompiledModule {
  /** ES module source (JavaScript) exporting one raw ajv validate function per export name. */
  code: string;
  /** Formats the schemas use that no checker knows: they are annotations only. */
  unknownFormats: string[];
  /** Formats whose checkers the code uses, each bound by `formatImport` (`__format_email`). */
  formats: string[];
}

const RUNTIME_HELPERS: Record<string, string> = {
  'require("ajv/dist/runtime/equal").default': "equal",
  'require("ajv/dist/runtime/ucs2length").default': "ucs2length",
  'require("ajv/dist/runtime/uri").default': "parseUri",
  'require("ajv/dist/runtime/validation_error").default': "ValidationFailure",
  [MULTIPLE_OF_REQUIRE]: "multipleOf",
  [REMOVALS_REQUIRE]: "removals",
  [COPY_OF_REQUIRE]: "copyOf",
};

/** The ajv modules a compile uses (Node caches them: a thread loads them while it waits for its input). */
export function loadAjv(): { Ajv2020: typeof AjvModule.default; _: typeof Codegen._ } {
  return { Ajv2020: (require("ajv/dist/2020.js") as typeof AjvModule).default, _: (require("ajv/dist/compile/codegen/index.js") as typeof Codegen)._ };
}

export function compileModule(input: CompileInput): CompiledModule {
  const { Ajv2020, _ } = loadAjv();
  const unknownFormats = new Set<string>();
  const formats: Record<string, (() => true) | { type: "number"; validate: () => true }> = {};
  // ajv must know each format at compile time (as a function: `true` would mean "ignore"); ajv writes the
  // code's checker as `__formats[name]`, which standalone.ts makes an import binding of its own.
  for (const name of FORMAT_NAMES) formats[name] = () => true;
  for (const name of NUMBER_FORMAT_NAMES) formats[name] = { type: "number", validate: () => true };
  // A schema's `$schema` may name a meta-schema of the spec's own (fetched beside it): ajv runs that one.
  const extras = Object.entries(input.extraDocuments ?? {});
  const hook = sourceOnlyHook(metaSchemasNamed([...input.documents, ...extras.map(([, doc]) => doc), ...input.exports.map((e) => e.schema)]));
  const ajv = new Ajv2020({
    ...VALIDATION_OPTIONS,
    code: { source: true, esm: true, formats: _`__formats`, optimize: OPTIMIZE, process: hook.process as never },
    allErrors: input.allErrors,
    coerceTypes: input.coerceTypes ? "array" : false,
    removeAdditional: input.removeAdditional ?? false,
    messages: false,
    inlineRefs: false,
    // The check stage has held every schema of the spec to the 2020-12 meta-schema (check/schema-keywords.ts);
    // ajv's own check of each on adding it was a tenth of the validators' compile on GitHub's spec, in every
    // thread. `checked` runs it where the check stage did not look (documents beside a spec) and where a root
    // names its `$schema` (ajv reads only a root's: one it lacks is validators/unknown-meta-schema).
    validateSchema: false,
    logger: { log() {}, warn(...args: unknown[]) {
      const m = /unknown format "([^"]+)"/.exec(String(args[0]));
      if (m) unknownFormats.add(m[1]!);
    }, error() {} },
    formats: formats as never,
  });
  useDecimalMultipleOf(ajv);
  useWrittenOutPatterns(ajv);
  useDiscriminatorTags(ajv);
  useBranchAnnotations(ajv);
  useContainsAnnotations(ajv);
  if (input.removeAdditional) useBranchRemovals(ajv);
  if (input.coerceTypes) useBranchCoercions(ajv);
  refLoopInResources([...extras.map(([, doc]) => doc), ...input.documents], input.resourcePointers ?? {});
  // A schema checked against its `$schema` as ajv checks what it is given (the meta-schema's errors thrown).
  const checked = <T>(schema: T, always = false): T => {
    if (always || (isObject(schema) && schema.$schema !== undefined)) ajv.validateSchema(schema as never, true);
    return schema;
  };
  // The documents beside the spec first: each is checked against its `$schema` at once.
  for (const [uri, doc] of extras) {
    try {
      ajv.addSchema(checked(doc, true) as never, uri);
    } catch (e) {
      throw compileFailure(e, undefined, `the document ${uri}`);
    }
  }
  for (const doc of input.documents) {
    try {
      ajv.addSchema(checked(doc) as never);
    } catch (e) {
      const id = typeof doc.$id === "string" ? doc.$id : "";
      throw compileFailure(e, own(input.resourcePointers ?? {}, id), id.startsWith("specforge:") ? "the components" : `the schema resource '${id}'`);
    }
  }

  const refs: Record<string, string> = {};
  input.exports.forEach((e, i) => {
    const id = e.ref ?? `specforge:inline/${i}`;
    if (!e.ref) {
      try {
        ajv.addSchema(checked(e.schema) as never, id);
      } catch (err) {
        throw compileFailure(err, e.pointer, "the schema");
      }
    }
    refs[e.name] = id;
  });
  // ajv's 2020 mode supports $dynamicRef and unevaluatedProperties/Items in every validator it compiles,
  // and both cost time when no schema uses them: a `dynamicAnchors` object made on every call, and the
  // evaluated-property bookkeeping on every object (which also keeps `anyOf` from stopping at its first
  // match). They are turned off here when unused; the meta-schemas, which use them, were compiled above
  // where `checked` needed them, and are needed nowhere after.
  const schemas = [...input.documents, ...Object.values(input.extraDocuments ?? {}), ...input.exports.map((e) => e.schema)];
  const opts = ajv.opts as { dynamicRef?: boolean; unevaluated?: boolean; ownProperties?: boolean };
  const used = keywordsUsed(schemas);
  if (!used.dynamic) opts.dynamicRef = false;
  if (!used.unevaluated) opts.unevaluated = false;
  // Reading `data.name` is the same as an own-property check unless Object.prototype has that name; the
  // check costs half again the time of validating a plain object (20 properties: 280 -> 430 ns).
  if (!used.inheritedName) opts.ownProperties = false;
  const roots = new Map<string, Root>(); // validate function name -> where its schema paths start in the spec
  const pointerOf = targetPointers(ajv, input.documents);
  // Compile each export and remember which function is whose root, for absolute schema paths: the
  // exports themselves, then every `$ref` target ajv compiled on the way (kept in each env's `refs`).
  for (const e of input.exports) {
    let fn: { source?: { validateName: { str: string } } } | undefined;
    try {
      fn = ajv.getSchema(refs[e.name]!) as typeof fn;
    } catch (err) {
      throw compileFailure(err, e.pointer, "the schema");
    }
    hook.flush();
    const name = fn?.source?.validateName.str;
    const pointer = (input.specPointers && e.ref !== undefined ? pointerOf(e.ref) : undefined) ?? e.pointer;
    if (name && !roots.has(name)) roots.set(name, { pointer: `#${pointer}`, places: e.places });
  }
  if (input.specPointers) collectRefRoots(ajv, pointerOf, roots);
  const standalone = standaloneModule(ajv as never, refs);
  let code = absoluteSchemaPaths(standalone.code, roots, input.specPointers ? pointerOf : undefined);
  for (const [from, to] of Object.entries(RUNTIME_HELPERS)) code = code.split(from).join(to);
  if (/require\(/.test(code)) throw new Error("ajv emitted a require() specforge does not map: update RUNTIME_HELPERS");
  return { code, unknownFormats: [...unknownFormats].sort(), formats: standalone.formats };
}

/**
 * A chain of schema resources' own `$ref`s (each against its `$id`) that comes back to where it started
 * (`{ $id: a, $ref: a }`, `$ref: "#"` at a resource's root) reads nothing of the value on the way: no
 * validator can evaluate it. ajv compiles it (ownBase in schema-set.ts keeps it from following a resource's
 * `$ref`), and the validator then recursed until the stack overflowed on every value; here it is the
 * error a loop of plain `$ref`s is (validators/ref-loop), at the resource.
 */
function refLoopInResources(documents: readonly unknown[], pointers: Record<string, string>): void {
  const resources = new Map<string, { node: JsonObject; base: string; written: string }>();
  const visit = (node: unknown, base: string | undefined): void => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n, base));
    if (!isObject(node)) return;
    if (typeof node.$id === "string") {
      const uri = absolute(node.$id, base);
      if (uri !== undefined && !resources.has(uri)) resources.set(uri, { node, base: uri, written: node.$id });
      base = uri ?? base;
    }
    for (const k of Object.keys(node)) if (node[k] && typeof node[k] === "object") visit(node[k], base);
  };
  for (const doc of documents) visit(doc, undefined);
  for (const [start, resource] of resources) {
    const seen = new Set([start]);
    let at = resource;
    while (typeof at.node.$ref === "string") {
      const target = absolute(at.node.$ref, at.base, true);
      const next = target === undefined ? undefined : resources.get(target);
      if (next === undefined) break;
      if (seen.has(target!)) {
        const pointer = own(pointers, start) ?? own(pointers, resource.written);
        throw compileFailure(new RangeError("a $ref loop"), pointer, `the schema resource '${start}'`);
      }
      seen.add(target!);
      at = next;
    }
  }
}

/** `ref` against `base` without its fragment; `wholeOnly`: undefined when the fragment points inside (`#/x`). */
function absolute(ref: string, base: string | undefined, wholeOnly = false): string | undefined {
  let url: URL;
  try {
    url = base === undefined ? new URL(ref) : new URL(ref, base);
  } catch {
    return undefined;
  }
  if (wholeOnly && url.hash !== "" && url.hash !== "#") return undefined;
  url.hash = "";
  return url.href;
}

/**
 * The `$schema`s of the schemas given to ajv, without a trailing `#`: ajv checks each such root against its
 * `$schema` (the `$schema` of a subschema it ignores).
 */
function metaSchemasNamed(roots: unknown[]): Set<string> {
  const out = new Set<string>();
  for (const root of roots) {
    const schema = isObject(root) ? root.$schema : undefined;
    if (typeof schema === "string") out.add(schema.replace(/#$/, ""));
  }
  return out;
}

const DYNAMIC_KEYWORDS = new Set(["$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor"]);
const UNEVALUATED_KEYWORDS = new Set(["unevaluatedProperties", "unevaluatedItems"]);

/** Names every plain object has through its prototype (`toString`, `constructor`, `__proto__`, ...). */
const INHERITED_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * Which of the two costly keyword families any schema in `values` uses, and whether any names a property
 * that objects inherit, in one walk (a property named like a keyword, or an enum value named like an
 * inherited property, counts too: that only keeps the support on). Tens of ms on GitHub's spec; ajv
 * compiles it in seconds.
 */
function keywordsUsed(values: unknown[]): { dynamic: boolean; unevaluated: boolean; inheritedName: boolean } {
  const used = { dynamic: false, unevaluated: false, inheritedName: false };
  const stack = [...values];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const v = stack.pop();
    if (!v || typeof v !== "object" || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (const item of v) {
        if (item && typeof item === "object") stack.push(item);
        else if (typeof item === "string" && INHERITED_NAMES.has(item)) used.inheritedName = true; // `required: [toString]`
      }
      continue;
    }
    for (const k in v) {
      if (DYNAMIC_KEYWORDS.has(k)) used.dynamic = true;
      else if (UNEVALUATED_KEYWORDS.has(k)) used.unevaluated = true;
      else if (INHERITED_NAMES.has(k)) used.inheritedName = true; // `properties: {constructor: ...}`
      const item = (v as Record<string, unknown>)[k];
      if (item && typeof item === "object") stack.push(item);
    }
    if (used.dynamic && used.unevaluated && used.inheritedName) break;
  }
  return used;
}

/**
 * The spec pointer of the schema a `$ref` URI into the documents compiles to. ajv compiles a target that is
 * only a `$ref` (a component `Alias: { $ref: Name }`) as the schema its chain ends at (getJsonPointer in
 * ajv's compile/index.js), so that function's schema paths are the end's: `Name`'s, not `Alias`'s.
 */
function targetPointers(ajv: unknown, documents: readonly JsonObject[]): (uri: string) => string | undefined {
  const { schemaHasRulesButRef } = require("ajv/dist/compile/util.js") as typeof Util;
  const rules = (ajv as { RULES: Parameters<typeof Util.schemaHasRulesButRef>[1] }).RULES;
  const byId = new Map(documents.flatMap((d): Array<[string, JsonObject]> => (typeof d.$id === "string" ? [[d.$id, d]] : [])));
  return (uri) => {
    const seen = new Set<string>();
    let at = uri;
    for (;;) {
      seen.add(at);
      const schema = schemaAt(byId, at);
      const next = isObject(schema) && typeof schema.$ref === "string" && !schemaHasRulesButRef(schema, rules) ? schema.$ref : undefined;
      // only the documents' own absolute refs (`specforge:api#/$defs/Name`); a loop is ajv's error
      if (next === undefined || !byId.has(next.split("#")[0]!) || seen.has(next)) return specPointerOf(at);
      at = next;
    }
  };
}

/** The schema at `uri` (`<document $id>#<pointer>`, the pointer URI-escaped as ajv writes it), if any. */
function schemaAt(byId: Map<string, JsonObject>, uri: string): unknown {
  const hash = uri.indexOf("#");
  const pointer = pointerFromFragment(hash < 0 ? "" : uri.slice(hash + 1));
  const found = pointer === undefined ? undefined : resolvePointer(byId.get(hash < 0 ? uri : uri.slice(0, hash)), pointer);
  return found?.found ? found.value : undefined;
}

interface Env {
  validateName?: { str: string };
  refs?: Record<string, unknown>;
}

function collectRefRoots(ajv: unknown, pointerOf: (uri: string) => string | undefined, roots: Map<string, Root>): void {
  const internals = ajv as { refs: Record<string, unknown>; schemas: Record<string, unknown> };
  const seen = new Set<unknown>();
  const visit = (env: unknown): void => {
    if (!env || typeof env !== "object" || seen.has(env)) return;
    seen.add(env);
    for (const [uri, target] of Object.entries((env as Env).refs ?? {})) {
      const name = (target as Env | undefined)?.validateName?.str;
      const pointer = pointerOf(uri);
      if (name && pointer !== undefined && !roots.has(name)) roots.set(name, { pointer: `#${pointer}` });
      visit(target);
    }
  };
  for (const env of [...Object.values(internals.refs), ...Object.values(internals.schemas)]) visit(env);
}

/** Where a compiled function's schema paths start in the spec; a parameters object's properties each start at their own. */
interface Root {
  pointer: string;
  places?: Record<string, PropertyPlace>;
}

/**
 * Rewrites `schemaPath:"#/..."` inside each root function to start at that root's pointer in the spec; in a
 * parameters object, a property's paths at its parameter's schema, and the `required` issue naming a
 * parameter (ajv writes its name as a literal when it reports every error) at that parameter's `required`.
 */
function absoluteSchemaPaths(code: string, roots: Map<string, Root>, pointerOf?: (uri: string) => string | undefined): string {
  code = code.replace(FALSE_SCHEMA, '$1"');
  const starts = [...code.matchAll(/function (validate\d+)\(/g)];
  let out = code.slice(0, starts[0]?.index ?? code.length);
  starts.forEach((m, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]!.index : code.length;
    const body = code.slice(m.index, end);
    const root = roots.get(m[1]!);
    if (!root) out += body;
    else out += body.replace(SCHEMA_PATH, (all: string, path: string, name: string | undefined) => {
      const written = specPath(JSON.parse(`"${path}"`) as string);
      return `schemaPath:${jsonString(root.places ? placed(root, written, name) : `${root.pointer}${written}`)}${all.slice(`schemaPath:"#${path}"`.length)}`;
    });
  });
  // a `$ref` to `false`, which ajv inlines whatever `inlineRefs` says, has the ref's URI as its schema path
  if (!pointerOf) return out;
  return out.replace(INLINED_REF, (all: string, uri: string) => {
    const pointer = pointerOf(JSON.parse(`"${uri}"`) as string);
    return pointer === undefined ? all : `schemaPath:${jsonString(`#${pointer}`)}`;
  });
}

/**
 * ajv's schema path of a `false` schema ends in its keyword, `/false schema` (no name in the spec): the path
 * is the schema's own. (A property's name in a path is URI-escaped: `false%20schema`.)
 */
const FALSE_SCHEMA = /(schemaPath:"(?:[^"\\]|\\.)*?)\/false schema"/g;

/** A schema path that is a `$ref`'s URI into the compiled documents, as ajv writes an inlined target's. */
const INLINED_REF = /schemaPath:"(specforge:(?:[^"\\]|\\.)*)"/g;

/** A schema path literal (a JSON string, as ajv writes it), and the name a `required` issue after it names. */
const SCHEMA_PATH = /schemaPath:"#((?:[^"\\]|\\.)*)"(?:,keyword:"required",params:\{missingProperty: ("(?:[^"\\]|\\.)*")\})?/g;

/**
 * A schema path below a root as the spec writes it: ajv escapes each segment as a URI fragment does
 * (`properties/a%20b`, `patternProperties/%5Ex-`), where the root's own pointer is a plain JSON pointer
 * (`#/paths/~1pets~1{id}/...`): decoded, the whole is one. A `__proto__` property the validators check as a
 * pattern (protoAsPattern in schema-set.ts) is the spec's `properties/__proto__`.
 */
function specPath(path: string): string {
  const decoded = path.split("/").map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
  return decoded.join("/").split(`/patternProperties/${PROTO_PATTERN}`).join("/properties/__proto__");
}

function placed(root: Root, path: string, nameLiteral: string | undefined): string {
  const places = root.places!;
  if (path === "/required" && nameLiteral !== undefined) {
    const place = own(places, JSON.parse(nameLiteral) as string);
    if (place) return `#${place.required}`;
  }
  const m = /^\/properties\/([^/]*)(.*)$/.exec(path);
  if (m) {
    const place = own(places, unescapeSegment(m[1]!));
    if (place) return `#${place.schema}${m[2]}`;
  }
  return `${root.pointer}${path}`;
}
