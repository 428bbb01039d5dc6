import * as assert from "node:assert/strict";
import * as path from "node:path";
import rule from "../../rules/client-in-handler";
import { applyFirstFixes, lintCase, runRuleTests } from "../support/ruleTester";
import { describeAnnotatedFixtures } from "../support/annotatedFixtures";

const L = { target: "lambda" as const };
const V = { target: "vercel" as const, filename: "app/api/chat/route.ts" };

runRuleTests(rule, {
  valid: [
    {
      ...V,
      name: "route handler using a module-level client",
      code: `import OpenAI from "openai";\nconst openai = new OpenAI({ timeout: 10_000 });\nexport async function POST(req: Request) {\n  return Response.json(await openai.models.list());\n}\n`,
    },
    {
      ...V,
      name: "a non-route export on vercel is not a handler",
      code: `import OpenAI from "openai";\nexport function makeClient() {\n  return new OpenAI({ timeout: 10_000 });\n}\n`,
    },
    {
      ...V,
      name: "a route's client built from the user's own key is per-user by design",
      code: `import OpenAI from "openai";\nimport { getProfile } from "./profile";\nexport async function POST(req: Request) {\n  const profile = await getProfile();\n  const openai = new OpenAI({ apiKey: profile.openaiKey, timeout: 10_000 });\n  return Response.json(await openai.models.list());\n}\n`,
    },
    {
      ...L,
      name: "GET is not a Lambda handler name",
      code: `import OpenAI from "openai";\nexport async function GET(req) {\n  return new OpenAI({ timeout: 10_000 });\n}\n`,
    },
    {
      ...L,
      name: "client at module scope",
      code: `import { S3Client } from "@aws-sdk/client-s3";\nconst s3 = new S3Client({});\nexport const handler = async (event) => s3.send(event.cmd);`,
    },
    {
      ...L,
      name: "lazy module-level init with ??=",
      code: `import { Pool } from "pg";
let pool: Pool | undefined;
export const handler = async (event: { id: string }) => {
  pool ??= new Pool({ connectionString: process.env.DATABASE_URL });
  return pool.query("select 1");
};`,
    },
    {
      ...L,
      name: "lazy init guarded by if",
      code: `import OpenAI from "openai";
let openai;
export async function handler(event) {
  if (!openai) openai = new OpenAI({ timeout: 10_000 });
  return openai.responses.create({ model: "gpt-4o-mini", input: event.body });
}`,
    },
    {
      ...L,
      name: "lazy init in a getter with an early return",
      code: `import { MongoClient } from "mongodb";
let client: MongoClient | undefined;
export const handler = async (event: unknown) => {
  const db = await (async () => {
    if (client) return client;
    client = new MongoClient(process.env.MONGO_URL!);
    return client;
  })();
  return db;
};`,
    },
    {
      ...L,
      name: "x = x ?? new X()",
      code: `import Redis from "ioredis";\nlet redis;\nexport const handler = async (event) => {\n  redis = redis ?? new Redis(process.env.REDIS_URL);\n  return redis.get(event.key);\n};`,
    },
    {
      ...L,
      name: "cached ?? (cached = new X())",
      code: `import Redis from "ioredis";\nlet cached;\nexport const handler = async (event) => (cached ?? (cached = new Redis())).get(event.key);`,
    },
    {
      ...L,
      name: "a module-level cache keyed by region",
      code: `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
const clients = new Map<string, DynamoDBClient>();
export const handler = async (event: { region: string }) => {
  const client = clients.get(event.region) ?? clients.set(event.region, new DynamoDBClient({ region: event.region })).get(event.region)!;
  return client;
};`,
    },
    {
      ...L,
      name: "configured from the event (per-request credentials)",
      code: `import { S3Client } from "@aws-sdk/client-s3";
export const handler = async (event: { credentials: any }) => {
  const creds = event.credentials;
  const s3 = new S3Client({ credentials: creds });
  return s3;
};`,
    },
    {
      ...L,
      name: "commands are not clients",
      code: `import { S3Client, GetObjectCommand } from "@aws-sdk/client-s3";\nconst s3 = new S3Client({});\nexport const handler = async (event) => s3.send(new GetObjectCommand({ Bucket: "b", Key: event.key }));`,
    },
    {
      ...L,
      name: "an exception class is not a client",
      code: `import { NoSuchKey } from "@aws-sdk/client-s3";\nexport const handler = async (event) => { throw new NoSuchKey({ message: "x", $metadata: {} }); };`,
    },
    {
      ...L,
      name: "a function that is not the handler",
      code: `import { Pool } from "pg";\nexport function makePool(url: string) {\n  return new Pool({ connectionString: url });\n}`,
    },
    {
      ...L,
      name: "a non-exported helper without an event parameter",
      code: `import { Pool } from "pg";\nfunction connect() {\n  return new Pool();\n}\nexport const handler = async (event) => event;`,
    },
    {
      ...L,
      name: "a local class that shadows the import name",
      code: `class S3Client { constructor(readonly o: object) {} }\nexport const handler = async (event) => new S3Client({});`,
    },
    { ...L, name: "a shadowed import", code: `import { Pool } from "pg";\nexport const handler = async (event, Pool) => new Pool();` },
    {
      name: "not the lambda target",
      code: `import { S3Client } from "@aws-sdk/client-s3";\nexport function route(req) {\n  const s3 = new S3Client({});\n  return s3;\n}`,
      target: "container",
    },
    {
      ...L,
      name: "test files are not checked",
      filename: "src/handler.test.ts",
      code: `import { S3Client } from "@aws-sdk/client-s3";\nexport const handler = async (event) => new S3Client({});`,
    },
    {
      ...L,
      name: "AWS SDK v2 Config is not a client",
      code: `import AWS from "aws-sdk";\nexport const handler = async (event) => { const c = new AWS.Config({ region: "eu-west-1" }); return c; };`,
    },
  ],
  invalid: [
    {
      ...V,
      name: "a Next.js route handler builds its model client per request",
      code: `import OpenAI from "openai";\nexport async function POST(req: Request) {\n  const openai = new OpenAI({ timeout: 10_000 });\n  return Response.json(await openai.models.list());\n}\n`,
      errors: [{ messageId: "inRoute", line: 3, column: 18, endLine: 3, endColumn: 28, messageIncludes: ["route handler `POST`"] }],
      output: `import OpenAI from "openai";\nconst openai = new OpenAI({ timeout: 10_000 });\n\nexport async function POST(req: Request) {\n  return Response.json(await openai.models.list());\n}\n`,
    },
    {
      ...V,
      filename: "pages/api/report.ts",
      name: "a pages/api default export opens a pool per request",
      code: `import { Pool } from "pg";\nexport default async function (req, res) {\n  const pool = new Pool({ connectionString: process.env.DATABASE_URL });\n  res.json((await pool.query("select 1")).rows);\n}\n`,
      errors: [
        {
          messageId: "inRoute",
          line: 3,
          column: 16,
          endLine: 3,
          endColumn: 24,
          messageIncludes: ["route handler `default`"],
          detailIncludes: ["pool"],
        },
      ],
    },
    {
      ...L,
      name: "AWS SDK v3 client in an arrow handler: hoisted above it",
      code: `import { S3Client, GetObjectCommand } from "@aws-sdk/client-s3";

export const handler = async (event: { key: string }) => {
  const s3 = new S3Client({ region: process.env.AWS_REGION });
  return s3.send(new GetObjectCommand({ Bucket: process.env.BUCKET, Key: event.key }));
};
`,
      errors: [
        {
          messageId: "inHandler",
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 26,
          messageIncludes: ["new S3Client() is created inside the Lambda handler `handler`"],
          fixTitles: ["Move s3 to module scope (created once per container)"],
        },
      ],
      output: `import { S3Client, GetObjectCommand } from "@aws-sdk/client-s3";

const s3 = new S3Client({ region: process.env.AWS_REGION });

export const handler = async (event: { key: string }) => {
  return s3.send(new GetObjectCommand({ Bucket: process.env.BUCKET, Key: event.key }));
};
`,
    },
    {
      ...L,
      name: "pg Pool in a function declaration, multi-line options and a comment move with it",
      code: `import { Pool } from "pg";

/** Lists orders. */
export async function handler(event) {
  // one pool per request: slow
  const pool = new Pool({
    connectionString: process.env.DATABASE_URL,
    max: 1,
  });
  const { rows } = await pool.query("select * from orders where user_id = $1", [event.userId]);
  return rows;
}
`,
      errors: [
        {
          messageId: "inHandler",
          line: 6,
          column: 16,
          endLine: 6,
          endColumn: 24,
          messageIncludes: ["new Pool()"],
          detailIncludes: ["exhausting the database's connection limit"],
        },
      ],
      output: `import { Pool } from "pg";

// one pool per request: slow
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: 1,
});

/** Lists orders. */
export async function handler(event) {
  const { rows } = await pool.query("select * from orders where user_id = $1", [event.userId]);
  return rows;
}
`,
    },
    {
      ...L,
      name: "DynamoDB document client built on a client: one finding, both move",
      code: `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";

export const handler = async (event) => {
  const client = new DynamoDBClient({});
  const doc = DynamoDBDocumentClient.from(client);
  return doc.send(new GetCommand({ TableName: "t", Key: { id: event.id } }));
};
`,
      errors: [
        { messageId: "inHandler", line: 5, column: 18, fixTitles: ["Move client and doc to module scope (created once per container)"] },
      ],
      output: `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";

const client = new DynamoDBClient({});
const doc = DynamoDBDocumentClient.from(client);

export const handler = async (event) => {
  return doc.send(new GetCommand({ TableName: "t", Key: { id: event.id } }));
};
`,
    },
    {
      ...L,
      name: "nested construction reported once, at the outer call",
      code: `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
export const handler = async (event) => {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  return doc;
};`,
      errors: [
        { messageId: "inHandler", line: 4, column: 15, endLine: 4, endColumn: 42, messageIncludes: ["DynamoDBDocumentClient.from()"] },
      ],
    },
    {
      ...L,
      name: "middy-wrapped handler",
      code: `import middy from "@middy/core";
import OpenAI from "openai";
export const handler = middy(async (event) => {
  const openai = new OpenAI({ timeout: 10_000 });
  return openai.responses.create({ model: "gpt-4o-mini", input: event.body });
}).use(jsonBodyParser());`,
      errors: [{ messageId: "inHandler", line: 4, column: 18, messageIncludes: ["new OpenAI()"], detailIncludes: ["model API"] }],
      output: `import middy from "@middy/core";
import OpenAI from "openai";
const openai = new OpenAI({ timeout: 10_000 });

export const handler = middy(async (event) => {
  return openai.responses.create({ model: "gpt-4o-mini", input: event.body });
}).use(jsonBodyParser());`,
    },
    {
      ...L,
      // Issue 16: the wrapped function is named, not inline.
      name: "middy(baseHandler).use(...) wrapping a named function",
      code: `import middy from "@middy/core";
import OpenAI from "openai";
const baseHandler = async (event) => {
  const openai = new OpenAI({ timeout: 10_000 });
  return openai.responses.create({ model: "gpt-4o-mini", input: event.body });
};
export const handler = middy(baseHandler).use(jsonBodyParser());`,
      errors: [{ messageId: "inHandler", line: 4, column: 18, messageIncludes: ["new OpenAI()", "`handler`"] }],
      output: `import middy from "@middy/core";
import OpenAI from "openai";
const openai = new OpenAI({ timeout: 10_000 });

const baseHandler = async (event) => {
  return openai.responses.create({ model: "gpt-4o-mini", input: event.body });
};
export const handler = middy(baseHandler).use(jsonBodyParser());`,
    },
    {
      ...L,
      name: "CommonJS exports.handler with AWS SDK v2",
      filename: "src/handler.js",
      code: `const AWS = require("aws-sdk");
exports.handler = async (event) => {
  const sqs = new AWS.SQS();
  await sqs.sendMessage({ QueueUrl: process.env.QUEUE_URL, MessageBody: event.body }).promise();
};
`,
      errors: [{ messageId: "inHandler", line: 3, column: 15, messageIncludes: ["new AWS.SQS()"] }],
      output: `const AWS = require("aws-sdk");
const sqs = new AWS.SQS();

exports.handler = async (event) => {
  await sqs.sendMessage({ QueueUrl: process.env.QUEUE_URL, MessageBody: event.body }).promise();
};
`,
    },
    {
      ...L,
      name: "module.exports = { handler } and mysql.createPool",
      filename: "src/orders.cjs",
      code: `const mysql = require("mysql2/promise");
async function handler(event) {
  const db = mysql.createPool(process.env.DATABASE_URL);
  return db.query("select 1");
}
module.exports = { handler };
`,
      errors: [{ messageId: "inHandler", line: 3, column: 14, messageIncludes: ["mysql.createPool()"] }],
    },
    {
      ...L,
      name: "export { main as handler } and PrismaClient",
      code: `import { PrismaClient } from "@prisma/client";
const main = async (evt) => {
  const prisma = new PrismaClient();
  return prisma.user.findMany();
};
export { main as handler };`,
      errors: [{ messageId: "inHandler", line: 3, column: 18 }],
    },
    {
      ...L,
      name: "an exported function taking the event, with redis createClient",
      code: `import { createClient } from "redis";
export async function processOrder(event) {
  const redis = await createClient({ url: process.env.REDIS_URL }).connect();
  return redis.get(event.id);
}`,
      errors: [{ messageId: "inHandler", line: 3, column: 23 }],
      output: null,
    },
    {
      ...L,
      name: "configured from a value the handler fetches: report, no hoist",
      code: `import OpenAI from "openai";
import { getSecret } from "./secrets.js";
export const handler = async (event) => {
  const apiKey = await getSecret("openai");
  const openai = new OpenAI({ apiKey, timeout: 10_000 });
  return openai.models.list();
};`,
      errors: [{ messageId: "inHandlerComputed", line: 5, column: 18, detailIncludes: ["openai ??= ..."] }],
      output: null,
    },
    {
      ...L,
      name: "unconditional reassignment of a module-level variable is not lazy",
      code: `import { Pool } from "pg";
let pool;
export const handler = async (event) => {
  pool = new Pool();
  return pool.query(event.sql);
};`,
      errors: [{ messageId: "inHandler", line: 4, column: 10 }],
      output: null,
    },
    {
      ...L,
      name: "LangChain chat model and Anthropic",
      code: `import { ChatAnthropic } from "@langchain/anthropic";
import Anthropic from "@anthropic-ai/sdk";
export const handler = async (event) => {
  const model = new ChatAnthropic({ model: "claude-3-5-haiku-latest" });
  const raw = new Anthropic();
  return [model, raw, event];
};`,
      errors: [
        { messageId: "inHandler", line: 4, column: 17 },
        { messageId: "inHandler", line: 5, column: 15 },
      ],
    },
    {
      ...L,
      name: "no hoist when the name is taken at module level",
      code: `import { S3Client } from "@aws-sdk/client-s3";
const s3 = "unused";
export const handler = async (event) => {
  const s3 = new S3Client({});
  return s3;
};`,
      errors: [{ messageId: "inHandler", line: 4, column: 14 }],
      output: null,
    },
    {
      ...L,
      name: "no hoist when it uses a module-level const declared below the handler",
      code: `import { S3Client } from "@aws-sdk/client-s3";
export const handler = async (event) => {
  const s3 = new S3Client({ region: REGION });
  return s3;
};
const REGION = "eu-west-1";`,
      errors: [{ messageId: "inHandler", line: 3, column: 14 }],
      output: null,
    },
    {
      name: "target detected from the exported handler in a container project",
      code: `import { SQSClient } from "@aws-sdk/client-sqs";
export const handler = async (event, context) => {
  const sqs = new SQSClient({});
  return sqs;
};`,
      errors: [{ messageId: "inHandler", line: 3, column: 15 }],
    },
  ],
});

describe("client-in-handler fixes", () => {
  it("the hoisted file is clean when linted again", () => {
    const code = `import { S3Client } from "@aws-sdk/client-s3";\nexport const handler = async (event) => {\n  const s3 = new S3Client({});\n  return s3;\n};\n`;
    const { findings } = lintCase(rule, { code, target: "lambda" });
    assert.equal(findings.length, 1);
    assert.deepEqual(lintCase(rule, { code: applyFirstFixes(code, findings), target: "lambda" }).findings, []);
  });
  it("offers suggestions only", () => {
    assert.equal(rule.meta.fix, "suggestion");
    const { findings } = lintCase(rule, {
      code: `import { S3Client } from "@aws-sdk/client-s3";\nexport const handler = async (event) => {\n  const s3 = new S3Client({});\n  return s3;\n};\n`,
      target: "lambda",
    });
    assert.deepEqual(
      findings.flatMap((f) => f.fixes.map((x) => x.kind)),
      ["suggestion"],
    );
  });
});

describeAnnotatedFixtures("client-in-handler annotated fixtures", path.join(__dirname, "..", "fixtures", "rules", "client-in-handler"));
