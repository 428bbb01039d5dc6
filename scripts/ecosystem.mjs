// The ecosystem check: scan the real agent repositories of ../shared/ecosystem/ with the built CLI
// and compare the findings with the judged baseline (test/ecosystem/baseline.json).
//
//   node scripts/ecosystem.mjs            compare; print what appeared and disappeared per rule and
//                                         the precision of the judged findings; exit 1 when a judged
//                                         true positive disappeared without a written reason
//   node scripts/ecosystem.mjs --update   write the baseline: verdicts carried over by key, new
//                                         findings "unjudged", disappeared ones kept with `gone`
//   --repos DIR   the corpus (default ../shared/ecosystem/repos)   --json F   raw findings to F
//   --only a,b    only the repositories whose folder name contains one of these words
//   --check       exit 1 also when a finding is unjudged or a gone true positive has no written reason
//                 (what CI runs: every finding on real code carries a verdict), or when a finding's
//                 message is longer than a headline may be (HEADLINE_MAX)
//
// A finding's key is repo, file, line, column and rule (the corpus is pinned, so lines do not move);
// a finding whose column moved (the rule reports another node of the same line) still matches a
// baseline entry of the same repo, file, line and rule when that entry is the only one of its line.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const reposDir = path.resolve(value("--repos", path.join(root, "..", "shared", "ecosystem", "repos")));
const baselineFile = path.join(root, "test", "ecosystem", "baseline.json");
const cli = path.join(root, "dist", "cli.js");
const only = value("--only", "")
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);

/** A finding's message is a headline: at most this many characters, the explanation is its `detail`. */
const HEADLINE_MAX = 120;

/** Verdicts a finding can carry in the baseline. */
const VERDICTS = ["tp", "fp", "debatable", "unjudged"];

export function keyOf(f) {
  return `${f.repo}|${f.file}|${f.line}|${f.column}|${f.rule}`;
}
function lineKeyOf(f) {
  return `${f.repo}|${f.file}|${f.line}|${f.rule}`;
}

function scanRepo(repo) {
  return new Promise((resolve) => {
    const cwd = path.join(reposDir, repo);
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [cli, "scan", "--format", "json", "--no-cache", "."], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      let findings = [];
      let problem;
      try {
        findings = JSON.parse(out).findings.map((f) => ({
          repo,
          file: f.file,
          line: f.line,
          column: f.column,
          rule: f.rule,
          severity: f.severity,
          message: f.message,
        }));
      } catch (e) {
        problem = `exit ${code}: ${(err || String(e)).split("\n")[0]}`;
      }
      if (code === 2 && !problem) problem = `exit 2: ${err.split("\n")[0]}`;
      resolve({ repo, findings, seconds, problem, stderr: err.trim() });
    });
  });
}

async function scanAll(repos) {
  const results = [];
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(2, os.availableParallelism?.() ?? 2)) }, async () => {
    while (next < repos.length) {
      const repo = repos[next++];
      results.push(await scanRepo(repo));
    }
  });
  await Promise.all(workers);
  return results.sort((a, b) => a.repo.localeCompare(b.repo));
}

function readBaseline() {
  if (!fs.existsSync(baselineFile)) return [];
  const data = JSON.parse(fs.readFileSync(baselineFile, "utf8"));
  return data.findings;
}

/** Matches current findings to baseline entries: by exact key, else by line when that line has one entry. */
export function match(current, baseline) {
  const byKey = new Map(baseline.map((b) => [keyOf(b), b]));
  const byLine = new Map();
  for (const b of baseline) {
    const k = lineKeyOf(b);
    byLine.set(k, byLine.has(k) ? null : b);
  }
  const used = new Set();
  const pairs = current.map((f) => {
    let b = byKey.get(keyOf(f));
    if (!b || used.has(b)) {
      const candidate = byLine.get(lineKeyOf(f));
      b = candidate && !used.has(candidate) && !byKey.has(keyOf(f)) ? candidate : undefined;
    }
    if (b) used.add(b);
    return { finding: f, entry: b };
  });
  const unmatched = baseline.filter((b) => !used.has(b));
  return { pairs, unmatched };
}

function pct(n) {
  return Number.isFinite(n) ? n.toFixed(2) : "-";
}

function precisionOf(counts) {
  return counts.tp + counts.fp === 0 ? NaN : counts.tp / (counts.tp + counts.fp);
}

async function main() {
  if (!fs.existsSync(cli)) {
    console.error(`ecosystem: ${path.relative(process.cwd(), cli)} is missing; run npm run build first`);
    process.exit(2);
  }
  if (!fs.existsSync(reposDir)) {
    console.error(`ecosystem: no corpus at ${reposDir}`);
    process.exit(2);
  }
  const repos = fs
    .readdirSync(reposDir)
    .filter((r) => fs.statSync(path.join(reposDir, r)).isDirectory())
    .filter((r) => only.length === 0 || only.some((o) => r.includes(o)))
    .sort();
  const started = Date.now();
  const results = await scanAll(repos);
  const current = results.flatMap((r) => r.findings);
  if (value("--json")) fs.writeFileSync(value("--json"), JSON.stringify(current, null, 1));

  const wholeBaseline = readBaseline();
  const inScope = (b) => only.length === 0 || only.some((o) => b.repo.includes(o));
  const baselineAll = wholeBaseline.filter(inScope);
  const active = baselineAll.filter((b) => !("gone" in b));
  const goneBefore = baselineAll.filter((b) => "gone" in b);
  const { pairs, unmatched } = match(current, active);
  // A finding that comes back after it was gone keeps its verdict.
  const revived = match(
    pairs.filter((p) => !p.entry).map((p) => p.finding),
    goneBefore,
  );
  const revivedBy = new Map(revived.pairs.filter((p) => p.entry).map((p) => [p.finding, p.entry]));

  const rules = new Set([...current.map((f) => f.rule), ...active.map((b) => b.rule)]);
  const rows = [];
  const total = { findings: 0, tp: 0, fp: 0, debatable: 0, unjudged: 0, appeared: 0, disappeared: 0 };
  const lostTp = [];
  for (const b of unmatched) if (b.verdict === "tp") lostTp.push(b);
  for (const rule of [...rules].sort()) {
    const mine = pairs.filter((p) => p.finding.rule === rule);
    const c = { findings: mine.length, tp: 0, fp: 0, debatable: 0, unjudged: 0, appeared: 0, disappeared: 0 };
    for (const p of mine) {
      const entry = p.entry ?? revivedBy.get(p.finding);
      c[entry ? entry.verdict : "unjudged"]++;
      if (!p.entry) c.appeared++;
    }
    c.disappeared = unmatched.filter((b) => b.rule === rule).length;
    for (const k of Object.keys(total)) total[k] += c[k];
    rows.push({ rule, ...c });
  }

  console.log(`ecosystem: ${repos.length} repositories scanned in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const r of results) if (r.problem) console.log(`  ! ${r.repo}: ${r.problem}`);
  console.log("");
  console.log(["rule".padEnd(26), "findings", "tp", "fp", "deb", "unj", "precision", "+new", "-gone"].join("  "));
  for (const r of rows) {
    console.log(
      [
        r.rule.padEnd(26),
        String(r.findings).padStart(8),
        String(r.tp).padStart(2),
        String(r.fp).padStart(2),
        String(r.debatable).padStart(3),
        String(r.unjudged).padStart(3),
        pct(precisionOf(r)).padStart(9),
        String(r.appeared).padStart(4),
        String(r.disappeared).padStart(5),
      ].join("  "),
    );
  }
  if (flag("--verbose")) {
    for (const p of pairs)
      if (!p.entry)
        console.log(
          `  + ${p.finding.repo}/${p.finding.file}:${p.finding.line}:${p.finding.column} ${p.finding.rule}: ${p.finding.message}`,
        );
    for (const b of unmatched) console.log(`  - ${b.repo}/${b.file}:${b.line}:${b.column} ${b.rule} [${b.verdict}] ${b.reason ?? ""}`);
  }
  for (const b of lostTp) console.log(`  lost tp: ${b.repo}/${b.file}:${b.line} ${b.rule}: ${b.reason ?? ""}`);

  // Headlines on real code: the messages over the limit, each named (the rule tests only see their own data).
  const long = current.filter((f) => f.message.length > HEADLINE_MAX);
  for (const f of long) console.log(`  long message (${f.message.length}): ${f.repo}/${f.file}:${f.line} ${f.rule}: ${f.message}`);
  const longest = current.reduce((n, f) => Math.max(n, f.message.length), 0);
  console.log("");
  console.log(`headlines: ${long.length} of ${current.length} messages over ${HEADLINE_MAX} characters (longest ${longest})`);

  const summary =
    `ecosystem: ${total.findings} findings (tp ${total.tp}, fp ${total.fp}, debatable ${total.debatable}, unjudged ${total.unjudged}), ` +
    `precision ${pct(precisionOf(total))}, +${total.appeared} -${total.disappeared} vs baseline, ${lostTp.length} tp lost`;
  console.log("");
  console.log(summary);

  if (flag("--update")) {
    // Entries of repositories outside --only stay as they are.
    const next = wholeBaseline.filter((b) => !inScope(b));
    for (const p of pairs) {
      const entry = p.entry ?? revivedBy.get(p.finding);
      const f = p.finding;
      next.push({
        repo: f.repo,
        file: f.file,
        line: f.line,
        column: f.column,
        rule: f.rule,
        message: f.message,
        verdict: entry?.verdict ?? "unjudged",
        reason: entry?.reason ?? "",
      });
    }
    const revivedEntries = new Set(revivedBy.values());
    for (const b of [...unmatched, ...goneBefore.filter((g) => !revivedEntries.has(g))]) {
      next.push({ ...b, gone: b.gone ?? "" });
    }
    next.sort((a, b) => keyOf(a).localeCompare(keyOf(b), "en"));
    fs.mkdirSync(path.dirname(baselineFile), { recursive: true });
    // One finding a line, so a change of verdicts reads as a diff of lines.
    const lines = next.map((e) => JSON.stringify(e)).join(",\n");
    fs.writeFileSync(baselineFile, `{"version": 1, "verdicts": ${JSON.stringify(VERDICTS)}, "findings": [\n${lines}\n]}\n`);
    console.log(`baseline written: ${path.relative(process.cwd(), baselineFile)} (${next.length} entries)`);
  }
  const lostWithoutReason = lostTp.filter((b) => !b.gone);
  if (lostWithoutReason.length > 0 && !flag("--update")) process.exitCode = 1;
  if (flag("--check")) {
    const goneTpWithoutReason = goneBefore.filter((b) => b.verdict === "tp" && !b.gone);
    for (const b of goneTpWithoutReason) console.log(`  gone tp without a reason: ${b.repo}/${b.file}:${b.line} ${b.rule}`);
    for (const r of results) if (r.problem) process.exitCode = 1;
    if (total.unjudged > 0 || goneTpWithoutReason.length > 0 || total.appeared > 0 || long.length > 0) process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
