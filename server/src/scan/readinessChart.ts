// The readiness report's picture: an inline SVG bar chart of findings per category, each bar stacked by
// severity (errors first, in the editor's error/warning/info colours), with its count written at its
// end and a legend. Inline, with no script, font or image to load, so the HTML report stays one file
// that renders the same offline, in a CI artifact and in the editor's webview (whose CSP allows no
// remote loads). Text labels carry the numbers, so the chart reads without colour too.
import type { ActiveSeverity } from "../../../rules/api/types";
import { SEVERITY_ORDER, totalsText, type CategoryView, type SeverityTotals, severityTotals } from "./readiness";

const COLOR: Record<ActiveSeverity, string> = { error: "#d13438", warning: "#c27c00", info: "#1a73c8", hint: "#6b7280" };
const LABEL_W = 130;
const BAR_W = 360;
const ROW_H = 26;
const BAR_H = 16;

export function categoryChart(views: readonly CategoryView[], escape: (s: string) => string): string {
  const rows = views
    .filter((v) => v.findings.length > 0)
    .map((v) => ({ category: v.category, totals: severityTotals(v.findings.map((x) => x.finding)), n: v.findings.length }));
  if (rows.length === 0) return "";
  const max = Math.max(...rows.map((r) => r.n));
  const legendY = rows.length * ROW_H + 14;
  const height = legendY + 18;
  const width = LABEL_W + BAR_W + 60;
  const label = rows.map((r) => `${r.category}: ${totalsText(r.totals)}`).join("; ");
  const out: string[] = [
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escape(`Findings by category: ${label}`)}">`,
    `<title>${escape(`Findings by category: ${label}`)}</title>`,
  ];
  rows.forEach((r, i) => {
    const y = i * ROW_H;
    out.push(
      `<text x="${LABEL_W - 8}" y="${y + BAR_H - 3}" text-anchor="end" font-size="13" fill="currentColor">${escape(r.category)}</text>`,
    );
    let x = LABEL_W;
    for (const s of SEVERITY_ORDER) {
      const n = (r.totals as SeverityTotals)[s];
      if (!n) continue;
      // At least 3 px, so one finding next to hundreds still shows.
      const w = Math.max(3, (n / max) * BAR_W);
      out.push(
        `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${BAR_H}" fill="${COLOR[s]}"><title>${escape(`${r.category}: ${n} ${s}`)}</title></rect>`,
      );
      x += w;
    }
    out.push(`<text x="${(x + 6).toFixed(1)}" y="${y + BAR_H - 3}" font-size="13" fill="currentColor">${r.n}</text>`);
  });
  let lx = LABEL_W;
  for (const s of SEVERITY_ORDER) {
    if (!rows.some((r) => r.totals[s] > 0)) continue;
    out.push(`<rect x="${lx}" y="${legendY - 10}" width="12" height="12" fill="${COLOR[s]}"/>`);
    out.push(`<text x="${lx + 16}" y="${legendY}" font-size="12" fill="currentColor">${s}</text>`);
    lx += 16 + s.length * 8 + 16;
  }
  out.push("</svg>");
  return out.join("");
}
