// latency-budget over stdio: the hover's table of the calls on the worst path (each call, its line,
// its worst case and how that was read; the total and the limit), rendered by the server from the
// structured data the rule gives (Finding.table) under the finding's detail; and its suggestion, which
// splits the budget and clears the finding.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { CodeAction, Hover, MarkupContent, TextEdit } from "vscode-languageserver-protocol";
import { TestLspClient } from "../support/lspClient";

const SERVERLESS = `service: s
provider:
  name: aws
  runtime: nodejs20.x
functions:
  api:
    handler: src/chat.handler
    timeout: 60
    events:
      - http:
          path: /chat
          method: post
`;

const CHAT = `import OpenAI from "openai";
const openai = new OpenAI({ timeout: 15_000 });
export const handler = async (event) => {
  const profile = await fetch("https://api.example.com/p", { signal: AbortSignal.timeout(8_000) });
  await fetch("https://audit.example.com/log", { method: "POST", body: event.body });
  const answer = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [] });
  return { statusCode: 200, body: JSON.stringify({ profile, answer }) };
};
`;

describe("latency-budget over stdio: hover table and quick fix", function () {
  let client: TestLspClient;
  let root: string;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-budget-hover-"));
    fs.writeFileSync(path.join(root, "package.json"), '{ "name": "p", "type": "module" }\n');
    fs.writeFileSync(path.join(root, "serverless.yml"), SERVERLESS);
    fs.mkdirSync(path.join(root, "src"));
    fs.writeFileSync(path.join(root, "src", "chat.mjs"), CHAT);
    client = await TestLspClient.start({ pull: true, rootUri: pathToFileURL(root).href });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("shows each call on the worst path with its line, worst case and reading, then the total and the limit", async () => {
    const uri = pathToFileURL(path.join(root, "src", "chat.mjs")).href;
    await client.open(uri, CHAT, "javascript");
    const diags = (await client.pull(uri)).filter((d) => d.code === "latency-budget");
    assert.equal(diags.length, 1);
    const hover = (await client.connection.sendRequest("textDocument/hover", {
      textDocument: { uri },
      position: diags[0].range.start,
    })) as Hover | null;
    const value = (hover!.contents as MarkupContent).value;
    // The rule page's sections and the link follow; everything before them is the finding's own.
    assert.equal(
      value.split("\n\n**Why this breaks in production**")[0],
      [
        "**latency-budget** (deploygap, warning)",
        "",
        "Worst case per call: openai.chat.completions.create 15 s x 3 = 45 s (line 6); fetch 8 s (line 4). Plus 1 call with no timeout at all (missing-timeout reports it). Limit from API Gateway REST API: integration timeout 29 s (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html). Give each call a timeout (and retries) that fit the budget together, or move the slow work out of the request.",
        "",
        "| Call | Line | Worst case | How it was read |",
        "| --- | --- | --- | --- |",
        "| `fetch` | 4 | 8 s | AbortSignal.timeout |",
        "| `fetch` | 5 | unbounded | no signal: no timeout |",
        "| `openai.chat.completions.create` | 6 | 15 s x 3 attempts = 45 s | timeout, 2 SDK default retries |",
        "| **Total** |  | **53 s + 1 unbounded** | **the calls above, awaited in sequence** |",
        "| **Limit** |  | **29 s** | **the 29 s that API Gateway (REST API) waits** |",
      ].join("\n"),
    );
    assert.match(value, /\n\n\[Documentation for latency-budget\]\(\S+latency-budget\.md\)$/);
  });

  it("offers the budget split as a quick fix; applied, the handler fits and the finding is gone", async () => {
    const uri = pathToFileURL(path.join(root, "src", "chat.mjs")).href;
    const diags = (await client.pull(uri)).filter((d) => d.code === "latency-budget");
    const actions = (await client.codeActions(uri, diags[0].range, diags)) as CodeAction[];
    const fix = actions.find((a) => a.title.startsWith("Fit the path"))!;
    assert.equal(fix.title, "Fit the path in 26 s of the 29 s limit: 9 s for each of 2 calls, no retries");
    const edits: TextEdit[] = fix.edit?.changes?.[uri] ?? [];
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, "javascript", 1, CHAT), edits);
    assert.equal(
      fixed.split("\n").slice(3, 6).join("\n"),
      [
        '  const profile = await fetch("https://api.example.com/p", { signal: AbortSignal.timeout(8_000) });',
        '  await fetch("https://audit.example.com/log", { method: "POST", body: event.body, signal: AbortSignal.timeout(9_000) });',
        '  const answer = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [] }, { timeout: 9_000, maxRetries: 0 });',
      ].join("\n"),
    );
    await client.change(uri, 2, [{ text: fixed }]);
    assert.deepEqual(
      (await client.pull(uri)).filter((d) => d.code === "latency-budget"),
      [],
    );
  });
});
