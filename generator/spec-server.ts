/**
 * What `specforge mock` and `specforge proxy` share: the spec's server target generated in memory, written
 * to a temporary folder as JavaScript (TypeScript's `transpileModule`, type erasure only) and imported, so
 * the spec's text stays data in that code as in any generated package. (Serving it until SIGINT/SIGTERM is
 * the commands': cli/serve.ts.)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { RequestListener } from "node:http";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import type * as TypeScript from "typescript";
import { formatDiagnostic } from "./diagnostics/diagnostic.js";
import { generate, type GenerateResult } from "./pipeline.js";
import { fetchHeadersFor } from "./config/fetch-headers.js";

/** The parts of a generated `server.ts` the commands use. */
export interface ServerModule {
  createHandler(handlers: unknown, options: unknown): (request: Request) => Promise<Response>;
  createMockHandlers(): Record<string, unknown>;
  mockSecurity: unknown;
  toNodeListener(handler: unknown): RequestListener;
  serverSpec: {
    operations: Record<string, { responses: Record<string, readonly [mediaType: string, kind: string, requiredHeaders?: readonly string[], others?: readonly (readonly [mediaType: string, kind: string, validated?: true])[]]>; defaults?: OperationDefaults }>;
    /** The nodes `defaults` of an operation point into (the runtime's `DefaultsNode`s). */
    defaults?: readonly unknown[];
  };
  /** Present when the spec has callbacks: a callback's URL from the request that declared it and its reply. */
  callbackUrl?: (name: string, input: object, reply?: { status: number; body?: unknown; headers?: object }) => string;
}

/** Where an operation's request parts have schema defaults: a node per part (bodies per media type as written). */
export interface OperationDefaults {
  query?: number;
  header?: number;
  cookie?: number;
  bodies?: readonly (readonly [mediaType: string, node: number])[];
}

/** The generated runtime's `fillDefaults`: fills `value`'s absent properties with their defaults, from node `at` on. */
export type FillDefaults = (nodes: readonly unknown[], at: number, value: unknown) => void;

/** The generated runtime's `originForm`: a request-target as its path and query (an absolute-form one too). */
export type OriginForm = (target: string) => string;

type Validate = (value: unknown) => { ok: true } | { ok: false; errors: Array<{ path: string; message: string }> };

/** The parts of a generated `validators.js` the commands use. */
export interface ValidatorsModule {
  responseValidators: Record<string, Record<string, Validate | undefined> | undefined>;
  /** Per operation, by status and media type, the validators of a status's other JSON media types of other schemas. */
  operationValidators?: Record<string, { responseBodies?: Record<string, Record<string, Validate | undefined> | undefined> } | undefined>;
  /** Present when the spec has webhooks or callbacks: the receiver's validators, by handler name. */
  webhookValidators?: Record<string, { body?: Validate; bodies?: Record<string, Validate | undefined> } | undefined>;
}

// required, not imported: as an ES module import, Node scans typescript.js (9 MB of CommonJS) for its names first
const ts = createRequire(import.meta.url)("typescript") as typeof TypeScript;
/** Types erased, nothing else changed; comments left out (a third of the time on GitHub's 9 MB of modules). */
const TYPE_ERASURE: TypeScript.CompilerOptions = { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ESNext, removeComments: true };

/**
 * The generated runtime's `ProblemReply`: a handler throwing one is answered that status as an RFC 9457
 * problem, undocumented or not (the engine knows it by its class, so it must be this module's).
 */
export type ProblemReplyClass = new (status: number, detail: string) => Error;

/** Generates the spec's server modules (those that run: runOnly) and imports them; `dispose` removes their folder. */
export async function loadSpecServer(input: string, overlays?: string[]): Promise<{ mod: ServerModule; validators: ValidatorsModule; ProblemReply: ProblemReplyClass; fillDefaults: FillDefaults; originForm: OriginForm; result: GenerateResult; dispose: () => void }> {
  const result = await generate({ input, targets: ["server"], packageName: "specforge-mock", fetchHeaders: await fetchHeadersFor([input]), overlays, runOnly: true });
  for (const w of result.warnings) process.stderr.write(`${formatDiagnostic(w)}\n`);
  const dir = mkdtempSync(path.join(os.tmpdir(), "specforge-server-"));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  try {
    writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');
    for (const f of result.files) {
      if (!f.path.startsWith("src/") || f.path.endsWith(".d.ts")) continue;
      const out = path.join(dir, f.path.replace(/\.ts$/, ".js"));
      mkdirSync(path.dirname(out), { recursive: true });
      const text = f.path.endsWith(".ts")
        ? ts.transpileModule(f.contents, { compilerOptions: TYPE_ERASURE }).outputText
        : f.contents;
      writeFileSync(out, text);
    }
    const mod = (await import(pathToFileURL(path.join(dir, "src", "server.js")).href)) as ServerModule;
    const validators = (await import(pathToFileURL(path.join(dir, "src", "validators.js")).href)) as ValidatorsModule;
    const runtime = (name: string) => import(pathToFileURL(path.join(dir, "src", "server-runtime", name)).href);
    const { ProblemReply } = (await runtime("problems.js")) as { ProblemReply: ProblemReplyClass };
    const { fillDefaults } = (await runtime("defaults.js")) as { fillDefaults: FillDefaults };
    const { originForm } = (await runtime("node-request.js")) as { originForm: OriginForm };
    return { mod, validators, ProblemReply, fillDefaults, originForm, result, dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}

/** The documented response key `status` falls under, among `keys`: exact, then its range (`4XX`), then `default`. */
export function statusKey(keys: readonly string[], status: number): string | undefined {
  return [String(status), `${Math.floor(status / 100)}XX`, "default"].find((key) => keys.includes(key));
}
