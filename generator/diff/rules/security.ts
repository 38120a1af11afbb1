/**
 * Security: an operation's effective requirements (its own `security`, else the document's) and the
 * schemes they name. Requirements are alternatives (any one suffices); the schemes inside one are all
 * needed, with their scopes. `{}` among the alternatives makes authentication optional.
 */
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { child, q, textOf, type DiffContext } from "../context.js";
import { breaks, readerOf, writerOf, type Flow } from "../flow.js";
import type { OperationSite } from "./parameters.js";

interface Requirements {
  /** Canonical text of each alternative -> its index in the list. */
  alternatives: Map<string, number>;
  open: boolean;
  pointer: string;
}

/** `ownOnly`: a webhook's or callback's own `security` (the document's applies to the operations it serves). */
function requirementsOf(doc: JsonObject, site: OperationSite, ownOnly: boolean): Requirements {
  const own = Array.isArray(site.op.security);
  const inherited = !ownOnly && Array.isArray(doc.security);
  const list = own ? (site.op.security as unknown[]) : inherited ? (doc.security as unknown[]) : [];
  const pointer = own ? child(site.opPtr, "security") : inherited ? "/security" : site.opPtr;
  const alternatives = new Map<string, number>();
  let open = list.length === 0;
  list.forEach((req, i) => {
    if (!isObject(req)) return;
    const names = Object.keys(req).sort();
    if (names.length === 0) {
      open = true;
      return;
    }
    const text = names.map((n) => {
      const scopes = Array.isArray(req[n]) ? (req[n] as unknown[]).map(String).sort() : [];
      return scopes.length ? `${n} [${scopes.join(", ")}]` : n;
    });
    alternatives.set(text.join(" + "), i);
  });
  return { alternatives, open, pointer };
}

/**
 * `flow`: who writes the credentials (the request's writer: consumers calling an operation the API serves,
 * the API sending a webhook or callback) and who checks them. The verdicts follow flow.ts's rule of thumb:
 * the writer must send what became required and stop sending what is gone; the reader must accept what is
 * new, and loses what it relied on when authentication goes.
 */
export function compareSecurity(ctx: DiffContext, label: string, flow: Flow, base: OperationSite, head: OperationSite): void {
  const served = flow.dir === "request";
  const writer = writerOf(flow.dir);
  const reader = readerOf(flow.dir);
  const b = requirementsOf(ctx.base.document, base, !served);
  const h = requirementsOf(ctx.head.document, head, !served);
  const at = (r: Requirements, i: number | undefined) => (i === undefined || r.pointer === base.opPtr || r.pointer === head.opPtr ? r.pointer : child(r.pointer, String(i)));
  if (b.open && !h.open) {
    const why = served ? "" : ` (${flow.writer} must send credentials)`;
    ctx.emit("security-added", `${label}: now requires authentication (${[...h.alternatives.keys()].map(q).join(" or ")})${why}`, breaks(writer, reader === "server" && reader), { base: b.pointer, head: h.pointer });
    return;
  }
  if (!b.open && h.open) {
    ctx.emit("security-removed", `${label}: no longer requires authentication (${flow.reader} must accept anonymous calls)`, breaks(reader), { base: b.pointer, head: h.pointer });
  }
  for (const [text, i] of b.alternatives) {
    if (h.alternatives.has(text) || h.open) continue;
    const why = served ? "clients authenticating that way are refused" : `${flow.writer} must stop sending credentials that way`;
    ctx.emit("security-requirement-removed", `${label}: security requirement ${q(text)} removed or changed (${why})`, breaks(writer), { base: at(b, i), head: h.pointer });
  }
  for (const [text, i] of h.alternatives) {
    if (b.alternatives.has(text) || b.open) continue;
    ctx.emit("security-requirement-added", `${label}: security requirement ${q(text)} added as an alternative (${flow.reader} must accept it)`, breaks(reader), { base: b.pointer, head: at(h, i) });
  }
}

const SCHEME_FIELDS = ["type", "in", "name", "scheme", "openIdConnectUrl"];
const FLOW_URLS = ["authorizationUrl", "tokenUrl"];

/** Schemes present on both sides: what a client must do to authenticate. Removed schemes show up as removed requirements. */
export function compareSecuritySchemes(ctx: DiffContext): void {
  const schemes = (doc: JsonObject) => {
    const c = doc.components;
    return isObject(c) && isObject(c.securitySchemes) ? c.securitySchemes : {};
  };
  const bs = schemes(ctx.base.document);
  const hs = schemes(ctx.head.document);
  for (const name of Object.keys(bs)) {
    if (!Object.prototype.hasOwnProperty.call(hs, name)) continue;
    const bPtr = child("/components/securitySchemes", name);
    const b = ctx.deref("base", bs[name], bPtr);
    const h = ctx.deref("head", hs[name], bPtr);
    if (!b || !h) continue;
    const label = `security scheme ${q(name)}`;
    for (const f of SCHEME_FIELDS) {
      if (JSON.stringify(b.value[f]) === JSON.stringify(h.value[f])) continue;
      ctx.emit("security-scheme-changed", `${label}: ${f} changed from ${show(b.value[f])} to ${show(h.value[f])}`, { client: true, server: true }, { base: child(b.pointer, f), head: child(h.pointer, f) });
    }
    const bf = isObject(b.value.flows) ? b.value.flows : {};
    const hf = isObject(h.value.flows) ? h.value.flows : {};
    for (const flow of Object.keys(bf)) {
      const x = bf[flow];
      const y = hf[flow];
      const fPtr = { base: child(b.pointer, "flows", flow), head: child(h.pointer, "flows", flow) };
      if (!isObject(x)) continue;
      if (!isObject(y)) {
        ctx.emit("security-scheme-changed", `${label}: OAuth2 flow ${q(flow)} removed`, { client: true, server: false }, { base: fPtr.base, head: child(h.pointer, "flows") });
        continue;
      }
      for (const u of FLOW_URLS) {
        if (x[u] !== y[u]) ctx.emit("security-scheme-changed", `${label}: ${flow} ${u} changed from ${show(x[u])} to ${show(y[u])}`, { client: true, server: true }, { base: child(fPtr.base, u), head: child(fPtr.head, u) });
      }
      const xs = isObject(x.scopes) ? Object.keys(x.scopes) : [];
      const ys = isObject(y.scopes) ? y.scopes : {};
      for (const s of xs) {
        if (!Object.prototype.hasOwnProperty.call(ys, s)) ctx.emit("security-scope-removed", `${label}: ${flow} scope ${q(s)} removed (clients requesting it are refused)`, { client: true, server: false }, { base: child(fPtr.base, "scopes", s), head: child(fPtr.head, "scopes") });
      }
    }
  }
}

function show(v: unknown): string {
  return v === undefined ? "(none)" : q(textOf(v));
}
