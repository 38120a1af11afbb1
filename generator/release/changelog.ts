/**
 * CHANGELOG.md of a generated package: newest entry first under one `# Changelog` heading, each entry the
 * changes `specforge diff` found, in words, grouped as breaking, additions and other changes. Spec text
 * in the words goes through the templates' Markdown escaping.
 */
import type { Templates } from "../codegen/templates.js";
import { RULES, type Change } from "../diff/change.js";
import type { Release } from "./release.js";

const HEADING = "# Changelog\n";

export function changelogWithEntry(previous: string | undefined, release: Release, date: string, specLabel: string, templates: Templates): string {
  // breaking for this package: for the side it serves (an added operation breaks servers, not a client)
  const breaks = (c: Change) => (release.side === "client" ? c.breaking.client : release.side === "server" ? c.breaking.server : c.breaking.client || c.breaking.server);
  const breaking = release.changes.filter(breaks);
  const added = release.changes.filter((c) => !breaking.includes(c) && RULES[c.id].bump === "minor");
  const other = release.changes.filter((c) => !breaking.includes(c) && !added.includes(c));
  const entry = templates.render("package/CHANGELOG-entry.md.hbs", {
    version: release.version,
    date,
    summary: `Generated from ${specLabel}; compared with the spec of ${release.from}: ${count(release.changes.length, "change")}, ${breaking.length} breaking.`,
    sections: [
      { title: "Breaking changes", items: breaking.map((c) => line(c, release.side)) },
      { title: "Additions", items: added.map((c) => line(c, release.side)) },
      { title: "Other changes", items: other.map((c) => line(c, release.side)) },
    ].filter((s) => s.items.length > 0),
  });
  const rest = previous?.startsWith(HEADING) ? previous.slice(HEADING.length).replace(/^\n+/, "") : (previous ?? "");
  return `${HEADING}\n${entry.trimEnd()}\n${rest ? `\n${rest}` : ""}`;
}

function line(c: Change, side: Release["side"]): string {
  const client = c.breaking.client && side !== "server";
  const server = c.breaking.server && side !== "client";
  const who = client && server ? "clients and servers" : client ? "clients" : server ? "servers" : "";
  return `${c.message}${who ? ` (breaking for ${who})` : ""}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
