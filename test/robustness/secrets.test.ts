// Secrets found are never printed whole. Every output channel is checked for the full text of every
// secret the fixtures hold: finding messages and fix titles, the CLI in every format (text, JSON, SARIF,
// GitHub, report md/html, stderr), and the server's diagnostics, hovers, code-action titles and logs.
// Only masked prefixes (at most 4 characters of the secret) may appear.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { allRules, rulesById } from "../../rules/index";
import { Linter } from "../../server/src/engine/lint";
import { ProjectModel } from "../../server/src/engine/project";
import { listFiles } from "../support/annotatedFixtures";
import { TestLspClient } from "../support/lspClient";
import type { CodeAction, Hover, MarkupContent } from "vscode-languageserver-protocol";

const FIXTURE = path.join(__dirname, "..", "fixtures", "rules", "hardcoded-secret");
const CLI = path.join(__dirname, "..", "..", "dist", "cli.js");

/** The secrets, as the rule found them: the flagged text without quotes. */
function secretsOf(): Array<{ file: string; secret: string }> {
  const linter = new Linter(allRules, new ProjectModel(rulesById));
  const out: Array<{ file: string; secret: string }> = [];
  for (const file of listFiles(FIXTURE)) {
    const text = fs.readFileSync(file, "utf8");
    for (const f of linter.lint(file, text).findings) {
      if (f.ruleId !== "hardcoded-secret") continue;
      const secret = text.slice(f.start, f.end).replace(/^["'`]|["'`]$/g, "");
      if (secret.length >= 12) out.push({ file, secret });
    }
  }
  return out;
}

function assertNoSecret(channel: string, output: string, secrets: Array<{ secret: string }>): void {
  for (const { secret } of secrets) {
    // Compare against the secret's tail as well, so a leak that drops a few leading characters is caught.
    const probes = [secret, secret.slice(4), secret.slice(-12)];
    for (const p of probes) assert.ok(!output.includes(p), `${channel} leaks a secret (${secret.slice(0, 4)}…, ${secret.length} chars)`);
  }
}

describe("secrets are never printed whole", function () {
  this.timeout(120_000);
  const secrets = secretsOf();

  it("the fixtures hold enough secrets to make this meaningful", () => {
    assert.ok(secrets.length >= 5, `${secrets.length} secrets found`);
  });

  it("finding messages and fix titles", () => {
    const linter = new Linter(allRules, new ProjectModel(rulesById));
    for (const file of listFiles(FIXTURE)) {
      const r = linter.lint(file, fs.readFileSync(file, "utf8"));
      assertNoSecret(
        `messages of ${path.basename(file)}`,
        r.findings.map((f) => [f.message, ...f.fixes.map((x) => x.title + x.edits.map((e) => e.newText).join(""))].join("\n")).join("\n"),
        secrets,
      );
    }
  });

  for (const args of [
    ["scan"],
    ["scan", "--format", "json"],
    ["scan", "--format", "sarif"],
    ["scan", "--format", "github"],
    ["report"],
    ["report", "--format", "html"],
  ]) {
    it(`CLI ${args.join(" ")} (stdout and stderr)`, () => {
      const r = spawnSync(process.execPath, [CLI, ...args, FIXTURE, "--no-cache"], { encoding: "utf8" });
      assert.ok(r.stdout.length > 0, "produced output");
      assertNoSecret(`deploygap ${args.join(" ")}`, r.stdout + r.stderr, secrets);
    });
  }

  it("server diagnostics, hovers, code actions and logs", async () => {
    const client = await TestLspClient.start({ pull: true, rootUri: pathToFileURL(FIXTURE).href });
    try {
      let seen = "";
      for (const file of listFiles(FIXTURE)) {
        const uri = pathToFileURL(file).href;
        await client.open(uri, fs.readFileSync(file, "utf8"), file.endsWith(".cjs") ? "javascript" : "typescript");
        const diags = await client.pull(uri);
        seen += JSON.stringify(diags);
        for (const d of diags) {
          const hover = (await client.connection.sendRequest("textDocument/hover", {
            textDocument: { uri },
            position: d.range.start,
          })) as Hover | null;
          seen += hover ? (hover.contents as MarkupContent).value : "";
          const actions = (await client.codeActions(uri, d.range, [d])) as CodeAction[];
          seen += actions.map((a) => a.title + JSON.stringify(a.edit ?? {})).join("\n");
        }
      }
      assert.ok(seen.includes("hardcoded-secret"), "the secrets were reported");
      assertNoSecret("server output", seen + client.logs.join("\n"), secrets);
    } finally {
      await client.stop();
    }
  });
});
