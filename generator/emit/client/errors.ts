/**
 * `<Operation>Error`: the union of an operation's documented non-2xx responses as `ApiError`s, so that
 * `error.status === 404` narrows `error.body` to the 404 body. A range (`4XX`) or `default` gets the
 * statuses it stands for, less those documented on their own, so narrowing stays exact both ways.
 */
import { code, join, type Code } from "../../codegen/code.js";
import type { OperationIR } from "../../ir/types.js";
import { isSuccess } from "./media-kinds.js";
import { statusType, type StatusSpelling } from "../status-types.js";
import { responseBodyType } from "./body-types.js";

/** An error's `default` stands for the statuses that are not 2xx (a 2xx is the call's result). */
const ERROR_STATUS: StatusSpelling = { range: (digit) => code`runtime.StatusOf<${digit}>`, all: code`runtime.ErrorStatus` };

export function errorUnion(op: OperationIR): Code {
  const errors = op.responses.filter((r) => !isSuccess(r.status));
  const documented = errors.map((r) => r.status);
  const members = errors.map((r) => code`runtime.ApiError<${statusType(r.status, documented, ERROR_STATUS)}, ${responseBodyType(op, r)}>`);
  return members.length ? join(members, " | ") : code`never`;
}

export function errorDoc(op: OperationIR): string {
  return `The documented errors of \`${op.names.method}\`, thrown as \`ApiError\`: \`status\` narrows \`body\`.`;
}
