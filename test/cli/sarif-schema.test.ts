// `deploygap scan --format sarif` validated against the official SARIF 2.1.0 JSON schema (vendored in
// test/fixtures/sarif, a draft-04 schema, hence ajv-draft-04), over fixtures with findings of many rules,
// fixes and suppressions, and over a clean scan with no results.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv-draft-04";
import type { LooseJson } from "../../server/src/engine/json";
import { formatSarif } from "../../server/src/cli/formats/sarif";
import { formatJson } from "../../server/src/cli/formats/json";

const REPO = path.join(__dirname, "..", "..");
const CLI = path.join(REPO, "dist", "cli.js");
const SCHEMA = JSON.parse(fs.readFileSync(path.join(REPO, "test", "fixtures", "sarif", "sarif-schema-2.1.0.json"), "utf8"));

function sarifOf(args: string[], cwd: string): LooseJson {
  const r = spawnSync(process.execPath, [CLI, "scan", ...args, "--format", "sarif", "--no-cache"], { cwd, encoding: "utf8" });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout);
}

describe("SARIF output against the SARIF 2.1.0 JSON schema", () => {
  // strict: false: the schema uses keywords ajv's strict mode rejects; formats ("uri") are not checked.
  // unicodeRegExp: false: the schema's `language` pattern has a stray `]` that is an error with the u flag.
  const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(SCHEMA);
  const check = (sarif: unknown) => {
    const ok = validate(sarif);
    assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  };

  it("the examples (findings of many rules, with fixes) validate", () => {
    const sarif = sarifOf(["examples"], REPO);
    assert.ok(sarif.runs[0].results.length >= 5, "the examples have findings");
    assert.ok(new Set(sarif.runs[0].results.map((r: LooseJson) => r.ruleId)).size >= 4, "of several rules");
    check(sarif);
  });

  it("the rule-fixture projects validate", () => {
    const sarif = sarifOf(["test/fixtures/rules"], REPO);
    assert.ok(sarif.runs[0].results.length >= 20);
    // A read-modify-write result points at its read with a relatedLocation in the same file.
    const rmw = sarif.runs[0].results.find((r: LooseJson) => r.ruleId === "store-read-modify-write");
    assert.ok(rmw?.relatedLocations?.length, "store-read-modify-write has relatedLocations");
    assert.equal(rmw.relatedLocations[0].physicalLocation.artifactLocation.uri, rmw.locations[0].physicalLocation.artifactLocation.uri);
    assert.ok(rmw.relatedLocations[0].physicalLocation.region.startLine <= rmw.locations[0].physicalLocation.region.startLine);
    check(sarif);
  });

  it("a clean scan (no results) validates", () => {
    const sarif = sarifOf(["test/fixtures/projects/cli-basic/src/clean.ts"], REPO);
    assert.equal(sarif.runs[0].results.length, 0);
    check(sarif);
  });

  it("a rule that failed on a file is a tool execution notification; file names keep # and ? in the path", () => {
    const report = {
      filesScanned: 1,
      files: [],
      ruleFailures: [{ file: "src/ü#1/100%?.ts", rule: "hardcoded-secret", message: "TypeError: x is undefined" }],
    };
    const sarif = JSON.parse(formatSarif(report, "1.0.0"));
    check(sarif);
    const invocation = sarif.runs[0].invocations[0];
    assert.equal(invocation.executionSuccessful, false);
    const note = invocation.toolExecutionNotifications[0];
    assert.equal(note.level, "error");
    assert.equal(note.message.text, "rule hardcoded-secret failed on this file and was skipped for it: TypeError: x is undefined");
    assert.equal(note.associatedRule.id, "hardcoded-secret");
    assert.equal(sarif.runs[0].tool.driver.rules[note.associatedRule.index].id, "hardcoded-secret");
    assert.equal(note.locations[0].physicalLocation.artifactLocation.uri, "src/%C3%BC%231/100%25%3F.ts");
    assert.equal(JSON.parse(formatSarif({ filesScanned: 1, files: [] }, "1.0.0")).runs[0].invocations[0].executionSuccessful, true);
    // JSON lists them under `errors`, only when there are any (the contract's shape otherwise).
    assert.deepEqual(JSON.parse(formatJson(report)).errors, report.ruleFailures);
    assert.deepEqual(Object.keys(JSON.parse(formatJson({ filesScanned: 1, files: [] }))), ["version", "findings"]);
  });

  it("the schema check is real: a result without a message fails it", () => {
    const sarif = sarifOf(["examples"], REPO);
    delete sarif.runs[0].results[0].message;
    assert.equal(validate(sarif), false);
  });
});
