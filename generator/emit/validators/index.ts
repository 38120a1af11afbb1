/**
 * The validators target: `validateX` / `isX` / `assertX` for every component schema and every
 * operation's parameters, request body and responses, compiled at generation time (see compile.ts).
 * Files: `validators.js` with its declaration `validators.d.ts` (the typed API: JavaScript, so a consumer's
 * tsc reads only the signatures, not the wrappers' bodies and the tables' literals), `validators-compiled.js`
 * (ajv's code, with its declaration), and the static
 * `validators-runtime.ts`, `validators-standard-schema.ts`, `formats.ts` and `idna.ts` (which formats.ts
 * imports) from `templates/validators/`.
 */
import { own } from "../../openapi/own.js";
import type { ApiIR, OperationIR } from "../../ir/types.js";
import type { EmitContext, EmittedFile } from "../emitter.js";
import { code, doc, ident, key } from "../../codegen/code.js";
import { buildSchemaSet, type ValidatorEntry } from "./schema-set.js";
import type { CompiledModule, CompileInput } from "./compile.js";
import { formatImport } from "./format-names.js";
import { compileModules } from "./compile-threads.js";
import { validatorNames } from "../../names/validator-names.js";
import { coercible } from "./coercible.js";

export async function emitValidators(ir: ApiIR, ctx: EmitContext): Promise<EmittedFile[]> {
  const options = ctx.validators ?? {};
  const unknownProperties = options.unknownProperties ?? "keep";
  const coerce = options.coerceParameters ?? true;
  // `types: { dates: "Date" }`: a validator's value is the wire form, where Dates are strings
  const wire = ctx.types?.dates === "Date";
  // a component's validator checks what its type says: as received where the types split readOnly/writeOnly
  const set = buildSchemaSet(ir, { unknownProperties, components: ctx.types?.readWrite === "off" ? "written" : "received" });
  // Raw functions get index names (ajv only takes ASCII identifiers; type names may be any Unicode); an
  // entry that is exactly a component, or the same schema as an earlier entry, uses that one's function.
  // Coercing parameter validators are compiled apart (ajv's coercion is per instance) into their own
  // module, named `p0`, `p1`, ...
  const rawName = new Map<string, string>();
  const isParams = (e: ValidatorEntry) => coerce && e.location !== undefined;
  const main = set.entries.filter((e) => !e.aliasOf && !isParams(e));
  const params = set.entries.filter((e) => !e.aliasOf && isParams(e));
  main.forEach((e, i) => rawName.set(e.typeName, `v${i}`));
  params.forEach((e, i) => rawName.set(e.typeName, `p${i}`));
  for (const e of set.entries) if (e.aliasOf) rawName.set(e.typeName, rawName.get(e.aliasOf)!);
  const input = (entries: ValidatorEntry[], coerceTypes: boolean): CompileInput => ({
    documents: set.documents,
    resourcePointers: set.resourcePointers,
    extraDocuments: set.remoteDocuments,
    exports: entries.map((e) => ({ name: rawName.get(e.typeName)!, ref: e.ref, schema: e.schema, pointer: e.pointer, places: e.places })),
    allErrors: options.allErrors ?? true,
    coerceTypes,
    removeAdditional: unknownProperties === "strip",
    specPointers: true,
  });
  // Started first: the typed wrappers below are rendered while a thread compiles (see compile-threads.ts).
  const coerced = (entries: ValidatorEntry[]): CompileInput => {
    const i = input(entries, true);
    return { ...i, documents: i.documents.map(coercible), exports: i.exports.map((e) => ({ ...e, schema: coercible(e.schema) })) };
  };
  const compiling = compileModules(params.length ? [input(main, false), coerced(params)] : [input(main, false)], ctx.threads, ctx.threadGroup);
  // ajv's code ships as JavaScript with a declaration file beside it: TypeScript never reads the code
  // itself (inferring GitHub's validators, 43 MB before shared subschemas, overflowed tsc's stack), and the package's build copies it.
  const moduleText = (module: CompiledModule, what: string, unknownFormats: string[]) => {
    // `multipleOf` only where a schema has the keyword, `removals` only under strip, `copyOf` where parameters branch: the import line of every other package stays as it was.
    const runtime = ["equal", ...(/\bmultipleOf\b/.test(module.code) ? ["multipleOf"] : []), ...(/\bremovals\b/.test(module.code) ? ["removals"] : []), ...(/\bcopyOf\b/.test(module.code) ? ["copyOf"] : []), "ucs2length", ...formatBindings(module.formats, "./validators-runtime.js")];
    const checkers = formatBindings(module.formats, "./formats.js");
    return [
      doc(`${what} of ${ir.title} ${ir.version}, compiled by specforge (ajv standalone, JSON Schema 2020-12). Do not edit.${
        unknownFormats.length ? `\nFormats without a checker (annotations only): ${unknownFormats.join(", ")}.` : ""
      }`).text.trimEnd(),
      `import { ${runtime.join(", ")} } from "./validators-runtime.js";`,
      ...(checkers.length ? [`import { ${checkers.join(", ")} } from "./formats.js";`] : []),
      module.code.replace(/^"use strict";/, ""),
      "",
    ].join("\n");
  };
  const declarations = (names: string[]) =>
    [
      'import type { RawValidator } from "./validators-runtime.js";',
      ...names.map((n) => `export declare const ${ident(n).text}: RawValidator;`),
      "",
    ].join("\n");
  // Validators that change what they return (coercion, stripping) work on a copy: the caller's value stays as it was.
  const copies = (e: ValidatorEntry) => isParams(e) || unknownProperties === "strip";

  const validators = set.entries.map((e) => ({
    module: rawName.get(e.typeName)!.startsWith("p") ? "params" : "raw",
    raw: rawName.get(e.typeName)!,
    copy: copies(e),
    type: e.typeName,
    valueType: wire ? code`Wire<${ident(e.typeName)}>` : ident(e.typeName),
    ...validatorNames(e.typeName),
    doc: `Validates a \`${e.typeName}\` (\`#${e.pointer}\`).${e.received ? " As received, as its type says: its writeOnly properties are not required." : ""}${e.fileParts ? " File parts (binary) take any value, a `File` as a server reads them: only their presence is checked here (the generated server checks each file's size and type; of a file in a `oneOf`/`anyOf` branch or `additionalProperties` it tells this validator, by a placeholder, which rules the file fails)." : ""}`,
  }));
  const has = new Set(set.entries.map((e) => e.typeName));
  const validatorsOf = (op: OperationIR) => {
    const parts: Array<[string, string | undefined]> = [
      ["path", op.names.pathParams], ["query", op.names.queryParams], ["header", op.names.headerParams],
      ["cookie", op.names.cookieParams], ["querystring", op.names.querystring], ["body", op.names.request],
    ];
    return {
      key: key(op.names.method),
      parts: parts.filter(([, t]) => t && has.has(t)).map(([k, t]) => ({ key: key(k), validate: validatorNames(t!).validate })),
      // per request media type, the validator of its own schema (the server picks it by `Content-Type`)
      bodies: Object.entries(op.names.requestBodies ?? {}).filter(([, t]) => has.has(t)).map(([mediaType, t]) => ({ key: key(mediaType), validate: validatorNames(t).validate })),
      responses: op.responses
        .filter((r) => op.names.byStatus[r.status] && has.has(op.names.byStatus[r.status]!))
        .map((r) => ({ key: key(r.status), validate: validatorNames(op.names.byStatus[r.status]!).validate })),
      // per status, its other JSON media types of other schemas (a server checks the reply by the one it is sent as)
      responseBodies: op.responses.flatMap((r) => {
        const media = Object.entries(own(op.names.responseBodies, r.status) ?? {})
          .filter(([, t]) => has.has(t))
          .map(([mediaType, t]) => ({ key: key(mediaType), validate: validatorNames(t).validate }));
        return media.length ? [{ key: key(r.status), media }] : [];
      }),
    };
  };
  const operationEntries = ir.operations.map(validatorsOf);
  const webhookEntries = ir.webhooks.map(validatorsOf);
  // Shaped for tsc at scale (Microsoft Graph: 11,422 operations, 56,000 validators): `validateX` and `isX`
  // are function declarations, as a table entry naming a `const` costs tsc a control-flow walk back to it
  // (quadratic over the module); each table's type is written out, as declaration emit gives up on an
  // inferred type past a million characters (TS7056). test/validators/many-operations.test.ts holds both.
  const view = {
    wire,
    // running only (`specforge mock`): the tables' validators, without type guards and assertions
    runOnly: ctx.runOnly === true,
    hasParams: params.length > 0,
    title: `Runtime validators and type guards of ${ir.title} ${ir.version}, generated by specforge. Do not edit.`,
    types: [...has],
    validators,
    operations: operationEntries,
    webhooks: webhookEntries,
    tables: [
      {
        name: "operationValidators",
        doc: "Validators of each operation's parameters, body (`body`: its preferred media type's; `bodies`: per media\ntype) and responses (by status; `responseBodies`: by status and media type, a status's other JSON media\ntypes of other schemas), keyed by client method name.",
        entries: operationEntries,
      },
      ...(ir.webhooks.length
        ? [{
            name: "webhookValidators",
            doc: "Validators of each webhook's parameters, body and replies (by status), keyed by its handler's name in\n`createWebhookHandler`: the requests the API sends, and what a receiver answers.",
            entries: webhookEntries,
          }]
        : []),
    ],
  };
  const typed = ctx.templates.render("validators/validators.js.hbs", view);
  const declared = ctx.runOnly ? undefined : ctx.templates.render("validators/validators.d.ts.hbs", view);
  const [compiled, compiledParams] = await compiling;
  if (!compiled) throw new Error("no compiled validators module");
  const compiledFile = moduleText(compiled, "Validators", compiled.unknownFormats);
  return [
    // Laid out by their templates (prettier takes 20 s on GitHub's 4 MB of wrappers). JavaScript with a
    // declaration beside it, as ajv's code is: a consumer's tsc checked every wrapper's body and the tables'
    // literals (Microsoft Graph's 68 MB of it: 2,767 MiB peak and 465k types, split by hand 2,133 MiB and 315k).
    { path: "src/validators.js", contents: typed, format: false },
    ...(declared === undefined ? [] : [{ path: "src/validators.d.ts", contents: declared, format: false as const }]),
    // Large for large specs (GitHub's: megabytes) and machine-laid: prettier would only cost time.
    { path: "src/validators-compiled.js", contents: compiledFile, format: false },
    ...(ctx.runOnly ? [] : [{ path: "src/validators-compiled.d.ts", contents: declarations(main.map((e) => rawName.get(e.typeName)!)), format: false as const }]),
    ...(compiledParams
      ? [
          { path: "src/validators-params-compiled.js", contents: moduleText(compiledParams, "Coercing parameter validators", compiled.unknownFormats), format: false as const },
          ...(ctx.runOnly ? [] : [{ path: "src/validators-params-compiled.d.ts", contents: declarations(params.map((e) => rawName.get(e.typeName)!)), format: false as const }]),
        ]
      : []),
    { path: "src/validators-runtime.ts", contents: ctx.templates.file("validators/runtime.ts"), format: false },
    { path: "src/validators-standard-schema.ts", contents: ctx.templates.file("validators/standard-schema.ts"), format: false },
    { path: "src/formats.ts", contents: ctx.templates.file("validators/formats.ts"), format: false },
    { path: "src/idna.ts", contents: ctx.templates.file("validators/idna.ts"), format: false },
  ];
}

/** `int32 as __format_int32`, ...: the bindings of the checkers of `formats` that module `from` exports. */
function formatBindings(formats: string[], from: string): string[] {
  return formats.map(formatImport).filter((f) => f.from === from).map((f) => `${ident(f.exported).text} as ${ident(f.local).text}`);
}
