// Renders the readiness report (readiness.ts) as Markdown or HTML; shared by the CLI (`deploygap report`)
// and the language server's report webview. Both open with who made it (tool version, date, commit) and
// the totals by severity, errors first; each project lists its categories with errors first. The HTML
// adds an inline SVG chart per project (readinessChart.ts) and needs no external asset.
import type { Finding } from "../engine/lint";
import {
  categories,
  facts,
  plural,
  severityTotals,
  SEVERITY_ORDER,
  totalsText,
  type CategoryView,
  type ProjectSection,
  type ReportMeta,
} from "./readiness";
import { categoryChart } from "./readinessChart";
import type { FileFindings } from "./report";

export type LinkFor = (file: FileFindings, finding: Finding) => string;

const allFindings = (sections: readonly ProjectSection[]) => sections.flatMap((s) => s.files.flatMap((f) => f.findings));
const sectionFindings = (s: ProjectSection) => s.files.flatMap((f) => f.findings);

function byline(meta: ReportMeta | undefined): string | undefined {
  if (!meta) return undefined;
  return [`deploygap ${meta.toolVersion}`, meta.date, meta.commit ? `commit ${meta.commit.slice(0, 12)}` : undefined]
    .filter(Boolean)
    .join(" · ");
}

/** Categories with findings, the most severe first (then the most findings), then CATEGORIES order. */
function rankedCategories(s: ProjectSection): CategoryView[] {
  const rank = (c: CategoryView) => {
    const t = severityTotals(c.findings.map((x) => x.finding));
    return SEVERITY_ORDER.map((sev) => t[sev]);
  };
  return categories(s)
    .filter((c) => c.findings.length > 0)
    .map((c) => ({ c, r: rank(c) }))
    .sort((a, b) => {
      for (let i = 0; i < a.r.length; i++) if (a.r[i] !== b.r[i]) return b.r[i] - a.r[i];
      return 0;
    })
    .map((x) => x.c);
}

function summaryLine(sections: readonly ProjectSection[]): string {
  const files = sections.reduce((n, s) => n + s.filesScanned, 0);
  const all = allFindings(sections);
  const found = all.length === 0 ? "no gaps" : `${plural(all.length, "gap")} (${totalsText(severityTotals(all))})`;
  return `${plural(files, "file")} in ${plural(sections.length, "project")} scanned: ${found}.`;
}

export function renderMarkdown(sections: ProjectSection[], linkFor: LinkFor, meta?: ReportMeta): string {
  const out: string[] = ["# Deployment readiness report", ""];
  const by = byline(meta);
  if (by) out.push(`_${by}_`, "");
  if (sections.length === 0) out.push("No files were scanned.", "");
  else out.push(`**${summaryLine(sections)}**`, "");
  for (const s of sections) {
    const all = sectionFindings(s);
    out.push(`## ${s.name} (target: ${s.target})`, "");
    out.push(
      `Scanned ${plural(s.filesScanned, "file")} with ${plural(s.checked.length, "rule")}; ${all.length === 0 ? "found no gaps" : `found ${plural(all.length, "gap")}: ${totalsText(severityTotals(all))}`}.`,
      "",
    );
    if (s.units.length) {
      out.push("### Deploy units", "");
      for (const u of s.units)
        out.push(
          `- ${escapeMd(u.name)} (${u.kind}, target ${u.target}, bundler ${u.bundler}, from ${escapeMd(u.definedBy)})${u.limits.length ? `: ${u.limits.join("; ")}` : ""}`,
        );
      out.push("");
    }
    const f = facts(s);
    if (f.length) out.push("### What was found", "", ...f.map((x) => `- ${x}`), "");
    for (const c of rankedCategories(s)) {
      out.push(`### ${c.category} (${totalsText(severityTotals(c.findings.map((x) => x.finding)))})`, "");
      for (const { file, finding } of c.findings) {
        out.push(
          `- [${escapeMd(file.file)}:${finding.line + 1}](${linkTarget(linkFor(file, finding))}) **${finding.severity}** ${escapeMd(finding.message)} (\`${finding.ruleId}\`)`,
        );
        // The explanation under the headline, as a nested item.
        if (finding.detail) out.push(`  - ${escapeMd(finding.detail)}`);
      }
      out.push("");
    }
    const clean = categories(s).filter((c) => c.findings.length === 0 && c.rules.length > 0);
    if (clean.length) {
      out.push("### Clean", "");
      for (const c of clean) out.push(`- ${c.category}: no findings (checked ${c.rules.map((r) => `\`${r.meta.id}\``).join(", ")})`);
      out.push("");
    }
    if (s.notRun.length) {
      out.push("### Not checked", "");
      for (const n of s.notRun) out.push(`- \`${n.rule.meta.id}\`: ${n.why}`);
      out.push("");
    }
  }
  return out.join("\n");
}

export function renderHtml(sections: ProjectSection[], linkFor: LinkFor, meta?: ReportMeta): string {
  const h = escapeHtml;
  const body: string[] = [];
  const by = byline(meta);
  if (by) body.push(`<p class="byline">${h(by)}</p>`);
  if (sections.length === 0) body.push("<p>No files were scanned.</p>");
  else body.push(`<p class="summary"><b>${h(summaryLine(sections))}</b></p>`);
  for (const s of sections) {
    const all = sectionFindings(s);
    body.push(`<section><h2>${h(s.name)} <small>target: ${h(s.target)}</small></h2>`);
    body.push(
      `<p>Scanned ${h(plural(s.filesScanned, "file"))} with ${h(plural(s.checked.length, "rule"))}; ${all.length === 0 ? "found no gaps" : `found ${h(plural(all.length, "gap"))}: ${h(totalsText(severityTotals(all)))}`}.</p>`,
    );
    if (s.units.length)
      body.push(
        `<h3>Deploy units</h3><ul>${s.units.map((u) => `<li>${h(u.name)} (${h(u.kind)}, target ${h(u.target)}, bundler ${h(u.bundler)}, from <code>${h(u.definedBy)}</code>)${u.limits.length ? `: ${h(u.limits.join("; "))}` : ""}</li>`).join("")}</ul>`,
      );
    const ranked = rankedCategories(s);
    const chart = categoryChart(ranked, h);
    if (chart) body.push(`<figure>${chart}<figcaption>Findings by category and severity</figcaption></figure>`);
    const f = facts(s);
    if (f.length)
      body.push(`<h3>What was found</h3><ul>${f.map((x) => `<li>${h(x).replace(/`([^`]+)`/g, "<code>$1</code>")}</li>`).join("")}</ul>`);
    for (const c of ranked) {
      body.push(`<h3>${h(c.category)} <small>${h(totalsText(severityTotals(c.findings.map((x) => x.finding))))}</small></h3><ul>`);
      for (const { file, finding } of c.findings) {
        body.push(
          `<li class="${finding.severity}"><a href="${h(linkFor(file, finding))}">${h(file.file)}:${finding.line + 1}</a> <b>${finding.severity}</b> ${h(finding.message)} <code>${h(finding.ruleId)}</code>${finding.detail ? `<div class="detail">${h(finding.detail)}</div>` : ""}</li>`,
        );
      }
      body.push("</ul>");
    }
    const clean = categories(s).filter((c) => c.findings.length === 0 && c.rules.length > 0);
    if (clean.length)
      body.push(
        `<h3>Clean</h3><ul>${clean.map((c) => `<li>${h(c.category)}: no findings (checked ${c.rules.map((r) => `<code>${h(r.meta.id)}</code>`).join(", ")})</li>`).join("")}</ul>`,
      );
    if (s.notRun.length)
      body.push(`<h3>Not checked</h3><ul>${s.notRun.map((n) => `<li><code>${h(n.rule.meta.id)}</code>: ${h(n.why)}</li>`).join("")}</ul>`);
    body.push("</section>");
  }
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Deployment readiness report</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;max-width:70em;line-height:1.45}
h2 small,h3 small{font-weight:normal;color:#666;font-size:.7em}
.byline{color:#666;margin-top:-.5em}
figure{margin:1em 0}figcaption{color:#666;font-size:.85em}
li.error b{color:#c00} li.warning b{color:#b60} li.info b,li.hint b{color:#06c}
li .detail{color:#555;font-size:.9em;margin:.15em 0 .5em}
code{background:rgba(127,127,127,.15);padding:0 .25em;border-radius:3px}
</style></head><body>
<h1>Deployment readiness report</h1>
${body.join("\n")}
</body></html>
`;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * Text from the scanned repository (file names, messages quoting its strings) in Markdown: markup
 * characters shown literally, so a file named `[x](https://evil)` cannot forge a link, and one line.
 */
function escapeMd(s: string): string {
  return s.replace(/\r\n?|\n/g, " ").replace(/([\\[\]<>])/g, "\\$1");
}

/** A link destination Markdown cannot end early: parentheses, angle brackets, spaces and controls percent-encoded. */
function linkTarget(url: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what must be escaped in a link
  return url.replace(/[()<>\s\u0000-\u001f\u007f]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}
