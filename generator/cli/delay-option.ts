/** `specforge mock --delay <ms>|<min>-<max>`: the wait in milliseconds (or their range) that mock/delay.ts gives every answer. */
import { usage } from "./args.js";
import { MAX_DELAY_MS, type Delay } from "../mock/delay.js";

export function parseDelay(text: string): Delay {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  const min = m ? Number(m[1]) : NaN;
  const max = m?.[2] !== undefined ? Number(m[2]) : min;
  if (!m || min > max || max > MAX_DELAY_MS) throw usage(`--delay ${text} is not a wait in milliseconds`, `pass a number such as --delay 200, or a range such as --delay 100-800 (at most ${MAX_DELAY_MS})`);
  return { min, max };
}
