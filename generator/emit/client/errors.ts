/**
 * `<Operation>Error`: the union of an operation's documented non-2xx responses as `ApiError`s, so that
 * `error.status === 404` narrows `error.body` to the 404 body. A range (`4XX`) or `default` gets the
 * statuses it stands for, less those documented on their own, so narrowing stays exact both ways.
 */
import { code, join, type Code } from "../../codegen/code.js";
import type { OperationIR } from "../../ir/types.js";
import { isSuccess } from "./media-kinds.js";
import { responseBodyType } from "./body-types.js";
import type { JsonObject } from "../../openapi/kinds.js";

export function errorUnion(document: JsonObject, op: OperationIR): Code {
  const errors = op.responses.filter((r) => !isSuccess(r.status));
  const exact = errors.map((r) => r.status).filter((s) => /^\d{3}$/.test(s));
  const ranges = errors.map((r) => r.status).filter((s) => /^\dXX$/.test(s));
  const statusType = (status: string): Code => {
    if (/^\d{3}$/.test(status)) return code`${Number(status)}`;
    const all = status === "default" ? code`runtime.ErrorStatus` : code`runtime.StatusOf<${Number(status[0])}>`;
    const covered = [
      ...exact.filter((s) => status === "default" || s[0] === status[0]).map((s) => code`${Number(s)}`),
      ...(status === "default" ? ranges.map((r) => code`runtime.StatusOf<${Number(r[0])}>`) : []),
    ];
    return covered.length ? code`Exclude<${all}, ${join(covered, " | ")}>` : all;
  };
  const members = errors.map((r) => code`runtime.ApiError<${statusType(r.status)}, ${responseBodyType(document, op, r)}>`);
  return members.length ? join(members, " | ") : code`never`;
}

export function errorDoc(op: OperationIR): string {
  return `The documented errors of \`${op.names.method}\`, thrown as \`ApiError\`: \`status\` narrows \`body\`.`;
}
