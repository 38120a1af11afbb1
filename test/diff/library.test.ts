/**
 * `specforge diff` as a library (docs/diff.md, "As a library"): `diffSpecs`, `loadForDiff` and `summarize`
 * come from the package's root, the one entry its exports map opens, and give what the CLI reports.
 */
import path from "node:path";
import { expect, it } from "vitest";
import { diffSpecs, loadForDiff, summarize } from "../../generator/index.js";
import { ROOT } from "../helpers/project.js";

it("diffSpecs, loadForDiff and summarize, imported from the package root, classify the changes", async () => {
  const at = (file: string) => path.join(ROOT, "test/diff/pairs/operations", file);
  const changes = diffSpecs(await loadForDiff(at("base.yaml")), await loadForDiff(at("head.yaml")));
  expect(changes.map((c) => [c.id, c.operation, c.breaking])).toEqual([
    ["operation-removed", "POST /pets", { client: true, server: false }],
    ["operation-removed", "GET /old", { client: true, server: false }],
    ["operation-added", "GET /new", { client: false, server: true }],
  ]);
  expect(summarize(changes)).toMatchObject({ total: 3, breakingForClients: 2, breakingForServers: 1, client: "major", server: "major" });
});
