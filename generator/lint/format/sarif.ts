/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`): the rules in
 * tool.driver.rules, one result per finding with ruleId, ruleIndex, level and a physical location whose
 * artifactLocation.uri is relative to the working directory (the repository root in CI) and whose region
 * has startLine/startColumn. Spec text stays data: JSON.stringify escapes it.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { RULE_IDS } from "../registry.js";
import type { Report } from "./report.js";

function uriOf(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.split("/").map(encodeURIComponent).join("/");
}

export function sarif(report: Report): string {
  const index = new Map(report.rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "specforge",
            version: report.version,
            informationUri: "https://www.npmjs.com/package/specforge",
            rules: report.rules.map((r) => ({
              id: r.id,
              name: r.id,
              shortDescription: { text: r.description },
              fullDescription: { text: r.description },
              ...(r.documentationUrl ? { helpUri: r.documentationUrl } : {}),
              defaultConfiguration: { level: r.severity === "error" ? "error" : r.severity === "off" ? "none" : "warning" },
              properties: { tags: RULE_IDS.has(r.id) ? ["openapi"] : ["openapi", "custom"] },
            })),
          },
        },
        results: report.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId) ?? 0,
          level: f.severity === "error" ? "error" : "warning",
          message: { text: `${f.message}${f.help ? ` (${f.help})` : ""}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uriOf(f.file) },
                region: { startLine: f.line ?? 1, startColumn: f.column ?? 1 },
              },
              logicalLocations: [{ fullyQualifiedName: `#${f.pointer}`, kind: "member" }],
            },
          ],
        })),
        columnKind: "utf16CodeUnits",
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
