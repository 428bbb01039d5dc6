// A generated table kept inside a hand-written Markdown page, between two marker comments: the
// region's text (markers, a do-not-edit note, the table) and the page with it put in place. Shared
// by scripts/gen-sdk-table.ts and scripts/gen-store-table.ts; test/docs.test.ts checks each page is
// what its script writes.
import * as fs from "node:fs";
import * as path from "node:path";

export interface GeneratedTable {
  /** The marker names: `<!-- ${marker}:start -->` ... `<!-- ${marker}:end -->`. */
  marker: string;
  /** Where the rows come from and what writes them, for the do-not-edit note. */
  source: string;
  script: string;
  header: readonly string[];
  rows: readonly string[][];
}

const markers = (marker: string) => ({ start: `<!-- ${marker}:start -->`, end: `<!-- ${marker}:end -->` });

export function renderRegion(t: GeneratedTable): string {
  const { start, end } = markers(t.marker);
  return [
    start,
    `<!-- Generated from ${t.source} by ${t.script}; edit the catalog, not this table. -->`,
    "",
    `| ${t.header.join(" | ")} |`,
    `|${t.header.map(() => "---").join("|")}|`,
    ...t.rows.map((r) => `| ${r.join(" | ")} |`),
    "",
    end,
  ].join("\n");
}

/** `markdown` with its marked region replaced by `region`; throws when the markers are missing. */
export function withRegion(markdown: string, marker: string, region: string, page: string): string {
  const { start, end } = markers(marker);
  const from = markdown.indexOf(start);
  const to = markdown.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${page} has no ${start} ... ${end} region`);
  return markdown.slice(0, from) + region + markdown.slice(to + end.length);
}

/** Writes the page when its region changed; says which. */
export function writePage(file: string, update: (markdown: string) => string): void {
  const before = fs.readFileSync(file, "utf8");
  const after = update(before);
  if (after !== before) fs.writeFileSync(file, after);
  console.log(`${after !== before ? "wrote" : "unchanged"} ${path.relative(path.join(__dirname, ".."), file)}`);
}
