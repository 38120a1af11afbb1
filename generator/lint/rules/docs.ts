/** What readers of the rendered docs see: the licence and contact, tag descriptions, no scripts in the prose. */
import { isObject } from "../../openapi/kinds.js";
import type { Rule } from "../types.js";
import { forEachLintNode } from "./shared.js";
import { specText } from "../../diagnostics/printable.js";

export const infoLicense: Rule = {
  id: "info-license",
  severity: "warn",
  description: "`info.license` names the licence the API is offered under.",
  check(ctx) {
    const info = isObject(ctx.document.info) ? ctx.document.info : undefined;
    if (!info) return; // oas-schema reports a missing info
    const license = info.license;
    if (!isObject(license)) ctx.report("/info", "the document has no info.license", "add `license: { name: ..., identifier: <SPDX id> }` (or `url:`), so users know the terms of use");
    else if (typeof license.name !== "string" || !license.name.trim()) ctx.report("/info/license", "info.license has no name", "give the licence's name, e.g. `name: Apache 2.0`");
  },
};

export const infoContact: Rule = {
  id: "info-contact",
  severity: "off",
  description: "`info.contact` says whom to ask about the API (off by default).",
  check(ctx) {
    const info = isObject(ctx.document.info) ? ctx.document.info : undefined;
    if (info && !isObject(info.contact)) ctx.report("/info", "the document has no info.contact", "add `contact: { name: ..., url: ..., email: ... }`");
  },
};

export const tagDescription: Rule = {
  id: "tag-description",
  severity: "warn",
  description: "Every tag declared in the document's `tags` has a description (docs show it as the section's introduction).",
  check(ctx) {
    if (!Array.isArray(ctx.document.tags)) return;
    ctx.document.tags.forEach((tag, i) => {
      if (!isObject(tag)) return;
      if (typeof tag.description === "string" && tag.description.trim()) return;
      ctx.report(`/tags/${i}`, `tag '${specText(tag.name)}' has no description`, "add `description:` saying what the tag's operations are for");
    });
  },
};

/** An HTML script element, or eval( : what a docs renderer that passes HTML through would run. */
const SCRIPT = /<\s*script\b|\beval\s*\(/i;

/** The column after `space` written from column `col`, a tab advancing to the next multiple of 4 (CommonMark §2.2). */
function columnAfter(space: string, col = 0): number {
  for (const ch of space) {
    if (ch === " ") col++;
    else if (ch === "\t") col += 4 - (col % 4);
    else break;
  }
  return col;
}

/** `<pre`, `<script`, `<style`, `<textarea`: a raw HTML block (CommonMark §4.6, kind 1) that blank lines do not end. */
const RAW_HTML_OPEN = /^<(pre|script|style|textarea)(?=[\s>]|$)/i;
const LIST_ITEM = /^([ \t]*)([-+*]|\d{1,9}[.)])([ \t]+|$)/;

/**
 * Markdown without its code (CommonMark): fenced code blocks, indented code blocks and code spans. A
 * renderer shows code as text and never runs it (and the rule's own advice is to put code there).
 *
 * An indented code block is a run of lines indented 4 columns past their container (the document, or an
 * open list item's content), that does not continue a paragraph: it starts at the top, after a blank line,
 * or after another block (a heading, a fence, code). Where the scanner is unsure it keeps the line as text:
 * a script reported in code is a false alarm, one skipped in prose would run.
 */
function withoutCode(text: string): string {
  const kept: string[] = [];
  let fence: string | undefined;
  let raw: string | undefined; // the closing tag of an open raw HTML block
  let paragraph = false; // the last line was paragraph text: an indented line continues it
  const items: number[] = []; // content columns of the open list items, innermost last
  for (const line of text.split(/\r?\n/)) {
    if (raw !== undefined) {
      kept.push(line);
      if (line.toLowerCase().includes(raw)) raw = undefined;
      continue;
    }
    if (/^[ \t]*$/.test(line)) {
      paragraph = false;
      if (fence === undefined) kept.push(line);
      continue;
    }
    const indent = columnAfter(line);
    const item = LIST_ITEM.exec(line);
    // a line left of an item's content, not continuing its paragraph, closes the item (lists: conservative, the innermost open item counts)
    if (!paragraph && fence === undefined) while (items.length && indent < items[items.length - 1]! && !item) items.pop();
    const base = items[items.length - 1] ?? 0;
    const rest = line.trimStart();
    // CommonMark: a backtick fence's info string holds no backtick (else the line is text with code spans)
    const open = indent - base <= 3 ? /^(`{3,}(?=[^`]*$)|~{3,})/.exec(rest) : null;
    if (fence !== undefined) {
      if (indent - base <= 3 && new RegExp(`^${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`).test(rest)) fence = undefined;
      continue;
    }
    if (open) {
      fence = open[1]!;
      paragraph = false;
      continue;
    }
    if (!paragraph && indent >= base + 4) continue; // indented code
    kept.push(line);
    const html = indent - base <= 3 ? RAW_HTML_OPEN.exec(rest) : null;
    if (html && !line.toLowerCase().includes(`</${html[1]!.toLowerCase()}>`)) raw = `</${html[1]!.toLowerCase()}>`;
    if (item && indent - base <= 3) {
      while (items.length && items[items.length - 1]! > indent) items.pop();
      const marker = indent + item[2]!.length;
      const content = columnAfter(item[3]!, marker);
      // content starts after 1 to 4 columns of space; 5 or more (code in the item), or none, mean after one
      items.push(content > marker && content - marker <= 4 ? content : marker + 1);
    }
    // an ATX heading is one line: what follows it is not its paragraph
    paragraph = !/^#{1,6}(?:[ \t]|$)/.test(rest) || indent - base > 3;
  }
  return withoutCodeSpans(kept.join("\n"));
}

/** Text without its code spans: a run of backticks up to the next run of as many (linear: no regex backtracking on spec text). */
function withoutCodeSpans(text: string): string {
  const runs = [...text.matchAll(/`+/g)].map((m) => ({ at: m.index, length: m[0].length }));
  // for each run, the index of the next run as long
  const next: number[] = [];
  const lastOfLength = new Map<number, number>();
  for (let i = runs.length - 1; i >= 0; i--) {
    next[i] = lastOfLength.get(runs[i]!.length) ?? -1;
    lastOfLength.set(runs[i]!.length, i);
  }
  let out = "";
  let from = 0;
  for (let i = 0; i < runs.length; i++) {
    const close = next[i]!;
    if (close < 0) continue;
    out += text.slice(from, runs[i]!.at);
    from = runs[close]!.at + runs[close]!.length;
    i = close;
  }
  return out + text.slice(from);
}

export const markdownNoScript: Rule = {
  id: "markdown-no-script",
  severity: "warn",
  description: "No `description`, `summary` or `title` holds a `<script>` tag or `eval(`: docs renderers may run them.",
  check(ctx) {
    const visit = (node: Record<string, unknown>, pointer: string) => {
      for (const key of ["description", "summary", "title"]) {
        const text = node[key];
        const prose = typeof text === "string" ? withoutCode(text) : "";
        if (!SCRIPT.test(prose)) continue;
        // the parts Spectral's no-script-tags-in-markdown and no-eval-in-markdown tell apart (rule-parts.ts)
        const parts = [...(/<\s*script/i.test(prose) ? ["script"] : []), ...(/\beval\s*\(/i.test(prose) ? ["eval"] : [])];
        ctx.report(`${pointer}/${key}`, `${key} holds ${parts[0] === "script" ? "a <script> tag" : "eval("}`, "remove it: the API's docs page would run it in every reader's browser; show code in a fenced code block", parts.length ? parts : undefined);
      }
    };
    if (isObject(ctx.document.info)) visit(ctx.document.info, "/info");
    if (Array.isArray(ctx.document.tags)) ctx.document.tags.forEach((t, i) => isObject(t) && visit(t, `/tags/${i}`));
    forEachLintNode(ctx, (node, kind, pointer) => {
      // schemas' titles and descriptions too; an example's value is data, not prose
      if (kind !== "Root") visit(node, pointer);
    });
  },
};
