// The language server driven over stdio by a real LSP client connection (see support/lspClient.ts).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import { ConfigurationRequest, type CodeAction, type Diagnostic, type TextEdit, type WorkspaceEdit } from "vscode-languageserver-protocol";
import { TestLspClient } from "../support/lspClient";
import { parseErrors } from "../support/ruleTester";

function tempProject(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-lsp-"));
  for (const [rel, text] of Object.entries({ "package.json": '{ "name": "p", "type": "module" }\n', ...files })) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const uriOf = (root: string, rel: string) => pathToFileURL(path.join(root, rel)).href;

function applyWorkspaceEdit(uri: string, text: string, edit: WorkspaceEdit | undefined): string {
  const edits: TextEdit[] = edit?.changes?.[uri] ?? [];
  return TextDocument.applyEdits(TextDocument.create(uri, "typescript", 0, text), edits);
}

const FETCH = `export async function load(id: string) {
  const res = await fetch(\`https://api.example.com/items/\${id}\`);
  return res.json();
}
`;

describe("language server over stdio (pull diagnostics)", function () {
  let client: TestLspClient;
  let root: string;
  before(async () => {
    root = tempProject({});
    client = await TestLspClient.start({ pull: true, rootUri: pathToFileURL(root).href });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("reports a finding with source, code, severity and docs link", async () => {
    const uri = uriOf(root, "src/load.ts");
    await client.open(uri, FETCH);
    const diags = await client.pull(uri);
    assert.equal(diags.length, 1);
    const d = diags[0];
    assert.equal(d.source, "deploygap");
    assert.equal(d.code, "missing-timeout");
    assert.equal(d.severity, 2);
    assert.match(d.codeDescription!.href, /rules\/missing-timeout\.md$/);
    assert.deepEqual(d.range, { start: { line: 1, character: 20 }, end: { line: 1, character: 25 } });
    assert.match(String(d.message), /timeout/);
  });

  it("offers actions in order: fix, disable line, disable file, docs; the fix clears the finding", async () => {
    const uri = uriOf(root, "src/fix.ts");
    await client.open(uri, FETCH);
    const diags = await client.pull(uri);
    const actions = (await client.codeActions(uri, diags[0].range, diags)) as CodeAction[];
    const titles = actions.map((a) => a.title);
    const fixCount = titles.indexOf("Disable missing-timeout for this line");
    assert.ok(fixCount >= 1, `a fix comes first: ${titles.join(" | ")}`);
    assert.deepEqual(titles.slice(fixCount), [
      "Disable missing-timeout for this line",
      "Disable missing-timeout for the entire file",
      "Show documentation for missing-timeout",
    ]);
    assert.equal(actions[0].isPreferred, true);
    assert.ok(actions.slice(1).every((a) => !a.isPreferred));
    assert.equal(actions[0].kind, "quickfix");
    assert.equal(actions[actions.length - 1].command?.command, "deploygap.server.showDocumentation");
    assert.equal(actions[actions.length - 1].edit, undefined);
    const fixed = applyWorkspaceEdit(uri, FETCH, actions[0].edit);
    assert.match(fixed, /signal: AbortSignal\.timeout\(10_000\)/);
    assert.deepEqual(parseErrors("fix.ts", fixed), []);
    await client.change(uri, 2, [{ text: fixed }]);
    assert.deepEqual(await client.pull(uri), []);

    const disabled = applyWorkspaceEdit(uri, FETCH, actions[fixCount].edit);
    assert.equal(disabled.split("\n")[1], "  // deploygap-disable-next-line missing-timeout");
    await client.change(uri, 3, [{ text: disabled }]);
    assert.deepEqual(await client.pull(uri), []);
  });

  it("honours suppressions and reports unused ones, which fix-all removes", async () => {
    const uri = uriOf(root, "src/suppressed.ts");
    const text = `// deploygap-disable-next-line missing-timeout -- the caller aborts
await fetch("https://a.example.com");
// deploygap-disable-next-line missing-timeout
const x = 1;
`;
    await client.open(uri, text);
    const diags = await client.pull(uri);
    assert.deepEqual(
      diags.map((d) => [d.code, d.range.start.line]),
      [["unused-suppression", 2]],
    );
    const [fixAll] = (await client.codeActions(
      uri,
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      [],
      ["source.fixAll.deploygap"],
    )) as CodeAction[];
    assert.equal(fixAll.kind, "source.fixAll.deploygap");
    assert.equal(
      applyWorkspaceEdit(uri, text, fixAll.edit),
      `// deploygap-disable-next-line missing-timeout -- the caller aborts
await fetch("https://a.example.com");
const x = 1;
`,
      "the comment's line goes with it: no blank line is left behind",
    );
  });

  it("keeps incremental edits in step with a fresh parse", async () => {
    const uri = uriOf(root, "src/incremental.ts");
    await client.open(uri, "export const a = 1;\n");
    assert.deepEqual(await client.pull(uri), []);
    // Type the call in a few keystrokes, as an editor sends them.
    const typed = ['await fetch("https://x.example.com"', ");", "\n"];
    let version = 1;
    let col = 0;
    for (const piece of typed) {
      await client.change(uri, ++version, [
        { range: { start: { line: 1, character: col }, end: { line: 1, character: col } }, text: piece },
      ]);
      col += piece.length;
    }
    const diags = await client.pull(uri);
    assert.deepEqual(
      diags.map((d) => [d.code, d.range.start.line, d.range.start.character]),
      [["missing-timeout", 1, 6]],
    );
    // Delete the call again.
    await client.change(uri, version + 1, [{ range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, text: "" }]);
    assert.deepEqual(await client.pull(uri), []);
  });

  it("survives a file with syntax errors and still reports what it can", async () => {
    const uri = uriOf(root, "src/broken.ts");
    await client.open(uri, `export async function f() {\n  await fetch("https://x.example.com");\n  if (x {\n    return;\n`);
    const diags = await client.pull(uri);
    assert.ok(diags.every((d) => d.source === "deploygap"));
    assert.deepEqual(
      diags.map((d) => d.code),
      ["missing-timeout"],
    );
  });

  it("gives a 2 MB file one informational note instead of analysis", async () => {
    const uri = uriOf(root, "src/huge.ts");
    const line = 'await fetch("https://x.example.com");\n';
    await client.open(uri, line.repeat(Math.ceil((2 * 1024 * 1024) / line.length)));
    const diags = await client.pull(uri);
    assert.equal(diags.length, 1);
    assert.equal(diags[0].code, "file-skipped");
    assert.equal(diags[0].severity, 3);
    assert.match(String(diags[0].message), /over the 1\.0 MB limit/);
  });

  it("stops reporting when deploygap.enable is false, and resumes when true", async () => {
    const uri = uriOf(root, "src/toggle.ts");
    await client.open(uri, FETCH);
    assert.equal((await client.pull(uri)).length, 1);
    const refreshed = client.nextRefresh();
    await client.changeSettings({ enable: false });
    await refreshed;
    assert.deepEqual(await client.pull(uri), []);
    await client.changeSettings({ enable: true });
    assert.equal((await client.pull(uri)).length, 1);
  });
});

describe("language server over stdio (config files)", function () {
  let client: TestLspClient;
  let root: string;
  before(async () => {
    root = tempProject({ "deploygap.config.json": '{ "rules": { "missing-timeout": "error" } }\n' });
    client = await TestLspClient.start({ pull: true, rootUri: pathToFileURL(root).href });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("applies the config and re-lints when the config file is edited", async () => {
    const uri = uriOf(root, "src/a.ts");
    await client.open(uri, FETCH);
    assert.deepEqual(
      (await client.pull(uri)).map((d) => d.severity),
      [1],
    );

    const configUri = uriOf(root, "deploygap.config.json");
    await client.open(configUri, '{ "rules": { "missing-timeout": "error" } }\n', "json");
    const refreshed = client.nextRefresh();
    await client.change(configUri, 2, [{ text: '{ "rules": { "missing-timeout": "off" } }\n' }]);
    await refreshed;
    assert.deepEqual(await client.pull(uri), []);
  });

  it("reports a broken config on the config file, precisely, and lints on with defaults", async () => {
    const uri = uriOf(root, "src/b.ts");
    const configUri = uriOf(root, "deploygap.config.json");
    const broken = '{ "rules": { "missing-timeot": "warning", "hardcoded-secret": "loud" } }\n';
    const published = client.waitForPublished(configUri, (p) => p.diagnostics.length === 2);
    await client.change(configUri, 3, [{ text: broken }]);
    await client.open(uri, FETCH);
    assert.equal((await client.pull(uri)).length, 1, "linting goes on");
    const p = await published;
    const byMessage = (d: Diagnostic) => [d.message, d.range.start.character, d.range.end.character];
    assert.deepEqual(p.diagnostics.map(byMessage), [
      ['Unknown rule "missing-timeot". Did you mean "missing-timeout"?', 13, 29],
      ['Severity of "hardcoded-secret" must be one of "off", "hint", "info", "warning", "error".', 62, 68],
    ]);
  });
});

describe("language server over stdio (stale results)", function () {
  let root: string;
  before(() => {
    root = tempProject({});
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it("run: onSave offers no fix and no hover built on the last save once the text has changed", async () => {
    const client = await TestLspClient.start({ pull: true, rootUri: pathToFileURL(root).href, settings: { run: "onSave" } });
    try {
      const uri = uriOf(root, "src/save.ts");
      await client.open(uri, FETCH);
      const [d] = await client.pull(uri);
      assert.equal(d.code, "missing-timeout");
      const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 80 } };
      assert.ok((await client.codeActions(uri, range, [d])).length > 0, "offered while the text is the linted one");
      // Two lines inserted above, not saved: the findings' offsets no longer fit the text.
      await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "// a\n// b\n" }]);
      const moved = { start: { line: 3, character: 0 }, end: { line: 3, character: 80 } };
      assert.deepEqual(await client.codeActions(uri, moved, [d]), []);
      assert.deepEqual(await client.codeActions(uri, range, [d]), []);
      const hover = await client.connection.sendRequest("textDocument/hover", {
        textDocument: { uri },
        position: { line: 1, character: 17 },
      });
      assert.equal(hover, null);
    } finally {
      await client.stop();
    }
  });

  it("a document closed and opened again with new text never gets the old text's results", async () => {
    const client = await TestLspClient.start({ pull: true, rootUri: pathToFileURL(root).href });
    try {
      const uri = uriOf(root, "src/reopen.ts");
      await client.open(uri, FETCH);
      const inFlight = client.pull(uri);
      await client.close(uri);
      await client.open(uri, "export const x = 1;\n"); // version 1 again, as VS Code reopens a model
      await inFlight.catch(() => undefined);
      assert.deepEqual(await client.pull(uri), []);
      const stats = (await client.connection.sendRequest("deploygap/debugStats")) as { documents: number; results: number };
      assert.ok(stats.results <= stats.documents, `results ${stats.results} for ${stats.documents} open documents`);
    } finally {
      await client.stop();
    }
  });

  it("config problems move with the config: a new deploygap.config.json clears the package.json key's", async () => {
    const dir = tempProject({});
    fs.writeFileSync(path.join(dir, "package.json"), '{ "name": "p", "deploygap": { "rules": { "nope": "warning" } } }\n');
    const client = await TestLspClient.start({ pull: true, rootUri: pathToFileURL(dir).href });
    try {
      const pkgUri = uriOf(dir, "package.json");
      const flagged = client.waitForPublished(pkgUri, (p) => p.diagnostics.length === 1);
      await client.open(uriOf(dir, "package.json"), fs.readFileSync(path.join(dir, "package.json"), "utf8"), "json");
      assert.match(String((await flagged).diagnostics[0].message), /Unknown rule "nope"/);
      const cleared = client.waitForPublished(pkgUri, (p) => p.diagnostics.length === 0);
      fs.writeFileSync(path.join(dir, "deploygap.config.json"), '{ "rules": {} }\n');
      await client.connection.sendNotification("workspace/didChangeWatchedFiles", {
        changes: [{ uri: uriOf(dir, "deploygap.config.json"), type: 1 }],
      });
      await cleared;
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a deleted project's config problems are cleared", async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-lsp-gone-"));
    const dir = path.join(parent, "app");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "package.json"), '{ "name": "p" }\n');
    fs.writeFileSync(path.join(dir, "deploygap.config.json"), '{ "rules": { "nope": "warning" } }\n');
    const client = await TestLspClient.start({ pull: true, rootUri: pathToFileURL(parent).href });
    try {
      const configUri = uriOf(dir, "deploygap.config.json");
      const flagged = client.waitForPublished(configUri, (p) => p.diagnostics.length === 1);
      const source = uriOf(dir, "src/a.ts");
      await client.open(source, FETCH);
      await client.pull(source);
      await flagged;
      await client.close(source);
      const cleared = client.waitForPublished(configUri, (p) => p.diagnostics.length === 0);
      fs.rmSync(dir, { recursive: true, force: true });
      await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: configUri, type: 3 }] });
      await cleared;
    } finally {
      await client.stop();
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });
});

describe("language server over stdio (push diagnostics, reopened documents)", function () {
  it("never publishes a closed document's lint for the same URI opened again at the same version", async () => {
    const root = tempProject({});
    const client = await TestLspClient.start({ pull: false, rootUri: pathToFileURL(root).href });
    try {
      const uri = uriOf(root, "src/reopen.ts");
      let first = true;
      let answered!: () => void;
      const firstAnswered = new Promise<void>((resolve) => (answered = resolve));
      // The first lint waits on its settings while the file is closed and opened again with clean text;
      // its answer is held until the new text's diagnostics are out, so a stale publish would come last.
      client.connection.onRequest(ConfigurationRequest.type, async (p) => {
        if (first) {
          first = false;
          const clean = client.waitForPublished(uri, (x) => x.version === 1 && x.diagnostics.length === 0);
          await client.close(uri);
          await client.open(uri, "export const x = 1;\n");
          await clean;
          setImmediate(answered);
        }
        return p.items.map(() => client.settings);
      });
      await client.open(uri, FETCH);
      await firstAnswered;
      // Messages are handled in order: once this answer is in, the first lint has finished and published, if it does.
      await client.connection.sendRequest("deploygap/debugStats");
      const last = client.history.filter((h) => h.uri === uri).at(-1)!;
      assert.deepEqual(last.diagnostics, [], "the last publish is the clean text's");
    } finally {
      await client.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("language server over stdio (push diagnostics)", function () {
  let client: TestLspClient;
  let root: string;
  before(async () => {
    root = tempProject({});
    client = await TestLspClient.start({ pull: false, rootUri: pathToFileURL(root).href });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("publishes diagnostics for the latest version only", async () => {
    const uri = uriOf(root, "src/push.ts");
    await client.open(uri, "export {};\n");
    await client.waitForPublished(uri, (p) => p.version === 1);
    await client.change(uri, 2, [{ text: FETCH }]);
    await client.change(uri, 3, [{ text: FETCH + "\n" }]);
    const p = await client.waitForPublished(uri, (x) => x.version === 3);
    assert.deepEqual(
      p.diagnostics.map((d) => d.code),
      ["missing-timeout"],
    );
    const versions = client.history.filter((h) => h.uri === uri).map((h) => h.version!);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      "never an older version after a newer one",
    );
  });

  it("clears diagnostics when the document closes", async () => {
    const uri = uriOf(root, "src/closing.ts");
    await client.open(uri, FETCH);
    await client.waitForPublished(uri, (p) => p.diagnostics.length === 1);
    await client.close(uri);
    await client.waitForPublished(uri, (p) => p.diagnostics.length === 0);
  });
});

describe("language server over stdio (project facts from unsaved test files)", function () {
  const AGENT_TS = "export const graph = {} as any;\n";
  const SEQUENTIAL = `import { it } from "vitest";
import { graph } from "../src/agent.js";
it("a", async () => {
  await graph.invoke({ messages: [{ role: "user", content: "a" }] }, { configurable: { thread_id: "ta" } });
});
it("b", async () => {
  await graph.invoke({ messages: [{ role: "user", content: "b" }] }, { configurable: { thread_id: "tb" } });
});
`;
  const CONCURRENT = `import { it } from "vitest";
import { graph } from "../src/agent.js";
it("load", async () => {
  await Promise.all(Array.from({ length: 10 }, (_, i) => graph.invoke({ messages: [] }, { configurable: { thread_id: String(i) } })));
});
`;
  let client: TestLspClient;
  let root: string;
  before(async () => {
    root = tempProject({ "src/agent.ts": AGENT_TS, "tests/agent.test.ts": SEQUENTIAL, "tests/load.test.ts": CONCURRENT });
    client = await TestLspClient.start({ pull: true, rootUri: pathToFileURL(root).href });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const sequentialFindings = async (uri: string) => (await client.pull(uri)).filter((d) => d.code === "sequential-only-tests").length;

  it("an unsaved edit to another test file reaches this file's findings, and closing it unsaved goes back", async () => {
    const agent = uriOf(root, "tests/agent.test.ts");
    const load = uriOf(root, "tests/load.test.ts");
    await client.open(agent, SEQUENTIAL);
    assert.equal(await sequentialFindings(agent), 0, "load.test.ts runs the graph concurrently");

    await client.open(load, CONCURRENT);
    const refreshed = client.nextRefresh();
    // The load test made sequential, not saved: nothing in the project runs the graph concurrently now.
    const sequentialLoad = CONCURRENT.replace(
      /await Promise\.all\(.*\n/,
      'await graph.invoke({ messages: [] }, { configurable: { thread_id: "0" } });\n',
    );
    assert.notEqual(sequentialLoad, CONCURRENT);
    await client.change(load, 2, [{ text: sequentialLoad }]);
    await refreshed;
    assert.equal(await sequentialFindings(agent), 1);

    const refreshedAgain = client.nextRefresh();
    await client.close(load); // the saved (concurrent) text applies again
    await refreshedAgain;
    assert.equal(await sequentialFindings(agent), 0);
  });
});
