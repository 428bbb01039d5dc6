// Deploy units and file roles on a repository with a Next.js front-end, an Express API in a container,
// a Serverless Framework Lambda, a CDK app, a Cloudflare Worker and a LangGraph agent side by side;
// and the pieces the detection is made of (Dockerfile reading, start commands, path and text evidence).
import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as fs from "node:fs";
import * as os from "node:os";
import { spawnSync } from "node:child_process";
import { allRules, rulesById } from "../../rules/index";
import { ProjectModel } from "../../server/src/engine/project";
import { readDockerfile } from "../../server/src/engine/units/detectors";
import { scriptEntry } from "../../server/src/engine/units/entries";
import { browserEvidence, generatedEvidence, scriptEvidence, testEvidence } from "../../server/src/engine/units/evidence";
import { buildSections } from "../../server/src/scan/readiness";
import type { ScanReport } from "../../server/src/scan/report";

const repo = path.join(__dirname, "..", "fixtures", "units", "monorepo");
const at = (rel: string) => path.join(repo, rel);

function factsOf(rel: string) {
  return new ProjectModel(rulesById).factsOfFile(at(rel));
}

describe("deploy units and file roles (monorepo fixture)", () => {
  const cases: Array<[file: string, role: string, target: string, unitKind: string | undefined, why: RegExp]> = [
    ["apps/web/app/api/chat/route.ts", "server", "vercel", "next", /route handler/],
    ["apps/web/lib/db.ts", "server", "vercel", "next", /reached from the server code/],
    ["apps/web/app/page.tsx", "server", "vercel", "next", /reached from the server code/],
    ["apps/web/components/Chat.tsx", "browser", "vercel", "next", /"use client" directive/],
    ["apps/web/lib/api-client.ts", "browser", "vercel", "next", /imported only by client components/],
    ["apps/web/hooks/useDraft.ts", "browser", "vercel", "next", /client-side React/],
    ["apps/web/next.config.mjs", "script", "vercel", "next", /tool config/],
    ["apps/api/src/server.ts", "server", "container", "docker", /an entry of/],
    ["apps/api/src/routes.ts", "server", "container", "docker", /reached from the entries/],
    ["apps/api/src/legacy.ts", "script", "container", "docker", /not reached from the entries/],
    ["apps/api/scripts/seed.ts", "script", "container", "docker", /seed or migration file name/],
    ["apps/api/test/server.test.ts", "test", "container", "docker", /test/],
    ["apps/api/dist/server.js", "generated", "container", "docker", /under dist\//],
    ["apps/api/src/.!4242!routes.ts", "generated", "container", "docker", /temp file/],
    ["functions/digest/src/handler.ts", "server", "lambda", "serverless", /an entry of function digest/],
    ["infra/lambda/notify.ts", "server", "lambda", "cdk", /an entry of function notify/],
    ["infra/lib/stack.ts", "script", "lambda", "cdk", /not reached/],
    ["infra/bin/app.ts", "script", "lambda", "cdk", /under bin\//],
    ["packages/worker/src/index.ts", "server", "workers", "workers", /an entry/],
    ["agents/support/src/graph.ts", "server", "langgraph", "langgraph", /an entry/],
  ];
  for (const [file, role, target, unitKind, why] of cases) {
    it(`${file}: ${role} on ${target}`, () => {
      const f = factsOf(file);
      assert.equal(f.role, role, f.why);
      assert.equal(f.target, target);
      assert.equal(f.unit?.kind, unitKind);
      assert.match(f.why, why);
    });
  }

  it("records each unit's bundler, entries and limits with their sources", () => {
    const model = new ProjectModel(rulesById).deployModelFor(at("apps/api/src/server.ts"));
    const byName = new Map(model.units.map((u) => [u.name, u]));
    const digest = byName.get("digest")!;
    assert.equal(digest.bundler, "esbuild");
    assert.deepEqual(digest.entries, [at("functions/digest/src/handler.ts")]);
    assert.equal(digest.limits.requestSeconds, 20);
    assert.ok(digest.limits.sources.some((s) => s.includes("timeout 20 s")));
    assert.ok(digest.env.includes("DIGEST_BUCKET"));
    const notify = byName.get("notify")!;
    assert.equal(notify.limits.requestSeconds, 10);
    assert.equal(notify.bundler, "esbuild");
    const api = byName.get("api")!;
    assert.equal(api.container?.workdir, "/app");
    assert.equal(api.container?.copiesRoot, true);
    assert.deepEqual(api.env.sort(), ["LOG_LEVEL", "PORT"]);
    assert.equal(api.limits.cwd, "/app");
    assert.equal(byName.get("web")!.bundler, "next");
    assert.equal(byName.get("edge-worker")!.runtime, "workers");
  });

  it("config roles globs override the detection, last match wins", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-roles-"));
    try {
      fs.writeFileSync(path.join(root, "package.json"), '{"name":"r"}');
      fs.writeFileSync(
        path.join(root, "deploygap.config.json"),
        JSON.stringify({ roles: { "tools/**": "script", "tools/live/**": "server" } }),
      );
      fs.mkdirSync(path.join(root, "tools", "live"), { recursive: true });
      fs.writeFileSync(path.join(root, "tools", "a.ts"), "export {};");
      fs.writeFileSync(path.join(root, "tools", "live", "b.ts"), "export {};");
      const pm = new ProjectModel(rulesById);
      assert.deepEqual(
        [pm.factsOfFile(path.join(root, "tools", "a.ts")).role, pm.factsOfFile(path.join(root, "tools", "a.ts")).why],
        ["script", 'config "roles": "tools/**"'],
      );
      assert.equal(pm.factsOfFile(path.join(root, "tools", "live", "b.ts")).role, "server");
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("deploygap explain", () => {
  const cli = path.join(__dirname, "..", "..", "dist", "cli.js");

  it("prints the contract's JSON: unit, role with evidence, and each rule with whether it runs", () => {
    const r = spawnSync(process.execPath, [cli, "explain", "apps/web/components/Chat.tsx", "--format", "json"], {
      cwd: repo,
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stderr);
    const e = JSON.parse(r.stdout);
    assert.equal(e.version, 1);
    assert.equal(e.file, "apps/web/components/Chat.tsx");
    assert.equal(e.role, "browser");
    assert.equal(e.why, '"use client" directive');
    assert.deepEqual(
      { root: e.unit.root, target: e.unit.target, runtime: e.unit.runtime, bundler: e.unit.bundler },
      { root: "apps/web", target: "vercel", runtime: "node", bundler: "next" },
    );
    assert.equal(e.unit.limits.requestSeconds, 300);
    assert.deepEqual(
      e.rules.map((x: { rule: string }) => x.rule),
      allRules.map((r) => r.meta.id),
    );
    assert.deepEqual(
      e.rules.find((x: { rule: string }) => x.rule === "missing-timeout"),
      { rule: "missing-timeout", runs: false, why: "browser code" },
    );
    assert.deepEqual(
      e.rules.find((x: { rule: string }) => x.rule === "hardcoded-secret"),
      { rule: "hardcoded-secret", runs: true },
    );
  });

  it("prints text, and exits 2 on a missing file or a second file", () => {
    const ok = spawnSync(process.execPath, [cli, "explain", "infra/lambda/notify.ts"], { cwd: repo, encoding: "utf8" });
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /role: {3}server \(an entry of function notify of infra\/lib\/stack\.ts \(lambda\)\)/);
    assert.match(ok.stdout, /limits: requestSeconds 10/);
    assert.match(ok.stdout, /runs {4}client-in-handler/);
    const missing = spawnSync(process.execPath, [cli, "explain", "nope.ts"], { cwd: repo, encoding: "utf8" });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no such file: nope\.ts/);
    const two = spawnSync(process.execPath, [cli, "explain", "a.ts", "b.ts"], { cwd: repo, encoding: "utf8" });
    assert.equal(two.status, 2);
    const noTarget = spawnSync(process.execPath, [cli, "explain", "infra/lambda/notify.ts", "--target"], { cwd: repo, encoding: "utf8" });
    assert.equal(noTarget.status, 2);
    assert.match(noTarget.stderr, /^deploygap: --target needs a value/);
    const help = spawnSync(process.execPath, [cli, "explain", "--help"], { cwd: repo, encoding: "utf8" });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: deploygap explain <file>/);
  });

  it('reads the file as the scan does: a UTF-16 "use client" component is browser code in both', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-explain-utf16-"));
    try {
      fs.writeFileSync(path.join(root, "package.json"), '{"name":"web"}');
      const text = '"use client";\nexport const Chat = () => fetch("/api/chat");\n';
      fs.writeFileSync(path.join(root, "Chat.tsx"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
      const r = spawnSync(process.execPath, [cli, "explain", "Chat.tsx", "--format", "json"], { cwd: root, encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).role, "browser");
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("the readiness report and the findings agree on which rules ran", () => {
  it("a container project whose file exports handler(event, context) lists client-in-handler as checked", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-handler-"));
    try {
      fs.writeFileSync(path.join(root, "package.json"), '{"name":"svc"}');
      const file = path.join(root, "index.ts");
      fs.writeFileSync(
        file,
        'import OpenAI from "openai";\nexport const handler = async (event: unknown, context: unknown) => new OpenAI();\n',
      );
      const pm = new ProjectModel(rulesById);
      const report: ScanReport = {
        files: [{ file: "index.ts", absolute: file, text: "", target: "container", root, findings: [] }],
        filesScanned: 1,
      };
      const [section] = buildSections(
        report,
        allRules,
        (r) => pm.project(r).config,
        (f) => pm.factsOfFile(f),
      );
      assert.equal(section.target, "lambda");
      assert.ok(section.checked.some((r) => r.meta.id === "client-in-handler"));
      assert.ok(!section.notRun.some((n) => n.rule.meta.id === "client-in-handler"));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("unit detection pieces", () => {
  it("reads the last stage of a Dockerfile: WORKDIR, COPY of the context, ENV names, CMD", () => {
    const d = readDockerfile(
      'FROM node:20 AS build\nWORKDIR /src\nCOPY . .\nFROM node:20-slim\nWORKDIR /srv/app\nCOPY --from=build /src/dist ./dist\nENV A=1 B=2\nENV LEGACY value\nCMD ["node", "dist/index.js"]\n',
    );
    assert.deepEqual(d, { workdir: "/srv/app", copiesRoot: true, env: ["A", "B", "LEGACY"], command: "node dist/index.js" });
    assert.deepEqual(readDockerfile("FROM node\nWORKDIR /a\nCOPY package.json ./\n").copiesRoot, false);
  });

  it("finds the file a start command runs", () => {
    assert.equal(scriptEntry("node dist/server.js"), "dist/server.js");
    assert.equal(scriptEntry("NODE_ENV=production tsx watch src/index.ts"), "src/index.ts");
    assert.equal(scriptEntry("npm run build && node --enable-source-maps build/main.mjs"), "build/main.mjs");
    assert.equal(scriptEntry("next start"), undefined);
  });

  it("tells generated files, tests, scripts and browser code by path and text", () => {
    assert.match(generatedEvidence(".!66834!create-card.test.ts", "x")!, /temp file/);
    assert.match(generatedEvidence("src/main.min.js", "x")!, /bundle/);
    assert.match(generatedEvidence("src/a.js", "// @generated by protoc\nexport {}")!, /generated-file header/);
    assert.match(
      generatedEvidence("src/a.ts", "/* eslint-disable */\n// This file was generated by prisma. Do not edit.\nexport {}")!,
      /generated-file header/,
    );
    assert.equal(
      generatedEvidence("src/a.ts", "import { x } from './x';\n\n// Execute actions generated by the agents\nexport {}"),
      undefined,
    );
    assert.equal(generatedEvidence("src/a.ts", "// Runs the steps generated by the planner.\nexport {}"), undefined);
    assert.match(generatedEvidence("src/a.js", "x".repeat(30_000))!, /minified/);
    assert.equal(generatedEvidence("src/a.ts", "export const a = 1;\n"), undefined);
    assert.match(testEvidence("src/__mocks__/db.ts")!, /test folder/);
    assert.equal(testEvidence("src/contest.ts"), undefined);
    assert.match(scriptEvidence("vitest.config.ts", "")!, /tool config/);
    assert.equal(scriptEvidence("src/app.config.ts", ""), undefined, "an app's own config module is production code");
    assert.match(scriptEvidence("src/x.inspect.ts", "")!, /\.inspect file/);
    assert.match(scriptEvidence("bin/cli.js", "")!, /under bin\//);
    assert.equal(scriptEvidence("src/tools/search.ts", ""), undefined, "an agent's tools/ folder is production code");
    assert.match(browserEvidence("src/a.ts", 'export const load = () => fetch("/api/credits");')!, /relative URL/);
    assert.equal(browserEvidence("src/a.ts", 'export const load = () => fetch("https://api.example.com/credits");'), undefined);
    assert.equal(browserEvidence("app/actions.ts", '"use server";\nimport { useState } from "react";'), undefined);
  });
});
