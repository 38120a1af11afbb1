/**
 * The typed face of each handler: what it receives (the operation's validated parts) and what it may
 * return, a union of the documented `{ status, body }` pairs, so a status with the wrong body does not
 * compile. Ranges (`4XX`) take any status of the range; `default` any status.
 */
import { code, ident, join, key, type Code } from "../../codegen/code.js";
import type { OperationIR, ResponseIR } from "../../ir/types.js";
import { responseKind } from "../client/media-kinds.js";

export function inputParts(op: OperationIR): Code {
  const n = op.names;
  const parts: Code[] = [];
  const add = (field: string, typeName: string | undefined) => {
    if (typeName) parts.push(code`${key(field)}: types.${ident(typeName)}`);
  };
  add("path", n.pathParams);
  add("query", n.queryParams);
  add("headers", n.headerParams);
  add("cookies", n.cookieParams);
  if (op.requestBody && op.requestBody.content.length) {
    const type = n.request ? code`types.${ident(n.request)}` : code`unknown`;
    parts.push(op.requestBody.required ? code`body: ${type}` : code`body?: ${type}`);
  }
  return parts.length ? code`{ ${join(parts, "; ")} }` : code`{}`;
}

function statusType(status: string): Code {
  if (/^\d{3}$/.test(status)) return code`${Number(status)}`;
  if (/^[1-5]XX$/i.test(status)) return code`runtime.StatusIn<${Number(status[0])}>`;
  return code`number`;
}

function pair(op: OperationIR, r: ResponseIR): Code {
  const typeName = op.names.byStatus[r.status];
  const body = responseKind(r) === "none" || !typeName ? code`body?: undefined` : code`body: types.${ident(typeName)}`;
  return code`{ status: ${statusType(r.status)}; ${body}; headers?: runtime.ReplyHeaders }`;
}

export function replyType(op: OperationIR): Code {
  if (!op.responses.length) return code`{ status: number; body?: unknown; headers?: runtime.ReplyHeaders }`;
  return join(op.responses.map((r) => pair(op, r)), " | ");
}

export function handlerDoc(op: OperationIR): string {
  const title = op.summary ?? op.operationId;
  return `${title}\n\n\`${op.method.toUpperCase()} ${op.path}\``;
}
