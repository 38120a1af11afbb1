/**
 * `specforge join`'s stage: several bundled OpenAPI documents as one, as `redocly join` makes it (teams with
 * a spec per service publish one for their gateway or portal). The first input is the main one: the
 * output's `openapi`, `info`, `servers`, `security`, `externalDocs` and top-level extensions are its. What
 * another input's root `servers` and `security` say for its operations is moved down into them
 * (root-settings.ts), so each operation keeps its server and its security. Paths and webhooks
 * (path-items.ts), tags (tags.ts) and components (components.ts) are joined in input order; every conflict
 * is an error naming both places, and the run stops before anything is written.
 */
import { DiagnosticBag, error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { sanitizeComponentKey } from "../bundle/bundle.js";
import { isObject, type JsonObject } from "../openapi/kinds.js";
import { setOwn } from "../openapi/own.js";
import { forEachNode } from "../openapi/walk.js";
import { X_WEBHOOKS } from "../openapi/x-webhooks.js";
import { fileNameTwin, locate, pathItemsOf, versionOf, webhooksKey, where, type JoinInput } from "./input.js";
import { prefixComponents } from "./prefix-components.js";
import { moveRootSettingsDown } from "./root-settings.js";
import { inputTags, joinTags } from "./tags.js";
import { operationIdConflicts, PathItems } from "./path-items.js";
import { joinComponents } from "./components.js";

export interface JoinOptions {
  /** An `info` property (`title`, `version`) whose value prefixes every component's name. */
  prefixComponentsWithInfoProp?: string;
  /** An `info` property whose value prefixes every tag. */
  prefixTagsWithInfoProp?: string;
  /** The input's file name prefixes every tag. */
  prefixTagsWithFilename?: boolean;
  /** No `x-tagGroups`, not even the main spec's own (and no `other` tag for untagged operations). */
  withoutXTagGroups?: boolean;
}

/** Top-level fields in the order the output has them; the first input's others follow in its order. */
const ORDER = ["openapi", "info", "jsonSchemaDialect", "servers", "security", "tags", "x-tagGroups", "paths", "webhooks", X_WEBHOOKS, "components", "externalDocs"];

/** The joined document, and warnings; throws `SpecforgeError` with every conflict. Rewrites the inputs' documents. */
export function joinDocuments(inputs: JoinInput[], options: JoinOptions = {}): { document: JsonObject; warnings: Diagnostic[] } {
  const bag = new DiagnosticBag();
  const [main] = inputs;
  if (!main) throw new Error("join needs an input");
  sameVersion(inputs, bag);
  const componentPrefixes = inputs.map((input) => infoPrefix(input, options.prefixComponentsWithInfoProp, "--prefix-components-with-info-prop", bag));
  const tagPrefixes = inputs.map((input) => (options.prefixTagsWithFilename ? fileNamePrefix(inputs, input, bag) : infoPrefix(input, options.prefixTagsWithInfoProp, "--prefix-tags-with-info-prop", bag)));
  bag.throwIfErrors();

  const grouped = !options.withoutXTagGroups;
  inputs.forEach((input, i) => {
    const prefix = componentPrefixes[i];
    if (prefix !== undefined) prefixComponents(input, sanitizeComponentKey(prefix));
    if (input !== main) moveRootSettingsDown(input, main.document);
  });
  const tags = joinTags(inputs.map((input, i) => inputTags(input, tagPrefixes[i])), grouped, bag);
  // before the paths are joined: joining adds one input's operations to another's path items
  operationIdConflicts(inputs, bag, operationsOf);
  const paths = new PathItems(bag, "path");
  const webhooks = new PathItems(bag, "webhook");
  for (const input of inputs) {
    const { document } = input;
    if (isObject(document.paths)) paths.add(input, "/paths", document.paths);
    const hooks = webhooksKey(document);
    if (hooks !== undefined) webhooks.add(input, `/${hooks}`, document[hooks] as JsonObject);
  }
  const components = joinComponents(inputs, bag, options.prefixComponentsWithInfoProp !== undefined);
  bag.throwIfErrors();

  const joined: JsonObject = {
    tags: tags.tags.length > 0 ? tags.tags : undefined,
    "x-tagGroups": tags.groups.length > 0 ? tags.groups : undefined,
    paths: Object.keys(paths.items).length > 0 || inputs.some((i) => i.document.paths !== undefined) ? paths.items : undefined,
    components: Object.keys(components).length > 0 ? components : undefined,
  };
  // unset without webhooks: a 3.0 spec's `x-webhooks` that are not read as webhooks are an extension, kept as written
  if (Object.keys(webhooks.items).length > 0) joined[versionOf(main.document).startsWith("3.0.") ? X_WEBHOOKS : "webhooks"] = webhooks.items;
  const document: JsonObject = {};
  const put = (key: string) => {
    const value = Object.hasOwn(joined, key) ? joined[key] : main.document[key];
    if (value !== undefined && !Object.hasOwn(document, key)) setOwn(document, key, value);
  };
  for (const key of ORDER) put(key);
  for (const key of Object.keys(main.document)) put(key);
  return { document, warnings: bag.warnings() };
}

/**
 * Inputs whose schemas are read by one version's rules: a 3.0 schema means otherwise in 3.1 (`nullable`,
 * `exclusiveMinimum`). 3.1 and 3.2 share the JSON Schema dialect, so a 3.1 input joins a 3.2 main one (the
 * output says 3.2); not the other way round: a 3.2 spec may use what 3.1 has not (`additionalOperations`,
 * a `query` method, a tag's `parent`).
 */
function sameVersion(inputs: JoinInput[], bag: DiagnosticBag): void {
  const minor = (input: JoinInput) => /^3\.(\d+)/.exec(versionOf(input.document))?.[1];
  const first = inputs[0]!;
  const main = minor(first);
  for (const input of inputs.slice(1)) {
    const own = minor(input);
    if (own === main) continue;
    const versions = `the spec is OpenAPI ${versionOf(input.document)}, the first one (${where({ input: first, pointer: "/openapi" })}) ${versionOf(first.document)}`;
    const at = locate({ input, pointer: "/openapi" });
    if (own !== undefined && main !== undefined && own !== "0" && main !== "0") {
      if (Number(own) < Number(main)) continue;
      bag.add(error("join/version-mix", `${versions}: the joined spec says the first one's version, and a 3.${own} spec may use what 3.${main} has not`, at, `give the 3.${own} spec first: a 3.${main} spec joins a 3.${own} one`));
      continue;
    }
    bag.add(error("join/version-mix", `${versions}: their schemas would be read by one version's rules`, at, "join specs of one OpenAPI version: upgrade the 3.0 ones to 3.1 first (nullable: true is a \"null\" type, a boolean exclusiveMinimum the bound itself)"));
  }
}

/** The value of `info[prop]` naming `input`'s prefix; an error when there is none. */
function infoPrefix(input: JoinInput, prop: string | undefined, option: string, bag: DiagnosticBag): string | undefined {
  if (prop === undefined) return undefined;
  const info = input.document.info;
  const value = isObject(info) && Object.hasOwn(info, prop) ? info[prop] : undefined;
  if ((typeof value === "string" && value.trim() !== "") || typeof value === "number") return String(value);
  bag.add(error("join/no-prefix", `${option} ${prop}: the spec has no info.${prop} to prefix with`, locate({ input, pointer: isObject(info) ? "/info" : "" }), `give the spec an info.${prop}, or name another info property`));
  return undefined;
}

/** `input`'s file name, `--prefix-tags-with-filename`'s prefix; an error when an earlier input has it too. */
function fileNamePrefix(inputs: JoinInput[], input: JoinInput, bag: DiagnosticBag): string {
  const twin = fileNameTwin(inputs, input);
  const file = (of: JoinInput) => locate({ input: of, pointer: "" }).file;
  if (twin) bag.add(error("join/no-prefix", `--prefix-tags-with-filename: the spec's file name '${input.fileName}' is also ${file(twin)}'s, so their tags would be named alike`, { file: file(input) }, "prefix with --prefix-tags-with-info-prop title"));
  return input.fileName;
}

/**
 * Every operation of `input`'s paths and webhooks (their callbacks' too), with its pointer: where a path item
 * is a `$ref`, those it points at (input.ts pathItemsOf). Not the other components: those may be shared
 * with another input, where components.ts compares them.
 */
function operationsOf(input: JoinInput): Array<{ operation: JsonObject; pointer: string }> {
  const out: Array<{ operation: JsonObject; pointer: string }> = [];
  const seen = new WeakSet<object>();
  for (const { item, pointer: at } of pathItemsOf(input)) {
    forEachNode(item, (node, kind, pointer) => {
      if (kind !== "Operation" || seen.has(node)) return;
      seen.add(node);
      out.push({ operation: node, pointer: `${at}${pointer}` });
    }, "PathItem");
  }
  return out;
}
