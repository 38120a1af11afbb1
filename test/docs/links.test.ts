/**
 * The user documentation's relative links: every file a link in README.md, docs/*.md or bench/README.md names
 * exists, and every `#anchor` is a heading of its page (GitHub's slugs). Sections move between pages; a
 * link left pointing at the old place fails here rather than on a reader.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.join(import.meta.dirname, "../..");
const PAGES = ["README.md", "bench/README.md", ...readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

/** A heading's anchor as GitHub makes it: lower case, punctuation but `-` and `_` dropped, spaces as `-`. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}_\- ]/gu, "").replace(/ /g, "-");
}

/** The lines outside fenced code blocks, with their numbers. */
function prose(page: string): [number, string][] {
  let fenced = false;
  return readFileSync(path.join(ROOT, page), "utf8")
    .split("\n")
    .flatMap((line, i): [number, string][] => {
      if (line.startsWith("```")) fenced = !fenced;
      return fenced || line.startsWith("```") ? [] : [[i + 1, line]];
    });
}

function anchors(page: string): Set<string> {
  return new Set(prose(page).flatMap(([, line]) => /^#{1,6} (.*)$/.exec(line)?.slice(1).map(slug) ?? []));
}

describe("documentation links", () => {
  it.each(PAGES)("%s: every relative link and anchor resolves", (page) => {
    const broken: string[] = [];
    for (const [n, line] of prose(page)) {
      for (const [, target] of line.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        const [file, anchor] = target!.split("#") as [string, string | undefined];
        const to = file ? path.normalize(path.join(path.dirname(page), file)) : page;
        if (!existsSync(path.join(ROOT, to))) broken.push(`${page}:${n} ${target}: no such file`);
        else if (anchor && to.endsWith(".md") && !anchors(to).has(anchor)) broken.push(`${page}:${n} ${target}: no such heading`);
      }
    }
    expect(broken).toEqual([]);
  });
});
