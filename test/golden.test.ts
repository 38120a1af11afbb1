/**
 * Golden files: every package under generated/ and beside each fixture is regenerated in memory and
 * compared byte for byte. A difference prints a readable diff and the one command that updates it;
 * files the generator no longer makes (orphans) fail too.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../generator/pipeline.js";
import { goldenJobs, listFiles } from "./helpers/project.js";
import { lineDiff } from "./helpers/text-diff.js";

const jobs = goldenJobs();

describe("goldens", () => {
  it("cover the five APIs and the feature fixtures", () => {
    expect(jobs.filter((j) => j.name.startsWith("generated/")).map((j) => j.name).sort()).toEqual(
      ["generated/bankingservice", "generated/customer-v3", "generated/lumyri", "generated/okra", "generated/onefi"],
    );
    expect(jobs.length).toBeGreaterThanOrEqual(5 + 13);
  });

  it.each(jobs.map((j) => [j.name, j] as const))("%s matches what the generator emits", async (_name, job) => {
    const { files } = await generate({ input: job.input, packageName: job.packageName, ...job.options });
    const problems: string[] = [];
    const made = new Set(files.map((f) => f.path));
    let onDisk: string[] = [];
    try {
      onDisk = listFiles(job.out);
    } catch {
      problems.push(`${job.name}: the golden folder is missing`);
    }
    for (const f of files) {
      let golden: string | undefined;
      try {
        golden = readFileSync(path.join(job.out, f.path), "utf8");
      } catch {
        problems.push(`${job.name}/${f.path}: missing from the goldens`);
        continue;
      }
      if (golden !== f.contents) problems.push(`${job.name}/${f.path}: differs\n${lineDiff(golden, f.contents)}`);
    }
    for (const f of onDisk) if (!made.has(f)) problems.push(`${job.name}/${f}: orphaned (no longer generated): delete it`);
    if (problems.length) {
      throw new Error(`${problems.join("\n\n")}\n\nIf the change is intended, update the goldens with: ${job.updateCommand}`);
    }
  });

  it("are the same bytes when generated twice", async () => {
    const job = jobs.find((j) => j.name === "generated/okra")!;
    const a = await generate({ input: job.input, packageName: job.packageName });
    const b = await generate({ input: job.input, packageName: job.packageName });
    expect(b.files).toEqual(a.files);
  });
});
