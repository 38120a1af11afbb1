/**
 * Colours for human output on a terminal (eslint's and Spectral's conventions): none when the stream is
 * not a TTY, with NO_COLOR set (no-color.org) or TERM=dumb; FORCE_COLOR (not 0) turns them on anyway.
 * Reporters take a palette and stay pure; the plain one changes nothing.
 */
export interface Palette {
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  dim(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const same = (text: string) => text;

export const PLAIN: Palette = { red: same, yellow: same, green: same, dim: same };
const ANSI: Palette = { red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), dim: wrap(2, 22) };

export function paletteFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Palette {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return ANSI;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return PLAIN;
  if (env.TERM === "dumb" || !stream.isTTY) return PLAIN;
  return ANSI;
}
