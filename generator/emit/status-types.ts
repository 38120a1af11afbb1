/**
 * The statuses one documented response stands for, as a type, the way both runtimes file a status (its
 * exact code, else its range, else `default`): an exact code is itself, a range (`4XX`) the codes of its
 * range that no exact code documents, `default` every status that neither an exact code nor a range does.
 * Each target spells the range and "every status" with its own runtime's types.
 */
import { code, join, type Code } from "../codegen/code.js";

const EXACT = /^\d{3}$/;
const RANGE = /^[1-5]XX$/i;

export interface StatusSpelling {
  /** `4` -> the type of 400 to 499. */
  range: (digit: number) => Code;
  /** The type of every status `default` may stand for. */
  all: Code;
}

/** `status` among `documented` (every status key of the responses considered, `status` included). */
export function statusType(status: string, documented: readonly string[], spell: StatusSpelling): Code {
  if (EXACT.test(status)) return code`${Number(status)}`;
  const range = RANGE.test(status);
  const taken = documented.flatMap((s): Code[] => {
    if (EXACT.test(s)) return !range || s[0] === status[0] ? [code`${Number(s)}`] : [];
    return !range && RANGE.test(s) ? [spell.range(Number(s[0]))] : [];
  });
  const own = range ? spell.range(Number(status[0])) : spell.all;
  return taken.length ? code`Exclude<${own}, ${join(taken, " | ")}>` : own;
}
