/**
 * Callbacks' types. openapi-typescript 7.13 types no operation's `callbacks`. In our copy of the document each
 * callback's path item (a `$ref` followed) becomes a webhook under a private key, without its operationIds
 * (so its types stay inline, never beside the API's own in `operations`), and is typed as webhooks are
 * (sent by the API for readOnly/writeOnly, `dates: Date`, 3.2 operations). After the transform those members
 * leave `webhooks` for an interface of their own that mirrors the spec:
 * `callbacks["/subscribe"]["post"]["onEvent"]["{$request.body#/url}"]["post"]`.
 */
import type TS from "typescript";
import { ts, NEVER, STRING, tsModifiers, tsPropertyIndex, tsRecord } from "./typescript.js";
import { isObject, operationsOfItem, type JsonObject } from "../../openapi/kinds.js";
import { callbackEntries } from "../../openapi/callbacks.js";
import { derefLocal } from "../../openapi/pointer.js";
import { setOwn } from "../../openapi/own.js";

const PRIVATE = "specforge:callback:";
const f = ts.factory;

export interface LiftedCallback {
  /** Its private key in the copy's `webhooks`. */
  key: string;
  /** Where it sits in `callbacks`: the path, the operation's segments (`post`), the callback's name and URL expression. */
  at: string[];
}

/** Puts every callback's path item into `copy.webhooks` under a private key (call before the read/write split). */
export function liftCallbacks(copy: JsonObject): LiftedCallback[] {
  const lifted: LiftedCallback[] = [];
  const paths = isObject(copy.paths) ? copy.paths : {};
  for (const path of Object.keys(paths)) {
    const item = path.startsWith("x-") ? undefined : derefLocal(copy, paths[path]).node;
    for (const { segments, operation } of item ? operationsOfItem(item) : []) {
      for (const { name, expression, item: target } of callbackEntries(copy, operation.callbacks, "")) {
        const copyOfItem = structuredClone(target);
        for (const op of operationsOfItem(copyOfItem)) delete op.operation.operationId;
        const key = `${PRIVATE}${lifted.length}`;
        if (!isObject(copy.webhooks)) copy.webhooks = {};
        setOwn(copy.webhooks as JsonObject, key, copyOfItem);
        lifted.push({ key, at: [path, ...segments, name, expression] });
      }
    }
  }
  return lifted;
}

/**
 * Moves the lifted path items' types from `webhooks` into `callbacks` (after `webhooks`); `webhooks` left empty
 * is `Record<string, never>` again. `alphabetize` sorts each level as openapi-typescript sorts `paths`.
 */
export function placeCallbacks(nodes: TS.Node[], lifted: LiftedCallback[], { immutable = false, alphabetize = false }: { immutable?: boolean; alphabetize?: boolean }): TS.Node[] {
  if (!lifted.length) return nodes;
  const types = new Map<string, TS.TypeNode>();
  const out: TS.Node[] = [];
  for (const node of nodes) {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== "webhooks") {
      out.push(node);
      continue;
    }
    const kept: TS.TypeElement[] = [];
    for (const m of node.members) {
      const name = m.name && (ts.isStringLiteral(m.name) || ts.isIdentifier(m.name)) ? m.name.text : undefined;
      if (name?.startsWith(PRIVATE) && ts.isPropertySignature(m) && m.type) types.set(name, m.type);
      else kept.push(m);
    }
    out.push(
      kept.length
        ? f.updateInterfaceDeclaration(node, node.modifiers, node.name, node.typeParameters, node.heritageClauses, kept)
        : f.createTypeAliasDeclaration(tsModifiers({ export: true }), "webhooks", undefined, tsRecord(STRING, NEVER)),
      f.createInterfaceDeclaration(tsModifiers({ export: true }), "callbacks", undefined, undefined, nested(lifted.map((l) => [l.at, types.get(l.key)!]), immutable, alphabetize)),
    );
  }
  return out;
}

/** `{ "/subscribe": { post: { onEvent: { "{$request.body#/url}": T } } } }` from paths of keys, in the order met (or sorted). */
function nested(entries: [string[], TS.TypeNode][], immutable: boolean, alphabetize: boolean): TS.TypeElement[] {
  const groups = new Map<string, [string[], TS.TypeNode][]>();
  for (const [at, type] of entries) {
    const [head, ...rest] = at;
    if (!groups.has(head!)) groups.set(head!, []);
    groups.get(head!)!.push([rest, type]);
  }
  const ordered = [...groups];
  // openapi-typescript's own order for `alphabetize` (lib/utils getEntries)
  if (alphabetize) ordered.sort(([a], [b]) => a.localeCompare(b, "en-us", { numeric: true }));
  return ordered.map(([name, members]) =>
    f.createPropertySignature(
      tsModifiers({ readonly: immutable }),
      tsPropertyIndex(name),
      undefined,
      members.length === 1 && members[0]![0].length === 0 ? members[0]![1] : f.createTypeLiteralNode(nested(members, immutable, alphabetize)),
    ),
  );
}
