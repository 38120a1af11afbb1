/**
 * `specforge mock` calls back, as Prism's mock does: once it has sent a 2xx answer to an operation that
 * declares callbacks, it sends each of them (callback-request.ts) to the URL the callback's runtime
 * expression gives, read by the generated `callbackUrl` from that request and its answer. The answer goes
 * first and never waits for a callback; a callback that cannot be sent (no value for its URL, not http(s), a
 * network error, no answer in 5 s) is one line on stderr. The URL is the request's, untrusted: whatever it
 * names is called (a development tool, as Prism), and redirects are not followed.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { RequestListener } from "node:http";
import type { ApiIR, OperationIR } from "../ir/types.js";
import { printable } from "../diagnostics/printable.js";
import type { Random } from "../openapi/random-value.js";
import { timeoutSignal } from "../util/timeout-signal.js";
import { callbackRequest } from "./callback-request.js";
import type { ServerModule, ValidatorsModule } from "../spec-server.js";

type Handler = (input: never) => unknown;
type Reply = { status: number; body?: unknown; headers?: object };

/** The parts of the generated server and validators modules a callback needs (present when the spec has callbacks). */
export type CallbackModules = Pick<ServerModule, "callbackUrl"> & Pick<ValidatorsModule, "webhookValidators">;

export interface CallbackOptions {
  /** Made-up bodies first (`--dynamic`), as the mock's answers. */
  random?: Random;
  /** How long a callback may take, in milliseconds (default 5000). */
  timeout?: number;
  log?: (line: string) => void;
  warn?: (line: string) => void;
}

/** One answered request, as its handler saw it. */
interface Answered {
  operation: string;
  input: object;
  reply: Reply;
}

export class MockCallbacks {
  /** Each request's answers, recorded by the handlers and read once its response is sent. */
  private readonly answers = new AsyncLocalStorage<Answered[]>();
  private readonly byOperation = new Map<string, OperationIR[]>();
  private readonly stopping = new AbortController();
  private readonly pending = new Set<Promise<void>>();
  private readonly log: (line: string) => void;
  private readonly warn: (line: string) => void;

  constructor(
    private readonly ir: ApiIR,
    private readonly modules: CallbackModules,
    private readonly options: CallbackOptions = {},
  ) {
    this.log = options.log ?? ((line) => process.stdout.write(`${line}\n`));
    this.warn = options.warn ?? ((line) => process.stderr.write(`${line}\n`));
    const handlerOf = new Map(ir.operations.map((op) => [op.operationId, op.names.method]));
    // a server module without `callbackUrl` is one generated before callbacks were: none is sent
    for (const callback of modules.callbackUrl ? ir.webhooks : []) {
      for (const owner of callback.callback?.owners ?? []) {
        const handler = handlerOf.get(owner.operationId);
        if (handler === undefined) continue;
        const list = this.byOperation.get(handler) ?? [];
        list.push(callback);
        this.byOperation.set(handler, list);
      }
    }
  }

  /** Whether any operation declares a callback. */
  get any(): boolean {
    return this.byOperation.size > 0;
  }

  /** The handlers, those of operations with callbacks recording their input and reply. */
  handlers<H extends object>(base: H): H {
    const out: Record<string, Handler> = { ...(base as Record<string, Handler>) };
    for (const name of this.byOperation.keys()) {
      const inner = (base as Record<string, Handler>)[name];
      if (!inner) continue;
      out[name] = async (input: never) => {
        const reply = (await inner(input)) as Reply;
        this.answers.getStore()?.push({ operation: name, input, reply });
        return reply;
      };
    }
    return out as H;
  }

  /** The listener: each request served in its own record, whose callbacks go once its 2xx answer is sent. */
  listener(inner: RequestListener): RequestListener {
    return (req, res) => {
      const answered: Answered[] = [];
      res.once("finish", () => {
        if (res.statusCode < 200 || res.statusCode > 299 || this.stopping.signal.aborted) return;
        // the status sent, not the handler's: a reply failing its validation went out as a 500
        for (const a of answered) for (const callback of this.byOperation.get(a.operation) ?? []) this.track(this.send(callback, a));
      });
      this.answers.run(answered, () => inner(req, res));
    };
  }

  /** Cancels the callbacks under way and waits for them to end. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.pending]);
  }

  private track(p: Promise<void>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  private async send(callback: OperationIR, answered: Answered): Promise<void> {
    const name = callback.names.method;
    const method = callback.httpMethod;
    let text: string;
    try {
      text = this.modules.callbackUrl!(name, answered.input, answered.reply);
    } catch (e) {
      this.warn(`callback ${printable(name)} not sent: ${printable(messageOf(e))}`);
      return;
    }
    const url = URL.canParse(text) ? new URL(text) : undefined;
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
      this.warn(`callback ${printable(name)} not sent: '${printable(text)}' is not an http(s) URL`);
      return;
    }
    const started = Date.now();
    try {
      const request = callbackRequest(this.ir, callback, this.modules.webhookValidators?.[name], this.options.random);
      for (const [k, v] of request.query) url.searchParams.append(k, v);
      // not AbortSignal.timeout, which AbortSignal.any alone can let be collected unfired (timeout-signal.ts)
      const late = timeoutSignal(this.options.timeout ?? 5000);
      try {
        const signal = AbortSignal.any([this.stopping.signal, late.signal]);
        const res = await fetch(url, { method, headers: request.headers, body: request.body, redirect: "manual", signal });
        // the answer is not read: the receiver's status is all the log says
        await res.body?.cancel().catch(() => {});
        this.log(`callback ${printable(name)} ${printable(method)} ${printable(url.href)} ${res.status} ${Date.now() - started} ms`);
      } finally {
        late.clear();
      }
    } catch (e) {
      this.warn(`callback ${printable(name)} ${printable(method)} ${printable(url.href)} failed: ${printable(this.failure(e))}`);
    }
  }

  private failure(e: unknown): string {
    if (this.stopping.signal.aborted) return "cancelled, the mock stopped";
    if (e instanceof Error && e.name === "TimeoutError") return `no answer in ${(this.options.timeout ?? 5000) / 1000} s`;
    const cause = e instanceof Error ? (e.cause as { code?: string; message?: string } | undefined) : undefined;
    return cause?.message ?? cause?.code ?? messageOf(e);
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
