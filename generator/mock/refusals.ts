/**
 * Prism's answer to a request its mock refuses: the refusal the operation documents, with its example (the
 * server option `refusals`). Without credentials its 401; with parameters or a body that break their
 * schemas its 422, the status APIs such as FastAPI's document for that, else its 400; where it documents
 * neither code nor its range (`4XX`), the problem as before. `default` is not taken: a spec may document
 * its success there.
 */
import { own } from "../openapi/own.js";
import { preferring } from "./example-match.js";

type Request = { url: string; header(name: string): string | undefined };
type Handler = (input: { request: Request; principal: undefined; principals: Record<string, never> }) => unknown;

export function documentedRefusals(handlers: Readonly<Record<string, Handler>>, operations: Readonly<Record<string, { readonly responses: Readonly<Record<string, unknown>> }>>) {
  return (status: number, ctx: { operation: string; request: Request }): unknown => {
    const responses = own(operations, ctx.operation)?.responses ?? {};
    const documents = (code: number) => own(responses, String(code)) !== undefined || own(responses, `${String(code)[0]}XX`) !== undefined;
    const code = status === 400 && own(responses, "422") !== undefined ? 422 : status;
    const handler = own(handlers, ctx.operation);
    if (!handler || !documents(code)) return undefined;
    // the refusal's status, whatever the request asked for itself
    return handler({ request: preferring(ctx.request, `code=${code}`, true), principal: undefined, principals: {} });
  };
}
