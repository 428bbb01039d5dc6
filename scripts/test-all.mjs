// npm test: every suite, then one closing line for CI: "N passed, N failed".
//  1. mocha: rule tables, annotated fixtures, docs, engine, CLI (spawned), server over stdio;
//  2. the extension in a real VS Code (scripts/test-e2e.mjs), and one pass through its UI with the
//     packaged .vsix (scripts/ui-pass.mjs); DEPLOYGAP_SKIP_E2E=1 skips both.
// Exits non-zero when any test fails or a suite could not run.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-results-"));
const suites = [
  {
    name: "unit, CLI and server",
    file: path.join(tmp, "mocha.json"),
    cmd: [process.execPath, [path.join("node_modules", "mocha", "bin", "mocha.js"), "test/**/*.test.ts"]],
    env: "DEPLOYGAP_RESULTS",
  },
];
if (!process.env.DEPLOYGAP_SKIP_E2E) {
  suites.push({
    name: "end-to-end in VS Code",
    file: path.join(tmp, "e2e.json"),
    cmd: [process.execPath, ["scripts/test-e2e.mjs"]],
    env: "DEPLOYGAP_E2E_RESULTS",
  });
  suites.push({
    name: "UI pass in VS Code",
    file: path.join(tmp, "ui.json"),
    cmd: [process.execPath, ["scripts/ui-pass.mjs"]],
    env: "DEPLOYGAP_UI_RESULTS",
  });
}

let passed = 0;
let failed = 0;
let skipped = 0;
let broken = false;
for (const s of suites) {
  console.log(`\n=== ${s.name}`);
  const r = spawnSync(s.cmd[0], s.cmd[1], { stdio: "inherit", env: { ...process.env, [s.env]: s.file } });
  if (!fs.existsSync(s.file)) {
    console.error(`=== ${s.name}: no results (exit code ${r.status}); counted as one failure`);
    failed++;
    broken = true;
    continue;
  }
  const counts = JSON.parse(fs.readFileSync(s.file, "utf8"));
  passed += counts.passes;
  failed += counts.failures;
  skipped += counts.pending ?? 0;
  if (r.status !== 0 && counts.failures === 0) {
    console.error(`=== ${s.name} exited with ${r.status}`);
    broken = true;
  }
}
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || broken ? 1 : 0);
