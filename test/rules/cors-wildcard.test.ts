import * as assert from "node:assert/strict";
import * as path from "node:path";
import rule from "../../rules/cors-wildcard";
import { applyFirstFixes, lintCase, runRuleTests } from "../support/ruleTester";
import { describeAnnotatedFixtures } from "../support/annotatedFixtures";

const ALLOW = `process.env.CORS_ORIGINS?.split(",") ?? []`;
const TITLE = "Allow only the origins listed in CORS_ORIGINS (comma-separated)";

runRuleTests(rule, {
  valid: [
    { name: "a public API: any origin, no credentials", code: `import cors from "cors";\napp.use(cors({ origin: "*" }));` },
    { name: "cors() defaults", code: `import cors from "cors";\napp.use(cors());` },
    {
      name: "an allow-list with credentials",
      code: `import cors from "cors";\napp.use(cors({ origin: ["https://app.example.com"], credentials: true }));`,
    },
    {
      name: "origins from the environment",
      code: `import cors from "cors";\napp.use(cors({ origin: process.env.CORS_ORIGINS?.split(","), credentials: true }));`,
    },
    {
      name: "an origin function that checks",
      code: `import cors from "cors";\napp.use(cors({ origin: (origin, cb) => cb(null, allowed.includes(origin)), credentials: true }));`,
    },
    { name: "spread options may set the origin", code: `import cors from "cors";\napp.use(cors({ ...corsDefaults, credentials: true }));` },
    { name: "credentials off", code: `import cors from "cors";\napp.use(cors({ origin: true, credentials: false }));` },
    {
      name: "credentials from a variable are unknown",
      code: `import cors from "cors";\napp.use(cors({ origin: true, credentials: allowCookies }));`,
    },
    {
      name: "a local function named cors",
      code: `function cors(o: object) { return o; }\napp.use(cors({ origin: true, credentials: true }));`,
    },
    {
      name: "fastify registers another plugin",
      code: `import helmet from "@fastify/helmet";\nawait app.register(helmet, { origin: true, credentials: true });`,
    },
    {
      name: "hand-set * without credentials",
      code: `export function handle(req, res) {\n  res.setHeader("Access-Control-Allow-Origin", "*");\n  res.end("ok");\n}`,
    },
    {
      name: "a reflected origin checked against an allow-list",
      code: `const ALLOWED = new Set((process.env.CORS_ORIGINS ?? "").split(","));
export function handle(req, res) {
  const origin = req.headers.origin;
  if (origin && ALLOWED.has(origin)) {
    res.setHeader("Access-Control-Allow-Origin", origin);
    res.setHeader("Access-Control-Allow-Credentials", "true");
  }
  res.end();
}`,
    },
    {
      name: "a reflected origin checked with endsWith",
      code: `export const handler = async (event) => {
  const origin = event.headers.origin ?? "";
  const ok = origin.endsWith(".example.com");
  return { statusCode: 200, headers: { "Access-Control-Allow-Origin": ok ? origin : "", "Access-Control-Allow-Credentials": true } };
};`,
    },
    {
      name: "a reflected origin without credentials",
      code: `export function handle(req, res) {\n  res.setHeader("Access-Control-Allow-Origin", req.headers.origin);\n  res.end();\n}`,
    },
    {
      name: "* and credentials set in different functions",
      code: `export function publicRoute(req, res) {\n  res.setHeader("Access-Control-Allow-Origin", "*");\n}\nexport function privateRoute(req, res) {\n  res.setHeader("Access-Control-Allow-Credentials", "true");\n}`,
    },
    {
      name: "test files are not checked",
      filename: "src/app.test.ts",
      code: `import cors from "cors";\napp.use(cors({ origin: true, credentials: true }));`,
    },
    {
      name: "langgraph.json: * without credentials",
      filename: "langgraph.json",
      code: `{"graphs": {}, "http": {"cors": {"allow_origins": ["*"]}}}`,
    },
    {
      name: "langgraph.json: an explicit list with credentials",
      filename: "langgraph.json",
      code: `{"graphs": {}, "http": {"cors": {"allow_origins": ["https://app.example.com"], "allow_credentials": true}}}`,
    },
    {
      name: "serverless.yml: cors: true",
      filename: "serverless.yml",
      code: `service: api\nfunctions:\n  api:\n    handler: src/api.handler\n    events:\n      - http:\n          path: /\n          method: get\n          cors: true\n`,
    },
    {
      name: "serverless.yml: * without credentials",
      filename: "serverless.yml",
      code: `service: api\nfunctions:\n  api:\n    handler: src/api.handler\n    events:\n      - http:\n          path: /\n          method: get\n          cors:\n            origin: '*'\n`,
    },
    {
      name: "SAM: * without credentials",
      filename: "template.yaml",
      code: `Globals:\n  Api:\n    Cors:\n      AllowOrigin: "'*'"\n      AllowHeaders: "'Content-Type'"\n`,
    },
    {
      name: "a header list in a Next.js config without credentials",
      filename: "next.config.mjs",
      code: `export default { async headers() { return [{ source: "/api/:path*", headers: [{ key: "Access-Control-Allow-Origin", value: "*" }] }]; } };`,
    },
    {
      name: "a script-role file other than next.config is not read",
      filename: "scripts/serve.ts",
      code: `import cors from "cors";\napp.use(cors({ origin: true, credentials: true }));`,
    },
  ],
  invalid: [
    {
      name: "express cors with origin: true",
      code: `import express from "express";
import cors from "cors";

const app = express();
app.use(cors({ origin: true, credentials: true }));
`,
      errors: [
        { messageId: "reflect", line: 5, column: 16, endLine: 5, endColumn: 28, detailIncludes: ["origin: true"], fixTitles: [TITLE] },
      ],
      output: `import express from "express";
import cors from "cors";

const app = express();
app.use(cors({ origin: ${ALLOW}, credentials: true }));
`,
    },
    {
      name: "origin '*' keeps the file's single quotes",
      code: `import cors from 'cors';\napp.use(cors({ origin: '*', credentials: true }));`,
      errors: [{ messageId: "wildcard", line: 2, column: 16, endLine: 2, endColumn: 27 }],
      output: `import cors from 'cors';\napp.use(cors({ origin: process.env.CORS_ORIGINS?.split(',') ?? [], credentials: true }));`,
    },
    {
      name: "credentials without an origin: the default is *",
      code: `import cors from "cors";\napp.use(cors({\n  credentials: true,\n}));`,
      errors: [{ messageId: "wildcard", line: 3, column: 3, endLine: 3, endColumn: 20 }],
      output: `import cors from "cors";\napp.use(cors({\n  credentials: true,\n  origin: ${ALLOW},\n}));`,
    },
    {
      name: "options in a same-file const (CommonJS)",
      filename: "src/app.js",
      code: `const cors = require("cors");\nconst corsOptions = { origin: true, credentials: true };\napp.use(cors(corsOptions));`,
      errors: [{ messageId: "reflect", line: 2, column: 23, endColumn: 35 }],
    },
    {
      name: "an origin callback that approves everyone",
      code: `import cors from "cors";\napp.use(cors({ origin: (origin, callback) => callback(null, true), credentials: true }));`,
      errors: [{ messageId: "reflect", line: 2, column: 16, detailIncludes: ["an origin function that approves every caller"] }],
      output: `import cors from "cors";\napp.use(cors({ origin: ${ALLOW}, credentials: true }));`,
    },
    {
      name: "@fastify/cors with origin: true",
      code: `import Fastify from "fastify";\nimport fastifyCors from "@fastify/cors";\nconst app = Fastify();\nawait app.register(fastifyCors, { origin: true, credentials: true });`,
      errors: [{ messageId: "reflect", line: 4, column: 35, endColumn: 47 }],
    },
    {
      name: "@fastify/cors registered through import()",
      code: `await fastify.register(import("@fastify/cors"), { origin: "*", credentials: true });`,
      errors: [{ messageId: "wildcard", line: 1, column: 51 }],
    },
    {
      name: "hono cors with an origin function that returns the origin",
      code: `import { Hono } from "hono";\nimport { cors } from "hono/cors";\nconst app = new Hono();\napp.use("/api/*", cors({ origin: (origin) => origin, credentials: true }));`,
      errors: [{ messageId: "reflect", line: 4, column: 26 }],
    },
    {
      name: "Nest enableCors and NestFactory.create",
      code: `import { NestFactory } from "@nestjs/core";\nconst app = await NestFactory.create(AppModule, { cors: { origin: "*", credentials: true } });\napp.enableCors({ origin: true, credentials: true });`,
      errors: [
        { messageId: "wildcard", line: 2, column: 59 },
        { messageId: "reflect", line: 3, column: 18 },
      ],
    },
    {
      name: "express middleware reflecting the origin",
      code: `app.use((req, res, next) => {
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin);
  res.setHeader("Access-Control-Allow-Credentials", "true");
  next();
});`,
      errors: [{ messageId: "reflect", line: 2, column: 48, endLine: 2, endColumn: 66, detailIncludes: ["req.headers.origin sent back"] }],
      output: null,
    },
    {
      name: "reflected through a const, with res.header and res.set",
      code: `export function allow(req, res) {
  const { origin } = req.headers;
  res.header("Access-Control-Allow-Origin", origin || "*");
  res.set("access-control-allow-credentials", true);
}`,
      errors: [{ messageId: "reflect", line: 3, column: 45, endColumn: 58 }],
    },
    {
      name: "Lambda response headers echoing event.headers.origin",
      code: `export const handler = async (event) => ({
  statusCode: 200,
  headers: {
    "Access-Control-Allow-Origin": event.headers.origin,
    "Access-Control-Allow-Credentials": true,
  },
  body: "{}",
});`,
      errors: [{ messageId: "reflect", line: 4, column: 36, endColumn: 56 }],
    },
    {
      name: "a fetch-style Response with * and credentials",
      code: `export function GET(request: Request) {
  const origin = request.headers.get("Origin");
  return new Response("ok", { headers: { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Credentials": "true", "X-Origin": String(origin) } });
}`,
      errors: [{ messageId: "wildcard", line: 3, column: 73, endColumn: 76 }],
    },
    {
      name: "langgraph.json http.cors with * and credentials",
      filename: "langgraph.json",
      code: `{
  "graphs": { "agent": "./src/agent.ts:graph" },
  "http": {
    "cors": {
      "allow_origins": ["*"],
      "allow_credentials": true
    }
  }
}`,
      errors: [{ messageId: "langgraph", line: 5, column: 25, endLine: 5, endColumn: 28 }],
      output: null,
    },
    {
      name: "langgraph.json match-all origin regex",
      filename: "langgraph.json",
      code: `{"http": {"cors": {"allow_origin_regex": ".*", "allow_credentials": true}}}`,
      errors: [{ messageId: "langgraph", line: 1, column: 42, endColumn: 46 }],
    },
    {
      name: "serverless.yml http event cors",
      filename: "serverless.yml",
      code: `service: api
functions:
  api:
    handler: src/api.handler
    events:
      - http:
          path: /me
          method: get
          cors:
            origin: '*'
            allowCredentials: true
`,
      errors: [{ messageId: "apiGateway", line: 10, column: 21, endLine: 10, endColumn: 24 }],
    },
    {
      name: "serverless.yml provider.httpApi.cors",
      filename: "serverless.yml",
      code: `service: api
provider:
  name: aws
  httpApi:
    cors:
      allowedOrigins:
        - https://app.example.com
        - "*"
      allowCredentials: true
`,
      errors: [{ messageId: "apiGateway", line: 8, column: 11, endColumn: 14 }],
    },
    {
      name: "SAM Globals Api Cors and an HttpApi resource (CloudFormation tags elsewhere)",
      filename: "template.yaml",
      code: `Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    Cors:
      AllowOrigin: "'*'"
      AllowCredentials: true
Resources:
  Http:
    Type: AWS::Serverless::HttpApi
    Properties:
      StageName: !Ref Stage
      CorsConfiguration:
        AllowOrigins: ["*"]
        AllowCredentials: true
`,
      errors: [
        { messageId: "apiGateway", line: 5, column: 20, endColumn: 25 },
        { messageId: "apiGateway", line: 13, column: 24, endColumn: 27 },
      ],
    },
    {
      name: "Next.js next.config headers(): * with Allow-Credentials, cookies in use (next-auth): an error",
      filename: "next.config.mjs",
      files: { "package.json": '{"name":"web","dependencies":{"next":"15.0.0","next-auth":"4.24.11"}}' },
      code: `const nextConfig = {
  async headers() {
    return [
      {
        source: "/api/:path*",
        headers: [
          { key: "Access-Control-Allow-Origin", value: "*" },
          { key: "Access-Control-Allow-Credentials", value: "true" },
        ],
      },
    ];
  },
};
export default nextConfig;`,
      errors: [{ messageId: "wildcard", line: 7, column: 56, endColumn: 59, severity: "error" }],
    },
    {
      name: "no cookie or session use anywhere in the project: capped to a warning that says so",
      code: `export const handler = async () => ({
  statusCode: 200,
  headers: { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Credentials": true },
  body: "{}",
});`,
      errors: [
        {
          messageId: "wildcard",
          line: 3,
          column: 45,
          endColumn: 48,
          severity: "warning",
          detailIncludes: ["no cookie or session use was found"],
        },
      ],
    },
    {
      name: "res.cookie in another file of the project: an error",
      files: { "src/login.ts": `export function login(req, res) { res.cookie("sid", req.body.sid, { httpOnly: true }); }` },
      code: `import cors from "cors";\napp.use(cors({ origin: true, credentials: true }));`,
      errors: [{ messageId: "reflect", line: 2, column: 16, severity: "error" }],
    },
    {
      name: "express-session in package.json: an error",
      files: { "package.json": '{"name":"api","dependencies":{"express-session":"1.18.0"}}' },
      code: `import cors from "cors";\napp.use(cors({ origin: "*", credentials: true }));`,
      errors: [{ messageId: "wildcard", line: 2, column: 16, severity: "error" }],
    },
  ],
});

describe("cors-wildcard fix", () => {
  it("adds CORS_ORIGINS to .env.example when the project has one", () => {
    const code = `import cors from "cors";\napp.use(cors({ origin: true, credentials: true }));`;
    const { findings, root } = lintCase(rule, { code, files: { ".env.example": "PORT=3000\n" } });
    assert.equal(findings[0].fixes[0].title, `${TITLE} and add CORS_ORIGINS to .env.example`);
    assert.deepEqual(
      findings[0].fixes[0].edits.filter((e) => e.file),
      [{ file: path.join(root, ".env.example"), start: 10, end: 10, newText: "CORS_ORIGINS=\n" }],
    );
  });
  it("the envVar option names the variable", () => {
    const code = `import cors from "cors";\napp.use(cors({ origin: true, credentials: true }));`;
    const { findings } = lintCase(rule, { code, options: { envVar: "ALLOWED_ORIGINS" } });
    assert.equal(
      applyFirstFixes(code, findings),
      `import cors from "cors";\napp.use(cors({ origin: process.env.ALLOWED_ORIGINS?.split(",") ?? [], credentials: true }));`,
    );
  });
  it("the fixed file is clean", () => {
    const code = `import cors from "cors";\napp.use(cors({ credentials: true }));`;
    const { findings } = lintCase(rule, { code });
    assert.deepEqual(lintCase(rule, { code: applyFirstFixes(code, findings) }).findings, []);
  });
});

describeAnnotatedFixtures("cors-wildcard annotated fixtures", path.join(__dirname, "..", "fixtures", "rules", "cors-wildcard"));

describe("cors-wildcard near misses from real code", () => {
  it("a CORS library building * and credentials in different branches", () => {
    const code = `export const cors = (opts: { credentials: boolean; origins: string[] }) => {
  const allowOrigin = opts.origins.length === 1 ? { "access-control-allow-origin": opts.origins[0] } : { "access-control-allow-origin": "*" };
  const allowCredentials = opts.credentials ? { "access-control-allow-credentials": "true" } : undefined;
  return { ...allowOrigin, ...allowCredentials };
};`;
    assert.deepEqual(lintCase(rule, { code }).findings, []);
  });
  it("* for public routes and credentials in another branch", () => {
    const code = `export function headers(req, res, isPublic: boolean) {
  if (isPublic) {
    res.setHeader("Access-Control-Allow-Origin", "*");
  } else {
    res.setHeader("Access-Control-Allow-Origin", "https://app.example.com");
    res.setHeader("Access-Control-Allow-Credentials", "true");
  }
}`;
    assert.deepEqual(lintCase(rule, { code }).findings, []);
  });
});

describe("cors-wildcard suppressions in YAML", () => {
  it("a # comment above the value silences it", () => {
    const code = `functions:
  api:
    handler: src/api.handler
    events:
      - http:
          path: /me
          method: get
          cors:
            # deploygap-disable-next-line cors-wildcard -- internal tool behind the VPN
            origin: '*'
            allowCredentials: true
`;
    assert.deepEqual(lintCase(rule, { code, filename: "serverless.yml" }).findings, []);
  });
});
