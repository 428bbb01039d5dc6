// The rule documentation pages as the server knows them: embedded at build time from rules/<id>.md
// (ruleDocsData.generated.ts, written by scripts/gen-rule-docs.ts), so hovers need no file access and
// work offline from the bundle. Sections are the page's `## ` headings.
import { ruleDocsData } from "./ruleDocsData.generated";

/** Looks up one section of a rule's page; hover takes one so tests can give their own pages. */
export type RuleDocSection = (ruleId: string, section: string) => string | undefined;

/** The whole Markdown page of a rule, if it has one. */
export function ruleDoc(ruleId: string): string | undefined {
  // Own properties only: a rule id like "constructor" must not find Object.prototype's.
  return Object.prototype.hasOwnProperty.call(ruleDocsData, ruleId) ? ruleDocsData[ruleId] : undefined;
}

/** The body of `## <section>` of a rule's page (without its heading, trimmed), if both exist. */
export const ruleDocSection: RuleDocSection = (ruleId, section) => {
  const markdown = ruleDoc(ruleId);
  return markdown === undefined ? undefined : markdownSection(markdown, section);
};

/**
 * The body of the `## ` section whose title is `section` (or starts with it and a space or
 * punctuation, e.g. "Fix (suggestion)"), up to the next `#`/`##` heading. Headings inside fenced code
 * blocks do not count.
 */
export function markdownSection(markdown: string, section: string): string | undefined {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  let fence: string | undefined;
  let body: string[] | undefined;
  for (const line of lines) {
    const fenceMark = /^\s*(```+|~~~+)/.exec(line)?.[1];
    if (fence) {
      // Only a bare run of the same character, at least as long, closes the fence.
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length && line.trim() === fenceMark) fence = undefined;
    } else if (fenceMark) fence = fenceMark;
    else if (/^#{1,2}\s/.test(line)) {
      if (body) break;
      const title = line.replace(/^#{1,2}\s+/, "").trim();
      if (line.startsWith("## ") && (title === section || (title.startsWith(section) && /^[\s(:.—-]/.test(title.slice(section.length)))))
        body = [];
      continue;
    }
    body?.push(line);
  }
  return body?.join("\n").trim();
}
