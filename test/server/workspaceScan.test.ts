// The workspace scan over stdio: findings for every file (multi-root, ignored folders, a broken file),
// pushed diagnostics for unopened files that give way when a file is opened, progress, cancellation,
// and the readiness report's links.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { CancellationTokenSource } from "vscode-languageserver-protocol";
import { TestLspClient } from "../support/lspClient";
import { ScanWorkspaceRequest } from "../../server/src/lsp/workspaceScan";
import type { ScanResult } from "../../server/src/protocol/index";

function tree(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
}

const FETCH = 'export const x = () => fetch("https://a.example.com");\n';

describe("workspace scan over stdio", () => {
  let client: TestLspClient;
  let base: string;
  let one: string;
  let two: string;
  before(async () => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-scan-"));
    one = path.join(base, "one");
    two = path.join(base, "two");
    tree(one, {
      "package.json": "{}",
      ".gitignore": "generated/\n",
      "src/a.ts": FETCH,
      "src/broken.ts": "export function (\n" + FETCH,
      "src/clean.ts": "export const y = 1;\n",
      "generated/g.ts": FETCH,
      "node_modules/dep/index.js": FETCH,
      "vendor/v.ts": FETCH,
    });
    tree(two, { "package.json": "{}", "lib/b.js": FETCH });
    client = await TestLspClient.start({ pull: true, rootUri: pathToFileURL(base).href });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(base, { recursive: true, force: true });
  });

  const scan = (source?: CancellationTokenSource) => {
    const params = { folders: [one, two], exclude: ["vendor/**"] };
    return (
      source
        ? client.connection.sendRequest(ScanWorkspaceRequest, params, source.token)
        : client.connection.sendRequest(ScanWorkspaceRequest, params)
    ) as Promise<ScanResult>;
  };

  it("finds gaps in every folder, honouring .gitignore, node_modules and files.exclude", async () => {
    const progress: Array<{ done: number; total: number }> = [];
    const sub = client.connection.onNotification("deploygap/scanProgress", (p: { done: number; total: number }) => {
      progress.push(p);
    });
    const result = await scan();
    sub.dispose();
    assert.deepEqual(
      result.files.map((f) => [f.file, f.findings.map((x) => `${x.range.start.line}:${x.range.start.character} ${x.ruleId}`)]),
      [
        ["src/a.ts", ["0:23 missing-timeout"]],
        ["src/broken.ts", ["1:23 missing-timeout"]],
        ["../two/lib/b.js", ["0:23 missing-timeout"]],
      ],
    );
    assert.equal(result.filesScanned, 4);
    assert.equal(result.cancelled, false);
    assert.deepEqual(progress[progress.length - 1], { done: 4, total: 4 });
  });

  it("pushes diagnostics for unopened files; opening one hands it to the as-you-type path", async () => {
    const uri = pathToFileURL(path.join(one, "src", "a.ts")).href;
    const pushed = client.waitForPublished(uri, (p) => p.diagnostics.length === 1);
    await scan();
    const p = await pushed;
    assert.equal(p.diagnostics[0].code, "missing-timeout");
    const cleared = client.waitForPublished(uri, (x) => x.diagnostics.length === 0);
    await client.open(uri, FETCH);
    await cleared;
    assert.equal((await client.pull(uri)).length, 1, "the open file's own diagnostics, once");
    // Closed again: back to its findings on disk, as before it was opened.
    const back = client.waitForPublished(uri, (x) => x.diagnostics.length === 1);
    await client.close(uri);
    assert.equal((await back).diagnostics[0].code, "missing-timeout");
  });

  it("lints scanned files again when they change on disk, a batch at a time, as the scan lints them", async () => {
    const b = path.join(two, "lib", "b.js");
    const extra = path.join(two, "lib", "c.js");
    fs.writeFileSync(extra, FETCH);
    const uriB = pathToFileURL(b).href;
    const uriC = pathToFileURL(extra).href;
    const pushed = client.waitForPublished(uriC, (p) => p.diagnostics.length === 1);
    await scan();
    await pushed;
    // b.js is fixed, c.js gets a second gap, both in one change notification (a checkout, a formatter).
    fs.writeFileSync(b, "export const x = 1;\n");
    fs.writeFileSync(extra, FETCH + 'export const z = () => fetch("https://b.example.com");\n');
    const cleared = client.waitForPublished(uriB, (p) => p.diagnostics.length === 0);
    const updated = client.waitForPublished(uriC, (p) => p.diagnostics.length === 2);
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [
        { uri: uriB, type: 2 },
        { uri: uriC, type: 2 },
      ],
    });
    await cleared;
    assert.deepEqual(
      (await updated).diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`),
      ["0:23 missing-timeout", "1:23 missing-timeout"],
    );
    // Deleted: its diagnostics go.
    const gone = client.waitForPublished(uriC, (p) => p.diagnostics.length === 0);
    fs.rmSync(extra);
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uriC, type: 3 }] });
    await gone;
    fs.writeFileSync(b, FETCH);
  });

  it("can be cancelled mid-way", async () => {
    // Enough files that the scan yields to the event loop several times; cancel at the first progress.
    const many = path.join(base, "many");
    tree(many, { "package.json": "{}", ...Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`src/f${i}.ts`, FETCH])) });
    const source = new CancellationTokenSource();
    const sub = client.connection.onNotification("deploygap/scanProgress", () => source.cancel());
    const result = (await client.connection.sendRequest(ScanWorkspaceRequest, { folders: [many] }, source.token)) as ScanResult;
    sub.dispose();
    assert.equal(result.cancelled, true);
    assert.ok(result.filesScanned < 1500, `stopped early (${result.filesScanned} of 1500 files)`);
  });

  it("renders the readiness report with links that reveal the code", async () => {
    const { html } = (await client.connection.sendRequest("deploygap/report", { folders: [one] })) as { html: string };
    assert.match(html, /<h2>one <small>target: container<\/small><\/h2>/);
    const link = /href="command:deploygap\.reveal\?([^"]+)"/.exec(html);
    assert.ok(link, "a reveal link");
    const args = JSON.parse(decodeURIComponent(link[1].replace(/&quot;/g, '"')));
    assert.deepEqual(args, [pathToFileURL(path.join(one, "src", "a.ts")).href, 0, 23]);
  });
});
