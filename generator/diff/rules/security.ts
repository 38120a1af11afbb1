/**
 * Security: an operation's effective requirements (its own `security`, else the document's) and the
 * schemes they name. Requirements are alternatives (any one suffices); the schemes inside one are all
 * needed, with their scopes. `{}` among the alternatives makes authentication optional.
 */
import { isObject, type JsonObject } from "../../openapi/kinds.js";
import { child, q, textOf, type DiffContext } from "../context.js";
import { breaks, readerOf, writerOf, type Flow } from "../flow.js";
import type { OperationSite } from "./parameters.js";

interface Alternative {
  /** Its index in the list. */
  index: number;
  /** Scheme name -> the scopes it asks for. */
  scopes: Map<string, Set<string>>;
  /** Canonical text: `oauth [read, write] + key`. */
  text: string;
}

interface Requirements {
  /** Each alternative, by its schemes (`key + oauth`): what a scope change leaves the same. */
  alternatives: Alternative[];
  open: boolean;
  pointer: string;
}

const schemesOf = (a: Alternative) => [...a.scopes.keys()].join(" + ");
const plural = (scopes: string[]) => (scopes.length > 1 ? "scopes" : "scope");

/** `ownOnly`: a webhook's or callback's own `security` (the document's applies to the operations it serves). */
function requirementsOf(doc: JsonObject, site: OperationSite, ownOnly: boolean): Requirements {
  const own = Array.isArray(site.op.security);
  const inherited = !ownOnly && Array.isArray(doc.security);
  const list = own ? (site.op.security as unknown[]) : inherited ? (doc.security as unknown[]) : [];
  const pointer = own ? child(site.opPtr, "security") : inherited ? "/security" : site.opPtr;
  const alternatives: Alternative[] = [];
  let open = list.length === 0;
  list.forEach((req, index) => {
    if (!isObject(req)) return;
    const names = Object.keys(req).sort();
    if (names.length === 0) {
      open = true;
      return;
    }
    const scopes = new Map(names.map((n) => [n, new Set(Array.isArray(req[n]) ? (req[n] as unknown[]).map(String).sort() : [])]));
    const text = names.map((n) => (scopes.get(n)!.size ? `${n} [${[...scopes.get(n)!].join(", ")}]` : n)).join(" + ");
    if (!alternatives.some((a) => a.text === text)) alternatives.push({ index, scopes, text });
  });
  return { alternatives, open, pointer };
}

/**
 * Pairs alternatives: the same text, then the same schemes (their scopes changed). The rest were removed
 * or added.
 */
function pairAlternatives(bs: Alternative[], hs: Alternative[]): { pairs: Array<[Alternative, Alternative]>; removed: Alternative[]; added: Alternative[] } {
  const pairs: Array<[Alternative, Alternative]> = [];
  let removed = [...bs];
  let added = [...hs];
  for (const same of [(x: Alternative, y: Alternative) => x.text === y.text, (x: Alternative, y: Alternative) => schemesOf(x) === schemesOf(y)]) {
    for (const x of [...removed]) {
      const y = added.find((c) => same(x, c));
      if (!y) continue;
      pairs.push([x, y]);
      removed = removed.filter((r) => r !== x);
      added = added.filter((a) => a !== y);
    }
  }
  return { pairs, removed, added };
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
    ctx.emit("security-added", `${label}: now requires authentication (${h.alternatives.map((a) => q(a.text)).join(" or ")})${why}`, breaks(writer, reader === "server" && reader), { base: b.pointer, head: h.pointer });
    return;
  }
  if (!b.open && h.open) {
    ctx.emit("security-removed", `${label}: no longer requires authentication (${flow.reader} must accept anonymous calls)`, breaks(reader), { base: b.pointer, head: h.pointer });
  }
  const { pairs, removed, added } = pairAlternatives(b.alternatives, h.alternatives);
  for (const x of removed) {
    if (h.open) continue;
    const why = served ? "clients authenticating that way are refused" : `${flow.writer} must stop sending credentials that way`;
    ctx.emit("security-requirement-removed", `${label}: security requirement ${q(x.text)} removed or changed (${why})`, breaks(writer), { base: at(b, x.index), head: h.pointer });
  }
  for (const y of added) {
    if (b.open) continue;
    ctx.emit("security-requirement-added", `${label}: security requirement ${q(y.text)} added as an alternative (${flow.reader} must accept it)`, breaks(reader), { base: b.pointer, head: at(h, y.index) });
  }
  // the same schemes with other scopes: fewer scopes accept more tokens (the reader must), more refuse some (the writer's)
  for (const [x, y] of pairs) {
    for (const [scheme, had] of x.scopes) {
      const has = y.scopes.get(scheme)!;
      const gone = [...had].filter((s) => !has.has(s));
      const come = [...has].filter((s) => !had.has(s));
      const where = { base: child(at(b, x.index), scheme), head: child(at(h, y.index), scheme) };
      const which = x.scopes.size > 1 ? `${scheme} ` : "";
      if (gone.length) {
        ctx.emit("security-requirement-scopes-removed", `${label}: security requirement ${q(schemesOf(y))}: ${which}${plural(gone)} ${gone.map(q).join(", ")} no longer asked for (${flow.reader} must accept credentials without ${gone.length > 1 ? "them" : "it"})`, breaks(reader), where, gone);
      }
      if (come.length) {
        const them = come.length > 1 ? "them" : "it";
        const why = served ? `clients whose credentials lack ${them} are refused` : `${flow.writer} must send credentials with ${them}`;
        ctx.emit("security-requirement-scopes-added", `${label}: security requirement ${q(schemesOf(y))}: ${which}${plural(come)} ${come.map(q).join(", ")} now asked for (${why})`, breaks(writer), where, come);
      }
    }
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
