/**
 * Upgrade stage, between load and bundle: a Swagger 2.0 spec is read as the OpenAPI 3.0.3 document it
 * says (swagger2.ts), so every later stage, and every command (generate, lint, diff, mock, bundle), meets
 * 3.x only. The root keeps its text and file: its `locate` finds a 3.0 pointer's place in the 2.0 text, and
 * `writtenPointer` names the pointer as written there. The files its refs reach are 2.0 fragments (schemas,
 * parameters, responses, path items): each is upgraded in place when read, its pointers unchanged.
 * What 3.0 has no words for is a warning at its 2.0 place (`upgrade/no-3.0-form`, lint's `swagger2-lossy`).
 * Any other document passes through untouched.
 */
import type { LoadedSpec, RefFiles } from "../load/load-spec.js";
import { locateEach, type SourceFile } from "../load/source-file.js";
import { HTTP_METHODS, isObject, type JsonObject } from "../openapi/kinds.js";
import { escapeSegment, segmentsOf } from "../openapi/pointer.js";
import { setOwn } from "../openapi/own.js";
import { pathItemOf, rootRef, upgradeDocument, type Moves, type OperationScope } from "./swagger2.js";
import { parameterOf, responseOf, schemaOf, type Scope } from "./swagger2-values.js";
import { warning, type Diagnostic } from "../diagnostics/diagnostic.js";

export function upgrade(loaded: LoadedSpec): LoadedSpec {
  const doc = loaded.root.value;
  if (!isObject(doc) || doc.swagger !== "2.0") return loaded;
  // filled as the upgrade goes: the root's now, a fragment file's when the bundle stage first reads it
  const warnings: Diagnostic[] = loaded.warnings ?? [];
  const noted = (file: SourceFile): Scope["warn"] => (from, message, help) =>
    warnings.push(warning("upgrade/no-3.0-form", message, { file: file.displayPath, pointer: from, ...file.locate(from) }, help));
  const { document, moves } = upgradeDocument(doc, noted(loaded.root));
  return { root: upgradedFile(loaded.root, document, moves), refs: upgradedRefs(loaded.refs, loaded.root.path, doc, noted), warnings };
}

/** `read` holding its upgraded value: a pointer in it is placed, and named, where `moves` say it was written. */
function upgradedFile(read: SourceFile, value: unknown, moves: Moves): SourceFile {
  const written = writtenBy(moves);
  return {
    path: read.path,
    displayPath: read.displayPath,
    text: read.text,
    value,
    upgraded: { from: "2.0", value: read.value, locate: (pointer) => read.locate(pointer) },
    writtenPointer: written,
    locate: (pointer) => read.locate(written(pointer)),
    locateMany: (pointers) => locateEach((pointer) => read.locate(written(pointer)), pointers),
  };
}

/** The pointer as written in the 2.0 file of a pointer in its upgraded document, by the moves recorded. */
function writtenBy(moves: Moves): (pointer: string) => string {
  return (pointer) => {
    // the longest recorded prefix of the pointer, found by walking up its parents
    const segments = segmentsOf(pointer);
    for (let n = segments.length; n > 0; n--) {
      const prefix = segments.slice(0, n).map((s) => `/${escapeSegment(s)}`).join("");
      const move = moves.get(prefix);
      if (move !== undefined) return move.whole ? move.from : move.from + pointer.slice(prefix.length);
    }
    return pointer;
  };
}

/**
 * The files refs reach, each upgraded as a 2.0 fragment when first read. A fragment's ref back into the
 * root (`swagger.yaml#/definitions/Pet`) is rewritten to where the upgrade moved its target; messages
 * still quote it as the fragment writes it (`upgraded`, pointers unchanged).
 */
function upgradedRefs(refs: RefFiles, rootPath: string, doc: JsonObject, noted: (file: SourceFile) => Scope["warn"]): RefFiles {
  const done = new Map<string, SourceFile>();
  return {
    ...refs,
    read(target) {
      let file = done.get(target);
      if (!file) {
        const read = refs.read(target);
        const moves: Moves = new Map();
        const scope: OperationScope = {
          ref: (ref) => intoRoot(refs, target, rootPath, ref),
          move: (to, from, whole = false) => void moves.set(to, { from, whole }),
          warn: noted(read),
          consumes: mediaTypesOr(doc.consumes),
          produces: mediaTypesOr(doc.produces),
          bodyParameter: () => undefined,
        };
        file = upgradedFile(read, upgradeFragment(read.value, scope, ""), moves);
        done.set(target, file);
      }
      return file;
    },
  };
}

/** A fragment's `$ref`, its pointer moved as the root's were when its file part names the root. */
function intoRoot(refs: RefFiles, from: string, rootPath: string, ref: string): string {
  const hash = ref.indexOf("#");
  if (hash <= 0) return ref;
  const filePart = ref.slice(0, hash);
  try {
    if (refs.resolve(from, filePart) !== rootPath) return ref;
  } catch {
    return ref; // malformed: the bundle reports it
  }
  return filePart + rootRef(ref.slice(hash));
}

function mediaTypesOr(value: unknown): string[] {
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string") ? value : ["application/json"];
}

/**
 * A document of 2.0 fragments, upgraded where it holds them: what looks like a path item (a method with
 * `responses`), a query, path or header parameter (`in`, `name`, no `schema`), a response (`description`
 * with `schema` or `headers`, no `content`); every other object as a schema (x-nullable, a discriminator's
 * name, `type: file`). Keys stay where they are, so the refs into the file still resolve.
 */
function upgradeFragment(value: unknown, scope: OperationScope, at: string): unknown {
  if (Array.isArray(value)) return value.map((v, i) => upgradeFragment(v, scope, `${at}/${i}`));
  if (!isObject(value)) return value;
  if (HTTP_METHODS.some((m) => isObject(value[m]) && isObject(value[m].responses))) return pathItemOf(value, scope, at, at);
  if (typeof value.name === "string" && (value.in === "query" || value.in === "path" || value.in === "header") && value.schema === undefined && value.content === undefined) {
    return parameterOf(value, scope, at, at);
  }
  if (typeof value.description === "string" && value.content === undefined && (isObject(value.schema) || isObject(value.headers))) {
    return responseOf(value, scope.produces, scope, at, at);
  }
  const out: JsonObject = {};
  const schema = schemaOf(value, scope) as JsonObject;
  for (const [key, child] of Object.entries(schema)) setOwn(out, key, upgradeFragment(child, scope, `${at}/${escapeSegment(key)}`));
  return out;
}
