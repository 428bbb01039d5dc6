// Rule metadata, checked once for every rule in the registry: what createRule and the registry promise
// (id = file name, a doc page, a known category, non-empty messages that are headlines of at most 120
// characters with a detail each, a well-formed options schema whose
// defaults are in range and documented), then the choices each rule makes (category, severity, fix tier,
// targets, file kinds), in one table instead of a copy per rule test.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { allRules, rulesById } from "../../rules/index";
import { CATEGORIES, SEVERITIES, type Rule } from "../../rules/api/types";
import { defaultOptionsOf } from "../../rules/api/createRule";
import { optionDescriptions } from "../../scripts/gen-schema";
import { formatMessage } from "../../server/src/engine/lint";

const RULES_DIR = path.join(__dirname, "..", "..", "rules");

/** A headline's limit (issue 18): what the Problems panel and an 80-120 column terminal show on one line. */
const HEADLINE_MAX = 120;

/**
 * Realistic values for placeholders, longer than most real ones: a name is 20 characters, a host 25, a
 * path 25. Per-rule entries where one placeholder name means another thing in another rule.
 */
const NAME = "customerSessionStore";
const REALISTIC: Record<string, string> = {
  host: "api.crm-west1.example.com",
  path: "./src/data/customers.json",
  specifier: "../lib/customerStore.js",
  value: "./src/agents/support.ts:graph",
  prodPath: "/var/task/prompts/a.txt",
  file: "src/agents/support.ts",
  realPath: "src/agents/Support.ts",
  masked: "sk_l…",
  what: "every thread's checkpoints",
  where: "in a file inside this container",
  platform: "the LangGraph Platform container",
  root: "the project root …/billing-agent",
  gateway: "API Gateway (REST API)",
  limit: "the 29 s that API Gateway (REST API) waits",
  total: "12 min 30 s",
  timeout: "900",
  readLine: "142",
  count: "12",
  method: "error",
  option: "checkpointSaver",
  worst: "1 h 10 min",
  defaultTimeout: "10 min",
  sdk: "@google-cloud/vertexai",
  cls: "new LibSQLVector()",
  bucket: "process.env.BUCKET",
  key: "`sessions/${id}.json`",
  record: "the Prisma customer record",
  table: "process.env.TABLE_NAME",
  expr: "process.env.STRIPE_WEBHOOK_SECRET",
  env: "process.env.NODE_ENV",
};
const REALISTIC_BY_RULE: Record<string, Record<string, string>> = {
  "webhook-late-response": {
    call: "`openai.chat.completions.create`",
    provider: "WhatsApp Cloud API",
    key: "the wamid",
    work: "model call",
  },
  "latency-budget": { limit: "29" },
  "langgraph-config": { what: 'graph "support_agent"' },
  "in-memory-persistence": { kind: "object", role: "conversation" },
};

function realisticData(ruleId: string, template: string): Record<string, string> {
  const data: Record<string, string> = {};
  for (const [, name] of template.matchAll(/\{\{\s*(\w+)\s*\}\}/g))
    data[name] = REALISTIC_BY_RULE[ruleId]?.[name] ?? REALISTIC[name] ?? NAME;
  return data;
}
/** rules/*.ts that are rule modules (not the registry files). */
const ruleFiles = fs.readdirSync(RULES_DIR).filter((f) => f.endsWith(".ts") && f !== "index.ts");

describe("rule metadata (every rule)", () => {
  it("every rule module is registered, under its file name", () => {
    for (const file of ruleFiles) {
      // Every rule file on disk, by its path: one the registry forgot must still be checked.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const rule = require(path.join(RULES_DIR, file)).default as Rule;
      assert.equal(rule.meta.id, file.replace(/\.ts$/, ""), file);
      assert.equal(rulesById.get(rule.meta.id), rule, `${file} is not in the registry`);
    }
    assert.equal(allRules.length, ruleFiles.length);
    assert.equal(rulesById.size, allRules.length, "duplicate ids");
  });

  for (const rule of allRules) {
    const { meta } = rule;
    describe(meta.id, () => {
      it("has a doc page, a known category and severity, a description and fix tier", () => {
        assert.ok(fs.existsSync(path.join(RULES_DIR, `${meta.id}.md`)), "rules/<id>.md");
        assert.ok((CATEGORIES as readonly string[]).includes(meta.category), meta.category);
        assert.ok((SEVERITIES as readonly string[]).includes(meta.severity), meta.severity);
        assert.ok(["safe", "suggestion", "none"].includes(meta.fix), meta.fix);
        assert.ok(meta.description.trim().length > 0);
      });

      it("has messages, none empty", () => {
        const ids = Object.keys(meta.messages);
        assert.ok(ids.length > 0);
        for (const id of ids) assert.ok(meta.messages[id].trim().length > 0, id);
      });

      it(`has headline messages of at most ${HEADLINE_MAX} characters with realistic data, and a detail for each`, () => {
        for (const [id, template] of Object.entries(meta.messages)) {
          const rendered = formatMessage(template, realisticData(meta.id, template));
          assert.ok(rendered.length <= HEADLINE_MAX, `${id}: ${rendered.length} characters: ${rendered}`);
          assert.ok(!rendered.includes("\n"), `${id}: one line`);
          const detail = meta.details?.[id];
          assert.ok(detail !== undefined && detail.trim().length > 0, `${id}: no detail`);
        }
        assert.deepEqual(Object.keys(meta.details ?? {}).sort(), Object.keys(meta.messages).sort(), "details for exactly the message ids");
      });

      it("has a well-formed options schema, defaults in range, each option on the doc page", () => {
        const doc = fs.readFileSync(path.join(RULES_DIR, `${meta.id}.md`), "utf8");
        const documented = optionDescriptions(doc);
        for (const [name, option] of Object.entries(meta.options)) {
          assert.ok(option.description.trim().length > 0, `${name}: description`);
          assert.ok(documented.has(name), `${name}: a bullet under "## Options" in rules/${meta.id}.md`);
          switch (option.type) {
            case "number":
              assert.ok(Number.isFinite(option.default) && Number.isFinite(option.minimum), name);
              assert.ok(option.default >= option.minimum, `${name}: default below minimum`);
              if (option.maximum !== undefined) {
                assert.ok(option.minimum <= option.maximum, `${name}: empty range`);
                assert.ok(option.default <= option.maximum, `${name}: default above maximum`);
              }
              break;
            case "array":
              assert.equal(option.items, "string", name);
              assert.ok(Array.isArray(option.default) && option.default.every((v) => typeof v === "string"), name);
              break;
            case "string":
            case "boolean":
              assert.equal(typeof option.default, option.type, name);
              break;
            default:
              assert.fail(`${name}: unknown option type ${(option as { type: string }).type}`);
          }
        }
        assert.deepEqual(meta.defaultOptions, defaultOptionsOf(meta.options), "defaults derived from the schema");
      });
    });
  }
});

/** What each rule chooses; `files` absent means source files only. */
const EXPECTED: Record<string, Partial<Pick<Rule["meta"], "category" | "severity" | "fix" | "roles" | "targets" | "files">>> = {
  "client-in-handler": { category: "cold-start", severity: "warning", targets: ["lambda", "vercel"], roles: ["server"] },
  "console-logging": { category: "observability", fix: "suggestion", roles: ["server"] },
  "cors-wildcard": { category: "security", severity: "error", files: ["source", "langgraph.json", "serverless.yml", "template.yaml"] },
  "latency-budget": {
    category: "network",
    severity: "warning",
    fix: "suggestion",
    roles: ["server", "script"],
    files: ["source", "serverless.yml", "template.yaml"],
  },
  "webhook-late-response": { category: "network", severity: "warning", fix: "suggestion", roles: ["server"] },
  "in-memory-persistence": { category: "concurrency", severity: "warning", fix: "suggestion", roles: ["server"] },
  "s3-read-modify-write": { category: "concurrency", severity: "warning", fix: "suggestion", roles: ["server"] },
  "sequential-only-tests": { category: "concurrency", severity: "warning", fix: "suggestion", roles: ["test"] },
  "shared-mutable-state": { category: "concurrency", severity: "warning", fix: "none", roles: ["server"] },
  "store-read-modify-write": { category: "concurrency", severity: "warning", fix: "none", roles: ["server"] },
  "unbounded-growth": { category: "memory", severity: "warning", fix: "none", roles: ["server"] },
  "undocumented-env-var": { category: "configuration", severity: "info", fix: "suggestion", roles: ["server"] },
};

describe("rule metadata (each rule's choices)", () => {
  for (const [id, expected] of Object.entries(EXPECTED)) {
    it(`${id}: ${JSON.stringify(expected)}`, () => {
      const meta = rulesById.get(id)!.meta;
      for (const [key, value] of Object.entries(expected)) assert.deepEqual(meta[key as keyof typeof meta], value, key);
    });
  }

  it("reserved-env-var: a configuration warning for the langgraph target over source, langgraph.json and dotenv files", () => {
    const meta = rulesById.get("reserved-env-var")!.meta;
    assert.equal(meta.category, "configuration");
    assert.equal(meta.severity, "warning");
    assert.deepEqual(meta.targets, ["langgraph"]);
    assert.deepEqual([...(meta.files ?? [])].sort(), ["dotenv", "langgraph.json", "source"]);
  });

  it("sequential-only-tests: concurrentUsers defaults to 5", () => {
    assert.deepEqual(rulesById.get("sequential-only-tests")!.meta.defaultOptions, { concurrentUsers: 5 });
  });
});
