/**
 * Format stage: prettier, with fixed options (never a user's .prettierrc: output must be the same bytes
 * on any machine), on the files emitters mark. Printer-made files (openapi-typescript's) keep their layout.
 */
import type { Options } from "prettier";
import type { EmittedFile } from "../emit/emitter.js";

const OPTIONS: Options = { printWidth: 100, endOfLine: "lf", trailingComma: "all", proseWrap: "preserve" };

export async function formatFiles(files: EmittedFile[]): Promise<EmittedFile[]> {
  // loaded when there is something to format: `specforge mock` never formats (runOnly)
  const prettier = await import("prettier");
  return Promise.all(
    files.map(async (file) => {
      const contents = file.format ? await prettier.format(file.contents, { ...OPTIONS, parser: file.format }) : file.contents;
      return { ...file, contents: contents.endsWith("\n") ? contents : `${contents}\n` };
    }),
  );
}
