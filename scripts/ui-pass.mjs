// One pass through the real VS Code UI as a user sees it (code-server in headless Chromium, driven by
// playwright-core): install the packaged .vsix, open the example project, and check that findings show
// in the Problems panel, that Ctrl+. offers our quick fixes, and that the Deployment Gaps tree fills after
// a workspace scan. Each check counts as a test ($DEPLOYGAP_UI_RESULTS gets the counts); screenshots go
// to $DEPLOYGAP_SCREENSHOTS (docs/screenshots with --update-screenshots, for the README).
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { freePort } from "./e2e-common.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const hostScripts = process.env.VSCODE_HOST_SCRIPTS ?? path.join(repo, "..", "shared", "vscode-host");
const hostDir = process.env.VSCODE_HOST_DIR ?? "/tmp/vscode-host";
const run = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-ui-"));
const shots = process.argv.includes("--update-screenshots")
  ? path.join(repo, "docs", "screenshots")
  : (process.env.DEPLOYGAP_SCREENSHOTS ?? path.join(run, "shots"));
fs.mkdirSync(shots, { recursive: true });

execFileSync("bash", [path.join(hostScripts, "setup.sh")], { stdio: "inherit" });
const { chromium } = createRequire(path.join(hostDir, "driver", "package.json"))("playwright-core");

// The .vsix a user would install, and a copy of the example project.
const vsix = path.join(run, "deploygap.vsix");
execFileSync(process.execPath, ["scripts/build.mjs", "--production"], { cwd: repo, stdio: "inherit" });
execFileSync(
  process.execPath,
  [path.join(repo, "node_modules", "@vscode", "vsce", "vsce"), "package", "--no-dependencies", "--out", vsix],
  { cwd: repo, stdio: "pipe" },
);
execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: repo, stdio: "inherit" });
const workspace = path.join(run, "support-agent");
fs.cpSync(path.join(repo, "examples", "agent"), workspace, { recursive: true });

const port = await freePort();
const started = spawnSync("bash", [path.join(hostScripts, "start.sh"), path.join(run, "host"), String(port), vsix], { encoding: "utf8" });
if (started.status !== 0) {
  console.error(started.stderr);
  process.exit(1);
}
const [url, pid] = started.stdout.trim().split(/\s+/);

let passes = 0;
let failures = 0;
const check = (ok, what) => {
  console.log(`  ${ok ? "✔" : "✖"} ${what}`);
  if (ok) passes++;
  else failures++;
};
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
const shot = (name) => page.screenshot({ path: path.join(shots, name) });
// Quick Open / the command palette. A slow workbench can close the widget between its opening and the
// typing (a tab closing or a notification takes the focus: "element is inert", then "not visible", in
// a CI run), so each attempt is short and a closed widget is opened again.
const palette = async (prefix, text) => {
  const input = page.locator(".quick-input-widget input");
  const row = page.locator(".quick-input-list .monaco-list-row", { hasText: text.replace(/^>/, "").split(" ").pop() }).first();
  let lastError;
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      await page.keyboard.press(prefix === ">" ? "F1" : "Control+P");
      await input.waitFor({ state: "visible", timeout: 10_000 });
      await input.fill(prefix + text, { timeout: 5_000 });
      await row.waitFor({ timeout: 15_000 });
      await page.keyboard.press("Enter");
      return;
    } catch (err) {
      lastError = err;
      await page.keyboard.press("Escape").catch(() => {});
    }
  }
  throw lastError;
};
const visible = (locator, timeout = 60_000) =>
  locator
    .first()
    .waitFor({ timeout })
    .then(
      () => true,
      () => false,
    );

console.log("UI pass in VS Code (code-server)");
try {
  await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });

  // 1. Findings in the Problems panel and squiggles in the editor.
  await palette("", "crm.ts");
  await page.locator(".monaco-editor .view-lines").first().waitFor();
  await page.keyboard.press("Control+Shift+M");
  const secretRow = page.locator(".markers-panel .monaco-list-row", { hasText: "hardcoded-secret" });
  check(await visible(secretRow), "the Problems panel lists the hardcoded secret");
  check(
    await visible(page.locator(".markers-panel .monaco-list-row", { hasText: "missing-timeout" })),
    "the Problems panel lists the missing timeout",
  );
  check(await visible(page.locator(".monaco-editor .squiggly-error"), 10_000), "an error squiggle in the editor");
  const panelText = await page.locator(".markers-panel").innerText();
  check(!panelText.includes("pit-3f9c2a71-8d4e-4b6a-9e15-c07d2b84f6a3"), "the secret is not shown whole");
  // TypeScript's own diagnostics for crm.ts come once its project has loaded (the status bar says
  // "Initializing 'tsconfig.json'" meanwhile), seconds after ours: the screenshot waits for them, so
  // that it shows the panel as a user opening the example sees it (the README says why they are there).
  const tsSettled = () => {
    const loading = [...document.querySelectorAll(".statusbar-item")].some((e) => /Initializing|Loading/.test(e.textContent ?? ""));
    const rows = [...document.querySelectorAll(".markers-panel .monaco-list-row")].map((r) => r.getAttribute("aria-label") ?? "");
    return { loading, ts: rows.filter((l) => /generated by ts\b/.test(l)).length, rows };
  };
  const settled = await page
    .waitForFunction(`((r) => !r.loading && r.ts > 0)((${tsSettled.toString()})())`, undefined, { timeout: 90_000 })
    .then(
      () => true,
      () => false,
    );
  const tsNow = await page.evaluate(tsSettled);
  if (!settled) console.log(`    (status bar loading: ${tsNow.loading}; Problems rows: ${JSON.stringify(tsNow.rows)})`);
  check(settled, `TypeScript has settled before the screenshot: ${tsNow.ts} of its own diagnostics listed beside ours`);
  // The status bar's totals are the Problems panel's for our source (only open files so far: no scan yet),
  // read from each row's accessible label ("Error: <message> at line 7 ... generated by deploygap"). The
  // panel re-renders its rows as diagnostics arrive (a CI run read it mid-render: 0 errors listed), so the
  // two are compared in the page until they agree or 15 s pass, and the last reading is reported.
  const status = page.locator('.statusbar-item [aria-label^="deploygap: "], .statusbar-item[aria-label^="deploygap: "]').first();
  await visible(status, 10_000);
  const compare = () => {
    const el = document.querySelector('.statusbar-item [aria-label^="deploygap: "], .statusbar-item[aria-label^="deploygap: "]');
    const label = el?.getAttribute("aria-label") ?? "";
    const rows = [...document.querySelectorAll(".markers-panel .monaco-list-row")].map((r) => r.getAttribute("aria-label") ?? "");
    const ours = (severity) => rows.filter((l) => l.startsWith(`${severity}: `) && /generated by deploygap\b/.test(l)).length;
    const n = (k, one) => `${k} ${one}${k === 1 ? "" : "s"}`;
    const errors = ours("Error");
    const warnings = ours("Warning");
    return {
      label,
      errors,
      warnings,
      same: errors + warnings > 0 && label === `deploygap: ${n(errors, "error")}, ${n(warnings, "warning")}`,
    };
  };
  // (An expression, since the page gets the function's source, not its closure.)
  const agreed = await page.waitForFunction(`(${compare.toString()})().same`, undefined, { timeout: 15_000 }).then(
    () => true,
    () => false,
  );
  const last = await page.evaluate(compare);
  check(
    agreed && last.same,
    `the status bar count equals the Problems panel's (status "${last.label}", panel ${last.errors} errors, ${last.warnings} warnings)`,
  );
  await shot("problems-panel.png");

  // A click on the code link of a Problems row opens the rule's page shipped in the extension, rendered.
  await page.locator(".markers-panel .monaco-list-row a.monaco-link", { hasText: "missing-timeout" }).first().click();
  check(
    await visible(page.locator(".tabs-container .tab", { hasText: "Preview missing-timeout.md" }), 20_000),
    "a click on the Problems panel's code link opens the rule page from the extension, rendered",
  );
  // The rendered page is a webview: keys pressed while it has focus go to it, not to the workbench (runs
  // where Ctrl+W and Ctrl+P went nowhere). Close it with the mouse and give crm.ts's tab the focus.
  const previewTab = page.locator(".tabs-container .tab", { hasText: "Preview missing-timeout.md" }).first();
  await previewTab.hover().catch(() => {});
  await previewTab
    .locator(".tab-actions .action-label")
    .first()
    .click({ timeout: 5_000 })
    .catch(() => {});
  const crmTab = page.locator(".tabs-container .tab", { hasText: "crm.ts" }).first();
  if (await crmTab.isVisible().catch(() => false)) await crmTab.click();

  // 2. The quick-fix menu on the secret. The cursor goes onto the literal with Go to Line (Ctrl+G
  // "line:column"), not by clicking its Problems row: the panel re-renders as diagnostics arrive, and a
  // click that lands on another row leaves the cursor on another finding (a CI run offered the timeout
  // fix instead). Ctrl+G also gives the editor focus, which Ctrl+. needs.
  const source = fs.readFileSync(path.join(workspace, "src", "tools", "crm.ts"), "utf8").split("\n");
  const secretLine = source.findIndex((line) => line.includes('"pit-'));
  const secretAt = `${secretLine + 1}:${source[secretLine].indexOf('"pit-') + 3}`;
  const fixItem = page.locator(".action-widget").getByText(/process\.env/);
  // A slow workbench can swallow the first keystroke: try again if the menu did not open.
  let menu = false;
  for (let attempt = 0; attempt < 3 && !menu; attempt++) {
    await page.keyboard.press("Escape");
    // Open (or focus) crm.ts by name: closing the rule page may have closed or unfocused it on a slow
    // workbench ("Open a text editor first to go to a line"), and Go to Line needs it active.
    await palette("", "crm.ts");
    await page.keyboard.press("Control+g");
    const input = page.locator(".quick-input-widget input");
    const opened = await input.waitFor({ state: "visible", timeout: 15_000 }).then(
      () => true,
      () => false,
    );
    if (!opened) continue;
    await input.fill(":" + secretAt);
    await page.keyboard.press("Enter");
    await page
      .locator(".monaco-editor.focused")
      .first()
      .waitFor({ timeout: 10_000 })
      .catch(() => {});
    await page.keyboard.press("Control+.");
    menu = await visible(fixItem, 10_000);
  }
  if (!menu) {
    // Say what was there instead, so a failure in CI can be read from its log.
    const widget = await page
      .locator(".action-widget")
      .allInnerTexts()
      .catch(() => []);
    const cursor = await page
      .locator(".statusbar-item", { hasText: /Ln \d+, Col \d+/ })
      .first()
      .innerText()
      .catch(() => "?");
    console.log(`    (wanted the cursor at ${secretAt}; status bar: ${cursor}; menu: ${JSON.stringify(widget)})`);
  }
  check(menu, "Ctrl+. offers to read the secret from process.env");
  check(
    await visible(page.locator(".action-widget").getByText("Disable hardcoded-secret for this line"), 5_000),
    "Ctrl+. offers to disable the rule for the line",
  );
  await shot("quick-fix.png");
  await page.keyboard.press("Escape");

  // 3. The workspace scan fills the Deployment Gaps tree.
  await palette(">", "Scan Workspace for Deployment Gaps");
  await page.keyboard.press("Control+Shift+E");
  const gapsView = page.locator(".pane", { hasText: "Deployment Gaps" });
  check(await visible(gapsView, 20_000), "the Deployment Gaps view is in the explorer");
  const header = gapsView.locator(".pane-header").first();
  if ((await header.getAttribute("aria-expanded")) === "false") await header.click();
  check(
    await visible(gapsView.locator(".monaco-list-row", { hasText: "network" }), 30_000),
    "the gaps tree groups findings by category after a scan",
  );
  await shot("gaps-tree.png");

  // 4. The CLI's HTML readiness report in Chromium, as a CI artifact is opened: one self-contained file
  // (it is loaded from a folder of its own, with the network cut), its chart drawn and legible.
  const reportDir = path.join(run, "artifact");
  fs.mkdirSync(reportDir);
  execFileSync(
    process.execPath,
    [path.join(repo, "dist", "cli.js"), "report", "examples", "--format", "html", "-o", path.join(reportDir, "report.html"), "--no-cache"],
    {
      cwd: repo,
      stdio: "pipe",
    },
  );
  const reportPage = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const remote = [];
  await reportPage.route("**/*", (route) =>
    route.request().url().startsWith("file:") ? route.continue() : (remote.push(route.request().url()), route.abort()),
  );
  await reportPage.goto(`file://${path.join(reportDir, "report.html")}`);
  const chart = reportPage.locator("svg.chart").first();
  const box = await chart.boundingBox();
  check(!!box && box.width > 300 && box.height > 40, "the HTML report draws its chart");
  // Legible: every label inside the chart, none overlapping another.
  const labels = await chart.locator("text").evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { t: e.textContent, x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );
  const overlap = labels.some((a, i) =>
    labels.some((b, j) => j > i && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h),
  );
  const inside = labels.every((l) => box && l.x >= box.x - 1 && l.x + l.w <= box.x + box.width + 1 && l.h >= 10);
  check(labels.length >= 3 && !overlap && inside, `the chart's labels are readable (${labels.map((l) => l.t).join(", ")})`);
  check(remote.length === 0, `the report loads nothing from the network (${remote.join(", ")})`);
  await reportPage.screenshot({ path: path.join(shots, "readiness-report.png") });
  await reportPage.close();
} catch (err) {
  check(false, `UI pass aborted: ${err.message}`);
  await shot("error.png").catch(() => {});
} finally {
  await browser.close();
  try {
    process.kill(Number(pid));
  } catch {
    /* already gone */
  }
}
console.log(`  screenshots in ${shots}`);
if (process.env.DEPLOYGAP_UI_RESULTS) fs.writeFileSync(process.env.DEPLOYGAP_UI_RESULTS, JSON.stringify({ passes, failures }));
fs.rmSync(path.join(run, "host"), { recursive: true, force: true });
process.exit(failures ? 1 : 0);
