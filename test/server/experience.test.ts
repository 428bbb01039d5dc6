// The language server as vscode-eslint users expect it (issue 18): fix-all entries in the Ctrl+. menu,
// docs links only to real pages, a large scan's diagnostics published in batches with a round trip to
// the client between them, and the workspace scan reusing the CLI's cache.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigurationRequest, type CodeAction, type TextEdit, type WorkspaceEdit } from "vscode-languageserver-protocol";
import { TextDocument } from "vscode-languageserver-textdocument";
import { TestLspClient } from "../support/lspClient";
import { PUBLISH_BATCH, publishInBatches, ScanWorkspaceRequest } from "../../server/src/lsp/workspaceScan";
import type { ScanResult } from "../../server/src/protocol/index";
import { suppressionCompletions } from "../../server/src/lsp/completion";
import type { Rule } from "../../rules/api/types";

function tree(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
}

function applyWorkspaceEdit(uri: string, text: string, edit: WorkspaceEdit | undefined): string {
  const edits: TextEdit[] = edit?.changes?.[uri] ?? [];
  return TextDocument.applyEdits(TextDocument.create(uri, "typescript", 0, text), edits);
}

describe("publishing a scan's diagnostics", () => {
  it("sends them a batch at a time with a turn of the event loop between batches", async () => {
    const events: string[] = [];
    const items = Array.from({ length: 450 }, (_, i) => i);
    await publishInBatches(
      items,
      (i) => events.push(`send ${i}`),
      async () => void events.push("turn"),
      200,
    );
    assert.deepEqual(
      events.filter((e) => e === "turn" || e.endsWith(" 0") || e.endsWith(" 199") || e.endsWith(" 200") || e.endsWith(" 449")),
      ["send 0", "send 199", "turn", "send 200", "turn", "send 449"],
    );
    assert.equal(events.filter((e) => e.startsWith("send")).length, 450);
  });
});

describe("a large scan's publish, paced by the client", () => {
  it("asks the client for a round trip between batches, so it never runs more than a batch ahead", async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-pace-"));
    const files: Record<string, string> = { "package.json": '{"type":"module"}' };
    for (let i = 0; i < 450; i++) files[`src/f${i}.ts`] = `export const f = () => fetch("https://a.example.com/${i}");\n`;
    tree(base, files);
    const client = await TestLspClient.start({ pull: true, rootUri: pathToFileURL(base).href });
    try {
      // How many scanned files' diagnostics the client had taken each time the server waited for it.
      const waits: number[] = [];
      const scanned = () => client.history.filter((p) => p.uri.includes("/src/f")).length;
      client.connection.onRequest(ConfigurationRequest.type, (p) => {
        if (p.items.length === 0) waits.push(scanned());
        return p.items.map(() => client.settings);
      });
      await client.connection.sendRequest(ScanWorkspaceRequest, { folders: [base] });
      assert.deepEqual(waits, [PUBLISH_BATCH, 2 * PUBLISH_BATCH]);
      assert.equal(scanned(), 450);
    } finally {
      await client.stop();
      fs.rmSync(base, { recursive: true, force: true });
    }
  });
});

describe("language server: fix-all in the menu, docs links, scan cache", () => {
  let base: string;
  let client: TestLspClient;
  before(async () => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-exp-"));
    tree(base, {
      "package.json": '{"type":"module"}',
      "src/a.ts": "export const a = 1;\n",
      "src/b.ts": "export const b = 2;\n",
      "src/f.ts": 'export const f = () => fetch("https://a.example.com");\n',
    });
    client = await TestLspClient.start({ pull: true, rootUri: pathToFileURL(base).href });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(base, { recursive: true, force: true });
  });

  it("Ctrl+. ends with 'Fix all <rule> problems in this file' and 'Fix all safe deploygap problems'", async () => {
    const uri = pathToFileURL(path.join(base, "src", "imports.ts")).href;
    const text =
      'import { a } from "./a";\n// deploygap-disable-next-line missing-timeout\nimport { b } from "./b";\nexport const ab = a + b;\n';
    await client.open(uri, text);
    const diags = await client.pull(uri);
    assert.deepEqual(
      diags.map((d) => d.code),
      ["esm-missing-extension", "unused-suppression", "esm-missing-extension"],
    );
    const actions = (await client.codeActions(uri, diags[0].range, [diags[0]])) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.deepEqual(titles.slice(-2), ["Fix all esm-missing-extension problems in this file", "Fix all safe deploygap problems"]);
    assert.ok(actions.slice(-2).every((a) => a.kind === "quickfix" && !a.isPreferred));
    assert.equal(
      applyWorkspaceEdit(uri, text, actions[actions.length - 2].edit),
      'import { a } from "./a.js";\n// deploygap-disable-next-line missing-timeout\nimport { b } from "./b.js";\nexport const ab = a + b;\n',
    );
    assert.equal(
      applyWorkspaceEdit(uri, text, actions[actions.length - 1].edit),
      'import { a } from "./a.js";\nimport { b } from "./b.js";\nexport const ab = a + b;\n',
    );
    // A finding without a safe fix gets no fix-all entries.
    const f = pathToFileURL(path.join(base, "src", "f.ts")).href;
    await client.open(f, fs.readFileSync(path.join(base, "src", "f.ts"), "utf8"));
    const [timeout] = await client.pull(f);
    const none = (await client.codeActions(f, timeout.range, [timeout])) as CodeAction[];
    assert.ok(!none.some((a) => a.title.startsWith("Fix all")), none.map((a) => a.title).join(" | "));
  });

  it("links docs to the client's shipped pages; with neither those nor a web address, no link at all", async () => {
    const f = pathToFileURL(path.join(base, "src", "f.ts")).href;
    const [d] = await client.pull(f);
    assert.equal(d.codeDescription?.href, pathToFileURL(path.join(__dirname, "..", "..", "rules", "missing-timeout.md")).href);
    const other = await TestLspClient.start({ pull: true, rootUri: pathToFileURL(base).href, docsFolderUri: null });
    try {
      await other.open(f, fs.readFileSync(path.join(base, "src", "f.ts"), "utf8"));
      const [bare] = await other.pull(f);
      assert.ok(bare, other.logs.join("\n"));
      assert.equal(bare.codeDescription, undefined, "no placeholder web address");
      const actions = (await other.codeActions(f, bare.range, [bare])) as CodeAction[];
      assert.ok(!actions.some((a) => a.title.startsWith("Show documentation")));
    } finally {
      await other.stop();
    }
  });

  it("a second workspace scan of unchanged files takes them all from the CLI's cache in the folder", async () => {
    const scan = () => client.connection.sendRequest(ScanWorkspaceRequest, { folders: [base] }) as Promise<ScanResult>;
    const first = await scan();
    const second = await scan();
    assert.equal(second.filesScanned, first.filesScanned);
    assert.equal(second.cacheHits, second.filesScanned);
    assert.ok(fs.readdirSync(path.join(base, "node_modules", ".cache", "deploygap")).length > 0);
    assert.deepEqual(second.files, first.files);
  });
});

describe("completion in suppression comments", () => {
  const rules = [
    { meta: { id: "missing-timeout", category: "network", severity: "warning", description: "d" } },
    { meta: { id: "hardcoded-secret", category: "security", severity: "error", description: "d" } },
  ] as unknown as Rule[];
  const labels = (prefix: string) => suppressionCompletions(prefix, rules).map((c) => c.label);

  it("offers rule ids after the directive, after a comma, and not elsewhere", () => {
    assert.deepEqual(labels("  // deploygap-disable-next-line "), ["missing-timeout", "hardcoded-secret"]);
    assert.deepEqual(labels("/* deploygap-disable miss"), ["missing-timeout", "hardcoded-secret"]);
    assert.deepEqual(labels("fetch(x); // deploygap-disable-line missing-timeout, "), ["hardcoded-secret"]);
    assert.deepEqual(labels("# deploygap-disable-next-line "), ["missing-timeout", "hardcoded-secret"]);
    assert.deepEqual(labels("const deploygap = 1; "), []);
    assert.deepEqual(labels("// deploygap-disable-next-line missing-timeout -- "), []);
  });
});
