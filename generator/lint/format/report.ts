/** What every reporter renders: the files linted, their findings (sorted), and the totals. */
import { RULES } from "../registry.js";
import type { Finding, LintSeverity } from "../types.js";
import { stylish } from "./stylish.js";
import { json } from "./json.js";
import { sarif } from "./sarif.js";
import { github } from "./github.js";
import { junit } from "./junit.js";
import { codeclimate } from "./codeclimate.js";

export interface Report {
  files: string[];
  findings: Finding[];
  totals: { errors: number; warnings: number };
  /** specforge's version, for SARIF's tool.driver. */
  version: string;
  /** Every rule that may report, for SARIF's tool.driver.rules: the built-in ones, then the config's custom ones (each id once). */
  rules: ReportRule[];
  /** `--quiet`: `findings` and `totals` hold the errors alone, so a report may not call the files free of problems. */
  errorsOnly?: boolean;
}

export interface ReportRule {
  id: string;
  description: string;
  severity: LintSeverity | "off";
  /** A custom rule's page (SARIF's helpUri). */
  documentationUrl?: string;
}

export function makeReport(files: string[], findings: Finding[], version: string, custom: ReportRule[] = [], errorsOnly = false): Report {
  const errors = findings.filter((f) => f.severity === "error").length;
  // a custom rule that replaces a built-in (a ruleset's `info-contact: { given, then }`) takes its place: one entry per id
  const rules = [...new Map([...RULES, ...custom].map((r) => [r.id, r])).values()];
  return { files, findings, totals: { errors, warnings: findings.length - errors }, version, rules, ...(errorsOnly ? { errorsOnly } : {}) };
}

export const FORMATS = { stylish, json, sarif, github, junit, codeclimate } as const;
export type FormatName = keyof typeof FORMATS;

export function isFormat(name: string): name is FormatName {
  return Object.prototype.hasOwnProperty.call(FORMATS, name);
}

export { RULES };
