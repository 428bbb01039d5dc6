// Issue 17, item 8: a deeply nested config (5,000 levels) was `internal error: RangeError: Maximum call
// stack size exceeded`, exit 2 with a stack, and in the editor every pull in the project failed. The
// nesting is counted before the JSON is parsed: one config error at file:line:col. The editor lints on
// with the defaults; the CLI treats it as any broken config (exit 2, the other folders scanned).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { makeTree, scanBounded } from "../../support/bounded";
import { TestLspClient } from "../../support/lspClient";

const LEVELS = 5_000;
const PREFIX = '{\n  "rules": {\n    "missing-timeout": ';
const deepConfig = PREFIX + '{ "options": '.repeat(LEVELS) + "1" + " }".repeat(LEVELS) + "\n  }\n}\n";
// The 65th `{`: the config's own two levels, then the rule's nested objects.
const COLUMN = '    "missing-timeout": '.length + '{ "options": '.length * 62 + 1;
const SOURCE = 'export const r = fetch("https://api.example.com/x");\n';

describe("hostile inputs: a deeply nested config (issue 17.8)", function () {
  this.timeout(60_000);

  it("the CLI reports a config error at file:line:col (exit 2, as for any broken config), and scans the other folders", () => {
    const { dir, cleanup } = makeTree({
      "deep/package.json": '{ "name": "c" }\n',
      "deep/deploygap.config.json": deepConfig,
      "deep/src/a.ts": SOURCE,
      "ok/package.json": '{ "name": "ok" }\n',
      "ok/src/b.ts": SOURCE,
    });
    try {
      const r = scanBounded(["deep", "ok", "--format", "json"], dir);
      assert.equal(r.signal, null, "killed by the hang guard");
      assert.equal(r.code, 2, r.stderr);
      assert.doesNotMatch(r.stderr, /internal error|RangeError|\n\s+at /);
      assert.match(r.stderr, new RegExp(`deploygap\\.config\\.json:3:${COLUMN}: config error: Config is nested more than 64 levels deep`));
      const findings = JSON.parse(r.stdout).findings as Array<{ rule: string; file: string }>;
      assert.deepEqual(
        findings.map((f) => `${f.file} ${f.rule}`),
        ["ok/src/b.ts missing-timeout"],
      );
    } finally {
      cleanup();
    }
  });

  it("the server lints the project's files and shows the config error on the config", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-deepconfig-"));
    fs.writeFileSync(path.join(root, "package.json"), '{ "name": "c" }');
    fs.writeFileSync(path.join(root, "deploygap.config.json"), deepConfig);
    const client = await TestLspClient.start({ pull: true, rootUri: pathToFileURL(root).href });
    try {
      const uri = pathToFileURL(path.join(root, "src", "a.ts")).href;
      const configUri = pathToFileURL(path.join(root, "deploygap.config.json")).href;
      const published = client.waitForPublished(configUri, (p) => p.diagnostics.length > 0);
      await client.open(uri, SOURCE);
      assert.deepEqual(
        (await client.pull(uri)).map((d) => d.code),
        ["missing-timeout"],
      );
      const config = (await published).diagnostics;
      assert.equal(config.length, 1);
      assert.match(String(config[0].message), /nested more than 64 levels deep/);
      assert.deepEqual(config[0].range.start, { line: 2, character: COLUMN - 1 });
    } finally {
      await client.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
