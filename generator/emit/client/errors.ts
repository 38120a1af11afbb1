/**
 * `<Operation>Error`: the union of an operation's documented non-2xx responses as `ApiError`s, so that
 * `error.status === 404` narrows `error.body` to the 404 body. Ranges (`4XX`) and `default` have
 * `status: number`.
 */
import { code, join, type Code } from "../../codegen/code.js";
import type { OperationIR } from "../../ir/types.js";
import { isSuccess } from "./media-kinds.js";
import { responseBodyType } from "./body-types.js";

export function errorUnion(op: OperationIR): Code {
  const members = op.responses
    .filter((r) => !isSuccess(r.status))
    .map((r) => code`runtime.ApiError<${/^\d{3}$/.test(r.status) ? code`${Number(r.status)}` : code`number`}, ${responseBodyType(op, r)}>`);
  return members.length ? join(members, " | ") : code`never`;
}

export function errorDoc(op: OperationIR): string {
  return `The documented errors of \`${op.names.method}\`, thrown as \`ApiError\`: \`status\` narrows \`body\`.`;
}
