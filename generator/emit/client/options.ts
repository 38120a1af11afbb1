/**
 * The members of `<Api>ClientOptions` that depend on the spec: typed credentials for its security
 * schemes (`auth`), its server URL's variables (`serverVariables`), and `baseUrl` required when the spec
 * names no server. Each optional member also takes `undefined`, which the client reads as not given, as the
 * runtime's own options do (`exactOptionalPropertyTypes` consumers pass `process.env.X` as it is).
 */
import { code, doc, join, key, type Code } from "../../codegen/code.js";
import type { ApiIR, ServerIR } from "../../ir/types.js";
import { isObject } from "../../openapi/kinds.js";
import { schemeUse } from "./security.js";
import { webhookSchemes } from "../../ir/security.js";
import { sentNoun } from "../../ir/sent.js";

const I1 = "  ";
const I2 = "    ";
const IN1 = code`  `;
const IN2 = code`    `;

export function optionsBody(ir: ApiIR): Code {
  const out: Code[] = [];
  const server = ir.servers[0];
  if (!server) {
    out.push(code`${doc("The API's base URL (the spec names no server).", I1)}${IN1}baseUrl: string;\n`);
  } else if (ir.servers.length > 1) {
    const list = ir.servers.map((s) => `- ${s.url}${s.description ? `: ${s.description}` : ""}`).join("\n");
    out.push(code`${doc(`Overrides the server URL (default: the first of the spec's servers).\n\n${list}`, I1)}${IN1}baseUrl?: string | undefined;\n`);
  }
  const auth = authMember(ir, "Credentials of the spec's security schemes; each operation sends those it requires.");
  if (auth) out.push(auth);
  const variables = serverVariables(ir);
  if (variables.size) {
    const members = [...variables].map(([name, v]) => {
      const type = v.enum ? join([...v.enum].map((e) => code`${e}`), " | ") : code`string`;
      const text = [v.description, `Default: ${[...v.defaults].map((d) => `\`${d}\``).join(" or ")}.`].filter(Boolean).join("\n\n");
      return code`${doc(text, I2)}${IN2}${key(name)}?: ${type} | undefined;`;
    });
    const urls = [server, ...ir.operations.map((op) => op.servers?.[0])].filter((s): s is ServerIR => s !== undefined).map((s) => s.url);
    const named = [...new Set(urls)].map((u) => `\`${u}\``);
    out.push(code`${doc(`Values of the server URL${named.length > 1 ? "s'" : "'s"} variables: ${named.join(", ")}.`, I1)}${IN1}serverVariables?: {\n${join(members)}\n${IN1}} | undefined;\n`);
  }
  return out.length ? code`{\n${join(out, "")}}` : code`{}`;
}

/**
 * The variables of the spec's first server and of the servers operations name for themselves, by name: one
 * `serverVariables` fills them all. A name several servers use takes the union of their enums (any string
 * when one of them has none) and lists each default.
 */
function serverVariables(ir: ApiIR): Map<string, { enum: Set<string> | undefined; defaults: Set<string>; description?: string }> {
  const out = new Map<string, { enum: Set<string> | undefined; defaults: Set<string>; description?: string }>();
  for (const server of [ir.servers[0], ...ir.operations.map((op) => op.servers?.[0])]) {
    for (const [name, v] of Object.entries(server?.variables ?? {})) {
      const seen = out.get(name);
      const values = v.enum?.length ? new Set(v.enum) : undefined;
      if (!seen) out.set(name, { enum: values, defaults: new Set([v.default]), description: v.description });
      else {
        seen.enum = seen.enum && values ? new Set([...seen.enum, ...values]) : undefined;
        seen.defaults.add(v.default);
        seen.description ??= v.description;
      }
    }
  }
  return out;
}

/** `auth`: a credential per security scheme (of those `only` names, when given). */
function authMember(ir: ApiIR, text: string, only?: ReadonlySet<string>): Code | undefined {
  const schemes = Object.entries(ir.securitySchemes).flatMap(([name, scheme]) => {
    const credential = isObject(scheme) && (!only || only.has(name)) ? schemeUse(scheme) : undefined;
    if (!credential) return [];
    const text = [typeof scheme.description === "string" ? scheme.description : "", credential.how].filter(Boolean).join("\n\n");
    return [code`${doc(text, I2)}${IN2}${key(name)}?: ${credential.credential} | undefined;`];
  });
  return schemes.length ? code`${doc(text, I1)}${IN1}auth?: {\n${join(schemes)}\n${IN1}} | undefined;\n` : undefined;
}

/** The webhook sender's options: the subscriber's URL, and credentials of the schemes the webhooks name. */
export function senderOptionsBody(ir: ApiIR): Code {
  const noun = sentNoun(ir);
  const url = noun === "webhooks" ? "The URL the subscriber registered" : "The URL the subscriber registered, or a callback's (`callbackUrl`)";
  const out: Code[] = [code`${doc(`${url}: each ${sentNoun(ir, true)} is sent to it as it is (a trailing \`/\` kept, query parameters added to its query).`, I1)}${IN1}baseUrl: string;\n`];
  const auth = authMember(ir, `Credentials of the schemes the ${noun} name; each ${sentNoun(ir, true)} sends those it requires.`, webhookSchemes(ir));
  if (auth) out.push(auth);
  return code`{\n${join(out, "")}}`;
}

/** Whether the factory's options may be left out (a server is known). */
export function optionsOptional(ir: ApiIR): boolean {
  return ir.servers.length > 0;
}
