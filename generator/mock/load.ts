/**
 * The mock `specforge mock` serves (cli/mock.ts): the spec's server target generated and imported
 * (spec-server.ts), its handlers wrapped, from the inside out, in the dynamic answers (dynamic.ts), the
 * pairing of request and response examples (example-match.ts), the state (stateful.ts) and the callbacks
 * (callbacks.ts); the generated handler validating requests and answers, a refused request answered with
 * the refusal the operation documents (refusals.ts); served at the root and under the base path
 * (base-path.ts), each answer after its delay (delay.ts), `__code` and the like read from the query
 * (query-preferences.ts).
 */
import type { RequestListener } from "node:http";
import { isRemote } from "../load/location.js";
import { printable } from "../diagnostics/printable.js";
import { setOwn } from "../openapi/own.js";
import { seededRandom } from "../openapi/random-value.js";
import { loadSpecServer, type FillDefaults, type ServerModule } from "../spec-server.js";
import { withDelay, type Delay } from "./delay.js";
import { exampleMatchHandlers, type WithDefaults } from "./example-match.js";
import { withQueryPreferences } from "./query-preferences.js";
import { dynamicHandlers } from "./dynamic.js";
import { MockCallbacks } from "./callbacks.js";
import { documentedRefusals } from "./refusals.js";
import { describeStateful, statefulHandlers } from "./stateful.js";
import { basePathOf, pathsUnder, serverBasePath, underBasePath } from "./base-path.js";

export interface LoadedMock {
  listener: RequestListener;
  /** The spec and the files its refs read: what --watch watches. */
  inputs: string[];
  title: string;
  version: string;
  operations: number;
  dynamic: boolean;
  base: string | undefined;
  /** Cancels the callbacks under way, one line on stderr each (they are not waited for). */
  stop(): Promise<void>;
  /** Removes the generated modules' folder (what is imported stays loaded). */
  dispose(): void;
}

export type MockValues = { overlay?: string[]; delay?: Delay; "no-example-match"?: boolean; "no-validate-request"?: boolean; stateful?: boolean; dynamic?: boolean; seed?: number; errors?: boolean; "no-callbacks"?: boolean; "base-path"?: string };

/** The spec's mock as a node listener: its server target generated, imported and wired (see the module comment). */
export async function loadMock(spec: string, values: MockValues): Promise<LoadedMock> {
  const { mod, validators, ProblemReply, fillDefaults, originForm, result, dispose } = await loadSpecServer(spec, values.overlay);
  try {
    const random = values.seed === undefined ? Math.random : seededRandom(values.seed);
    const callbacks = values["no-callbacks"] ? undefined : new MockCallbacks(result.ir, { callbackUrl: mod.callbackUrl, webhookValidators: validators.webhookValidators }, { random: values.dynamic ? random : undefined });
    const dynamic = dynamicHandlers(mod.createMockHandlers() as never, result.ir, validators, values.dynamic!, random);
    // outside the dynamic mode: a matched example is asked for by name, which the dynamic mode answers as written
    const matched = values["no-example-match"] ? dynamic : exampleMatchHandlers(dynamic, result.ir, exampleDefaults(mod, fillDefaults));
    // outside the example pairing, which it bypasses to answer from the state; inside the callbacks, which read its answers
    const mock = values.stateful ? statefulHandlers(matched, result.ir, validators, { ProblemReply, random: values.seed === undefined ? undefined : seededRandom(values.seed) }) : matched;
    if (values.stateful) process.stdout.write(`specforge mock: ${printable(describeStateful(result.ir))}\n`);
    const handlers = callbacks ? callbacks.handlers(mock) : mock;
    // the server's path, unless an operation's own path is under it (then only where asked for)
    const fromServer = serverBasePath(result.ir);
    const base = values["base-path"] !== undefined ? basePathOf(values["base-path"]) : fromServer && !pathsUnder(result.ir, fromServer) ? fromServer : undefined;
    const serve = (basePath: string | undefined) => {
      const handler = mod.createHandler(handlers, {
        security: mod.mockSecurity,
        validateResponses: true,
        invalidExamples: values.errors ? "refuse" : "send",
        invalidRequests: values["no-validate-request"] ? "pass" : "refuse",
        refusals: documentedRefusals(handlers as never, mod.serverSpec.operations),
        ...(basePath ? { basePath } : {}),
        onResponse: (r: { method: string; url: string; status: number; operation?: string; ms: number }) =>
          process.stdout.write(`${printable(r.method)} ${printable(r.url)} ${r.status}${r.operation ? ` ${printable(r.operation)}` : ""} ${r.ms} ms\n`),
        // a failed validation's message starts with the operation's name
        onError: (e: unknown, ctx: { operation: string; kind: string }) =>
          process.stderr.write(`${ctx.kind.endsWith("-validation") ? "" : `${ctx.operation}: `}${printable(e instanceof Error ? e.message : String(e))}\n`),
      });
      return callbacks?.any ? callbacks.listener(mod.toNodeListener(handler)) : mod.toNodeListener(handler);
    };
    const root = serve(undefined);
    // the waits draw from their own sequence: --delay leaves --dynamic's answers as they were for a seed
    const answer = withQueryPreferences(
      withDelay(base ? underBasePath(base, serve(base), root) : root, values.delay, values.seed === undefined ? Math.random : seededRandom(values.seed)),
      new Set(result.ir.operations.flatMap((op) => op.parameters.query.map((p) => p.name))),
    );
    return {
      // an absolute-form target (from a client using the mock as its HTTP proxy) as its path, before the base path is looked for
      listener: (req, res) => {
        req.url = originForm(req.url ?? "/");
        answer(req, res);
      },
      inputs: result.inputs.filter((f) => !isRemote(f)),
      title: result.ir.title,
      version: result.ir.version,
      operations: result.ir.operations.length,
      dynamic: values.dynamic!,
      base,
      stop: async () => callbacks?.stop(),
      dispose,
    };
  } catch (e) {
    dispose();
    throw e;
  }
}

/** An example with the defaults the generated server fills into that part of a request (a copy; the example itself stays as written). */
function exampleDefaults(mod: ServerModule, fillDefaults: FillDefaults): WithDefaults {
  const nodes = mod.serverSpec.defaults ?? [];
  return (operation, where, value, name) => {
    const defaults = mod.serverSpec.operations[operation]?.defaults;
    const at = where === "body" ? defaults?.bodies?.find(([mediaType]) => mediaType === name)?.[1] : defaults?.[where];
    if (at === undefined) return value;
    const copy = value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
    if (where === "body") {
      fillDefaults(nodes, at, copy);
      return copy;
    }
    // a parameter is one member of its part's object
    const part: Record<string, unknown> = {};
    setOwn(part, name, copy);
    fillDefaults(nodes, at, part);
    return part[name];
  };
}

