import * as assert from "node:assert/strict";
import * as path from "node:path";
import rule from "../../rules/console-logging";
import type { Rule } from "../../rules/api/types";
import { lintCase, runRuleTests } from "../support/ruleTester";
import { describeAnnotatedFixtures } from "../support/annotatedFixtures";

// The rule is off by default; the table runs it as a project would after `"console-logging": "hint"`.
const enabled: Rule = { ...rule, meta: { ...rule.meta, severity: "hint" } };

runRuleTests(enabled, {
  valid: [
    {
      name: "console.error and console.warn go to stderr",
      code: `export function fail(e: unknown) {\n  console.error("failed", e);\n  console.warn("retrying");\n}`,
    },
    { name: "a structured logger", code: `import pino from "pino";\nconst logger = pino();\nlogger.info("started");` },
    { name: "a shebang CLI", code: `#!/usr/bin/env node\nconsole.log("done");` },
    { name: "a script under scripts/", filename: "scripts/seed.ts", code: `console.log("seeded");` },
    { name: "a config file", filename: "vite.config.ts", code: `console.log("building");\nexport default {};` },
    { name: "a test file", filename: "src/app.test.ts", code: `console.log("debug");` },
    { name: "a local object named console", code: `const console = makeLogger();\nconsole.log("x");` },
    { name: "a parameter named console", code: `export function run(console: { log(m: string): void }) {\n  console.log("x");\n}` },
    { name: "development-only logging", code: `if (process.env.NODE_ENV !== "production") {\n  console.log("request", 1);\n}` },
    { name: "a DEBUG switch", code: `if (process.env.DEBUG) console.debug("state");` },
    { name: "methods option", code: `console.debug("x");`, options: { methods: ["log"] } },
  ],
  invalid: [
    {
      name: "console.log with no logger: add pino",
      code: `import express from "express";

const app = express();
app.get("/", (_req, res) => {
  console.log("hit /");
  res.send("ok");
});
`,
      errors: [
        {
          messageId: "unstructured",
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 14,
          messageIncludes: ["console.log writes an unstructured log line"],
          detailIncludes: ["a structured logger such as pino"],
          fixTitles: ["Log with a pino logger (logger.info)"],
        },
      ],
      output: `import express from "express";
import pino from "pino";

const logger = pino();

const app = express();
app.get("/", (_req, res) => {
  logger.info("hit /");
  res.send("ok");
});
`,
    },
    {
      name: "the file's pino logger, with the object moved first",
      code: `import pino from "pino";\nconst log = pino({ level: "info" });\nexport function save(order: { id: string }) {\n  console.log("saved order", order);\n}`,
      errors: [
        {
          messageId: "unstructured",
          line: 4,
          column: 3,
          detailIncludes: ["log (pino), which this file already has"],
          fixTitles: ["Log with log.info (pino)"],
        },
      ],
      output: `import pino from "pino";\nconst log = pino({ level: "info" });\nexport function save(order: { id: string }) {\n  log.info(order, "saved order");\n}`,
    },
    {
      name: "pino with three arguments: reported without a fix (arguments would be lost)",
      code: `import pino from "pino";\nconst logger = pino();\nconsole.log("a", 1, 2);`,
      errors: [{ messageId: "unstructured", line: 3, column: 1 }],
      output: null,
    },
    {
      name: "a Powertools logger and console.debug",
      code: `import { Logger } from "@aws-lambda-powertools/logger";\nconst logger = new Logger({ serviceName: "orders" });\nexport const handler = async (event) => {\n  console.debug("event", event);\n};`,
      target: "lambda",
      errors: [{ messageId: "unstructured", line: 4, column: 3, detailIncludes: ["CloudWatch Logs Insights", "Powertools Logger"] }],
      output: `import { Logger } from "@aws-lambda-powertools/logger";\nconst logger = new Logger({ serviceName: "orders" });\nexport const handler = async (event) => {\n  logger.debug("event", event);\n};`,
    },
    {
      name: "winston via createLogger",
      code: `import { createLogger, transports } from "winston";\nconst logger = createLogger({ transports: [new transports.Console()] });\nconsole.info("ready");`,
      errors: [{ messageId: "unstructured", line: 3, column: 1 }],
      output: `import { createLogger, transports } from "winston";\nconst logger = createLogger({ transports: [new transports.Console()] });\nlogger.info("ready");`,
    },
    {
      name: "an imported project logger",
      code: `import { logger } from "./lib/logger.js";\nconsole.log("x");`,
      errors: [{ messageId: "unstructured", line: 2, column: 1, fixTitles: ["Log with logger.info (the project's logger)"] }],
      output: `import { logger } from "./lib/logger.js";\nlogger.info("x");`,
    },
    {
      name: "CommonJS file: require pino",
      filename: "src/server.js",
      code: `const express = require('express')\nconst app = express()\napp.listen(3000, () => console.log('listening'))\n`,
      errors: [{ messageId: "unstructured", line: 3, column: 24 }],
      output: `const express = require('express')\nconst pino = require('pino')\n\nconst logger = pino()\nconst app = express()\napp.listen(3000, () => logger.info('listening'))\n`,
    },
    {
      name: "the project depends on winston",
      code: `export function f() {\n  console.log("x");\n}`,
      files: { "package.json": `{"name":"x","dependencies":{"winston":"^3.0.0"}}` },
      errors: [{ messageId: "unstructured", line: 2, column: 3, fixTitles: ["Log with a winston logger (logger.info)"] }],
      output: `import winston from "winston";\n\nconst logger = winston.createLogger({ format: winston.format.json(), transports: [new winston.transports.Console()] });\n\nexport function f() {\n  logger.info("x");\n}`,
    },
    {
      name: "no fix when the name logger is taken",
      code: `export function f(logger: unknown) {\n  console.log("x", logger);\n}`,
      errors: [{ messageId: "unstructured", line: 2, column: 3 }],
      output: null,
    },
    {
      name: "console.log passed as a callback; globalThis.console",
      code: `import { logger } from "./log.js";\nexport const p = run().then(console.log);\nglobalThis.console.info("x");`,
      errors: [
        { messageId: "unstructured", line: 2, column: 29, endColumn: 40 },
        { messageId: "unstructured", line: 3, column: 1, endColumn: 24 },
      ],
    },
  ],
});

describe("console-logging is off by default", () => {
  const code = `console.log("hello");`;
  it("reports nothing without configuration", () => {
    assert.equal(rule.meta.severity, "off");
    assert.deepEqual(lintCase(rule, { code }).findings, []);
  });
  it(`"console-logging": "hint" in deploygap.config.json turns it on`, () => {
    const { findings } = lintCase(rule, { code, files: { "deploygap.config.json": `{"rules": {"console-logging": "hint"}}` } });
    assert.deepEqual(
      findings.map((f) => [f.severity, f.line, f.character]),
      [["hint", 0, 0]],
    );
  });
  it("a severity with options in package.json works too", () => {
    const { findings } = lintCase(rule, {
      code: `console.debug("x");\nconsole.log("y");`,
      files: { "package.json": `{"name":"x","deploygap":{"rules":{"console-logging":["warning",{"methods":["debug"]}]}}}` },
    });
    assert.deepEqual(
      findings.map((f) => [f.severity, f.line]),
      [["warning", 0]],
    );
  });
});

describeAnnotatedFixtures("console-logging annotated fixtures", path.join(__dirname, "..", "fixtures", "rules", "console-logging"));
