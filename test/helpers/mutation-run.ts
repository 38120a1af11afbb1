/**
 * Runs one spec through what users run (generate with every target, lint, diff both ways against the
 * original, bundle) and judges each stage by the bad-input contract: it succeeds, or it throws
 * `SpecforgeError` (the CLI's exit 2) whose every diagnostic names a place. Anything else (a TypeError, a
 * RangeError, a diagnostic without a place) is a defect.
 */
import { stringify } from "yaml";
import { SpecforgeError, formatDiagnostic, type Diagnostic } from "../../generator/diagnostics/diagnostic.js";
import { generate } from "../../generator/pipeline.js";
import { ALL_TARGETS } from "../../generator/emit/emitter.js";
import { lintFile } from "../../generator/lint/run.js";
import { loadForDiff } from "../../generator/diff/load.js";
import { diffSpecs } from "../../generator/diff/diff.js";
import { stylish } from "../../generator/diff/report/stylish.js";
import { PLAIN } from "../../generator/diagnostics/colour.js";
import { loadSpec } from "../../generator/load/load-spec.js";
import { upgrade } from "../../generator/upgrade/upgrade.js";
import { bundle } from "../../generator/bundle/bundle.js";

export type Stage = "generate" | "lint" | "diff" | "bundle";
export const STAGES: Stage[] = ["generate", "lint", "diff", "bundle"];

export interface StageResult {
  stage: Stage;
  /** ok: it ran; rejected: a SpecforgeError with every line placed; defect: anything else. */
  outcome: "ok" | "rejected" | "defect";
  /** For a defect: what went wrong (the error's stack, or the unplaced line). */
  detail?: string;
  /** For a rejection: the diagnostics, as the CLI prints them. */
  lines?: string[];
  ms: number;
}

/** A diagnostic names a place when it has a file with a line, or a JSON pointer. */
export function placed(d: Diagnostic): boolean {
  const at = d.location;
  return d.message !== "" && at !== undefined && ((at.file !== undefined && at.line !== undefined) || at.pointer !== undefined);
}

function judge(e: unknown): Pick<StageResult, "outcome" | "detail" | "lines"> {
  if (e instanceof SpecforgeError) {
    const bad = e.diagnostics.filter((d) => !placed(d));
    const multiLine = e.diagnostics.map(formatDiagnostic).find((l) => /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(l));
    if (multiLine !== undefined) return { outcome: "defect", detail: `not one printable line: ${JSON.stringify(multiLine).slice(0, 300)}` };
    if (e.diagnostics.length === 0) return { outcome: "defect", detail: "SpecforgeError without a diagnostic" };
    return bad.length ? { outcome: "defect", detail: `no place: ${formatDiagnostic(bad[0]!)}` } : { outcome: "rejected", lines: e.diagnostics.map(formatDiagnostic) };
  }
  return { outcome: "defect", detail: (e as Error)?.stack ?? String(e) };
}

async function timed(stage: Stage, run: () => Promise<void>): Promise<StageResult> {
  const start = performance.now();
  try {
    await run();
    return { stage, outcome: "ok", ms: performance.now() - start };
  } catch (e) {
    return { stage, ...judge(e), ms: performance.now() - start };
  }
}

const STAGE_RUNS: Record<Stage, (original: string, mutant: string) => Promise<void>> = {
  async generate(_original, mutant) {
    const result = await generate({ input: mutant, targets: [...ALL_TARGETS], date: "2026-01-01" });
    const unplaced = result.warnings.find((w) => !placed(w));
    if (unplaced) throw new Error(`warning without a place: ${formatDiagnostic(unplaced)}`);
  },
  async lint(_original, mutant) {
    for (const f of await lintFile(mutant)) {
      if (!f.file || (f.line === undefined && f.pointer === undefined) || !f.message) throw new Error(`lint finding without a place: ${JSON.stringify(f)}`);
    }
  },
  async diff(original, mutant) {
    const base = await loadForDiff(original);
    const head = await loadForDiff(mutant);
    for (const [a, b] of [[base, head], [head, base]] as const) {
      const changes = diffSpecs(a, b);
      stylish([{ base: a.displayPath, head: b.displayPath, changes }], PLAIN);
    }
  },
  async bundle(_original, mutant) {
    const { root, refs } = upgrade(await loadSpec(mutant));
    const bundled = bundle(root, { refs });
    JSON.stringify(bundled.document);
    stringify(bundled.document, { aliasDuplicateObjects: false, lineWidth: 0 });
  },
};

export async function runStage(stage: Stage, original: string, mutant: string): Promise<StageResult> {
  return timed(stage, () => STAGE_RUNS[stage](original, mutant));
}
