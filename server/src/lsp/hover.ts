// Hover on a finding: the rule id and severity, the finding's headline and its detail (the
// explanation), the start of the rule page's "Why this breaks in production" and "Fix" sections, and a
// link to the page; under a detail, the finding's table when it has one (latency-budget's calls). Pure:
// the server passes the findings it already has for the document. Only finding.message, finding.detail
// and the table's cells come from the user's code, rendered from the rule's data, and rules mask
// secrets in that data, so a hover never shows more of a secret than the diagnostic does.
import { MarkupKind, type Hover } from "vscode-languageserver";
import type { FindingTable } from "../../../rules/api/types";
import type { Finding } from "../engine/lint";
import { docsLink } from "./docsLinks";
import { ruleDocSection, type RuleDocSection } from "./ruleDocs";

export const WHY_SECTION = "Why this breaks in production";
export const FIX_SECTION = "Fix";

/** At most this much of a section after its first block: the hover is a summary, the page has the rest. */
const SECTION_BUDGET = 700;

/**
 * The hover for `offset` in a document whose current text is `docText`, or null when no finding covers
 * that offset. Findings that reach past the end of the text are stale (computed for an older version)
 * and ignored. When several findings cover the offset, the innermost comes first and gives the range.
 */
export function hoverFor(
  findings: readonly Finding[],
  offset: number,
  docText: string,
  docs: RuleDocSection = ruleDocSection,
): Hover | null {
  const hits = findings
    .filter((f) => f.end <= docText.length && (f.start === f.end ? offset === f.start : f.start <= offset && offset < f.end))
    .sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  if (hits.length === 0) return null;
  const byRule = new Map<string, Finding[]>();
  for (const f of hits) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  const parts = [...byRule.values()].map((group) => ruleHover(group, docs));
  const first = hits[0];
  return {
    contents: { kind: MarkupKind.Markdown, value: parts.join("\n\n---\n\n") },
    range: { start: { line: first.line, character: first.character }, end: { line: first.endLine, character: first.endCharacter } },
  };
}

/** One rule's part: header, each finding's detail (with its headline when there are several), the two sections, the link. */
function ruleHover(findings: Finding[], docs: RuleDocSection): string {
  const { ruleId, severity } = findings[0];
  const out = [`**${escapeText(ruleId)}** (deploygap, ${severity})`];
  // Each distinct finding once. The editor already shows a diagnostic's message (the headline) in the
  // same hover, so it is repeated only to tell several findings apart, or when there is no detail.
  const seen = new Set<string>();
  const distinct = findings.filter((f) => {
    const key = `${f.message}\u0000${f.detail ?? ""}`;
    return !seen.has(key) && !!seen.add(key);
  });
  for (const f of distinct) {
    if (distinct.length > 1 || !f.detail) out.push(`**${messageMarkdown(f.message)}**`);
    if (f.detail) out.push(messageMarkdown(f.detail));
    if (f.table) out.push(tableMarkdown(f.table));
  }
  // The shipped page in the editor (or the configured web page); a finding built elsewhere may carry its own.
  const base = docsLink(ruleId) ?? findings[0].docsUrl;
  for (const section of [WHY_SECTION, FIX_SECTION]) {
    const body = docs(ruleId, section);
    const lead = body ? leadBlocks(body, base) : "";
    if (lead) out.push(`**${section}**`, lead);
  }
  const link = base;
  if (link) out.push(`[Documentation for ${escapeText(ruleId)}](${link})`);
  return out.join("\n\n");
}

type BlockKind = "paragraph" | "code" | "list" | "table" | "other";

/** Splits Markdown into blocks at blank lines outside fenced code. */
function blocks(markdown: string): Array<{ kind: BlockKind; text: string }> {
  const out: Array<{ kind: BlockKind; text: string }> = [];
  let current: string[] = [];
  let fence: string | undefined;
  const flush = () => {
    if (current.length === 0) return;
    const first = current[0].trimStart();
    const kind: BlockKind = /^(```|~~~)/.test(first)
      ? "code"
      : first.startsWith("|")
        ? "table"
        : /^([-*+]|\d+[.)])\s/.test(first)
          ? "list"
          : /^(#|>|<)/.test(first)
            ? "other"
            : "paragraph";
    out.push({ kind, text: current.join("\n") });
    current = [];
  };
  for (const line of markdown.split("\n")) {
    const mark = /^\s*(```+|~~~+)/.exec(line)?.[1];
    if (fence) {
      current.push(line);
      if (mark && mark[0] === fence[0] && mark.length >= fence.length && line.trim() === mark) {
        fence = undefined;
        flush();
      }
      continue;
    }
    if (mark) {
      flush();
      fence = mark;
      current.push(line);
    } else if (line.trim() === "") flush();
    else current.push(line);
  }
  flush();
  return out;
}

/**
 * The first paragraph or two of a section: always its first block; then the next block if it is a
 * paragraph or a code example and the whole stays within SECTION_BUDGET. A lead that ends by
 * introducing something not shown ("...:") ends with a full stop instead. Relative links are made
 * absolute against the page, since the hover is not shown next to the page.
 */
export function leadBlocks(section: string, pageUrl: string | undefined): string {
  const all = blocks(section);
  if (all.length === 0) return "";
  const taken = [all[0]];
  const next = all[1];
  if (next && (next.kind === "paragraph" || next.kind === "code") && all[0].text.length + next.text.length <= SECTION_BUDGET)
    taken.push(next);
  const texts = taken.map((b) => (b.kind === "code" ? b.text : absoluteLinks(b.kind === "paragraph" ? unwrap(b.text) : b.text, pageUrl)));
  const last = taken.length - 1;
  if (taken[last].kind === "paragraph") texts[last] = texts[last].replace(/:$/, ".");
  return texts.join("\n\n");
}

/** A paragraph's soft-wrapped lines joined, so the hover wraps to its own width. */
function unwrap(paragraph: string): string {
  return paragraph
    .split("\n")
    .map((l) => l.trim())
    .join(" ");
}

/** Relative links made absolute against the page; without a page to resolve against, kept as text only. */
function absoluteLinks(markdown: string, pageUrl: string | undefined): string {
  return markdown.replace(/\[([^\]]*)\]\(([^)\s]+)\)/g, (whole, text: string, href: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return whole;
    if (pageUrl === undefined) return text;
    try {
      return `[${text}](${new URL(href, pageUrl).href})`;
    } catch {
      return whole;
    }
  });
}

/**
 * A finding's table as a Markdown table: its cells rendered like messages (code spans kept, the rest
 * escaped), a `|` inside a code span escaped too so it cannot split a cell, and the summary rows
 * (total, limit) after the body, in bold.
 */
export function tableMarkdown(table: FindingTable): string {
  const row = (cells: string[], bold = false) => `| ${table.columns.map((_, i) => cellMarkdown(cells[i] ?? "", bold)).join(" | ")} |`;
  return [
    row(table.columns),
    `|${table.columns.map(() => " --- ").join("|")}|`,
    ...table.rows.map((r) => row(r)),
    ...(table.summary ?? []).map((r) => row(r, true)),
  ].join("\n");
}

function cellMarkdown(cell: string, bold: boolean): string {
  const md = messageMarkdown(cell.replace(/\s+/g, " ").trim(), (code) => code.replace(/\|/g, "\\|"));
  return bold && md ? `**${md}**` : md;
}

/**
 * A message as Markdown: its `code spans` are kept, everything else is escaped, so that text taken from
 * the user's code (`<file>:<export>`, names with `_` or `*`) shows literally and cannot inject links or HTML.
 */
export function messageMarkdown(message: string, inCode: (code: string) => string = (code) => code): string {
  const parts = message.split("`");
  // An odd number of backticks leaves the last one unpaired: it is text (escaped), not a code span.
  const paired = parts.length % 2 === 1 ? parts : [...parts.slice(0, -2), parts.slice(-2).join("`")];
  return paired.map((p, i) => (i % 2 === 1 ? `\`${inCode(p)}\`` : escapeText(p))).join("");
}

/** Backslash-escapes what Markdown would otherwise read as markup in plain text. */
function escapeText(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&#!]/g, (c) => `\\${c}`).replace(/^(\s*)([-+]|\d+[.)])(?=\s)/gm, "$1\\$2");
}
