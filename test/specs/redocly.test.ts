/**
 * Lints the five specs with Redocly CLI's `recommended` ruleset (plus the repository's redocly.yaml,
 * which turns off no-path-trailing-slash): no problem of severity error, and no
 * `no-invalid-media-type-examples` warning. The warnings it does report are printed.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { apiNames, repoRoot, type Json } from "./spec-utils.js";

interface Problem {
  ruleId: string;
  severity: "error" | "warn" | string;
  message: string;
  location?: Array<{ source?: { ref?: string }; pointer?: string }>;
}

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: Problem[];
}

const files = apiNames.map((api) => `specs/${api}.yaml`);

/**
 * With several files, `redocly lint --format=json` writes one JSON report per file to stdout, one
 * after the other (not an array), in the order of the arguments. Splits that stream into its objects.
 */
function splitJsonObjects(text: string): Json[] {
  const out: Json[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === "\\") escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === "{") {
      if (depth === 0) start = i;
      depth++;
    } else if (ch === "}") {
      depth--;
      if (depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
    }
  }
  return out;
}

function runRedocly(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(repoRoot, "node_modules/.bin/redocly"), args, {
      cwd: repoRoot,
      // No telemetry and no update check: the test must not depend on (or talk to) the network.
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", REDOCLY_SUPPRESS_NOTIFICATIONS: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("redocly lint --extends=recommended", () => {
  const reports = new Map<string, LintReport>();
  let run: { code: number | null; stdout: string; stderr: string };

  beforeAll(async () => {
    // One CLI run for all five files: Redocly starts slowly. `--max-problems` is raised so that no
    // problem is cut from the report.
    run = await runRedocly(["lint", "--extends=recommended", "--format=json", "--max-problems=1000", ...files]);
    const objects = splitJsonObjects(run.stdout);
    expect(objects.length, `expected one JSON report per file; stderr:\n${run.stderr}`).toBe(files.length);
    objects.forEach((report, i) => {
      // Attribute by the problems' own source where there is one; otherwise by argument order.
      const refs = new Set<string>(
        (report.problems as Problem[]).flatMap((p) => (p.location ?? []).map((l) => l.source?.ref ?? "")).filter(Boolean),
      );
      const file = refs.size === 1 ? [...refs][0]! : files[i]!;
      expect(files, `report for unknown file ${file}`).toContain(file);
      reports.set(file, report as LintReport);
    });
  }, 120_000);

  it("exits with status 0", () => {
    expect(run.code, run.stderr).toBe(0);
  });

  it.each(files)("%s: no errors and no invalid media type examples", (file) => {
    const report = reports.get(file);
    expect(report, `no report for ${file}`).toBeDefined();
    const describeProblem = (p: Problem) =>
      `${p.severity} ${p.ruleId} at ${p.location?.[0]?.pointer ?? "?"}: ${p.message}`;
    const warnings = report!.problems.filter((p) => p.severity !== "error");
    for (const w of warnings) console.info(`[redocly] ${file}: ${describeProblem(w)}`);

    expect(report!.problems.filter((p) => p.severity === "error").map(describeProblem)).toEqual([]);
    expect(report!.totals.errors).toBe(0);
    expect(report!.problems.filter((p) => p.ruleId === "no-invalid-media-type-examples").map(describeProblem)).toEqual([]);
  });
});
