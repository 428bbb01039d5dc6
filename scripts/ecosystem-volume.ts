// Per-rule volume on the ecosystem corpus: findings per 1,000 lines of server code (the files whose
// role is `server`), from the current findings (scripts/ecosystem.mjs --json F) and the file roles the
// project model gives. Run: node scripts/ecosystem.mjs --json /tmp/eco.json &&
//   node --require tsx/cjs scripts/ecosystem-volume.ts /tmp/eco.json
import * as fs from "node:fs";
import * as path from "node:path";
import { createLinter } from "../server/src/engine/createLinter";
import { collectFiles } from "../server/src/scan/files";

const findingsFile = process.argv[2];
if (!findingsFile) {
  console.error("usage: ecosystem-volume.ts <findings.json from scripts/ecosystem.mjs --json>");
  process.exit(2);
}
const repos = path.join(__dirname, "..", "..", "shared", "ecosystem", "repos");
const findings: Array<{ repo: string; rule: string }> = JSON.parse(fs.readFileSync(findingsFile, "utf8"));
let serverLines = 0;
const roleLines = new Map<string, number>();
for (const repo of fs.readdirSync(repos).sort()) {
  const { projects } = createLinter();
  const { files } = collectFiles([path.join(repos, repo)], projects);
  for (const file of files) {
    const facts = projects.factsOfFile(file);
    if (facts.kind !== "source") continue;
    const lines = (projects.host.readFile(file) ?? "").split("\n").length;
    roleLines.set(facts.role, (roleLines.get(facts.role) ?? 0) + lines);
    if (facts.role === "server") serverLines += lines;
  }
}
const byRule = new Map<string, number>();
for (const f of findings) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
console.log(`lines by role: ${[...roleLines].map(([r, n]) => `${r} ${n}`).join(", ")}`);
console.log("| rule | findings | per 1,000 lines of server code |");
console.log("|---|---|---|");
for (const [rule, n] of [...byRule].sort((a, b) => b[1] - a[1]))
  console.log(`| \`${rule}\` | ${n} | ${((n * 1000) / serverLines).toFixed(2)} |`);
console.log(`| all | ${findings.length} | ${((findings.length * 1000) / serverLines).toFixed(2)} |`);
