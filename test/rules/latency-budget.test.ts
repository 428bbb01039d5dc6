import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createLinter } from "../../server/src/engine/createLinter";
import { explain } from "../../server/src/engine/explain";
import { ProjectModel } from "../../server/src/engine/project";
import { allRules, rulesById } from "../../rules/index";
import { describeAnnotatedFixtures } from "../support/annotatedFixtures";
import rule from "../../rules/latency-budget";
import { lintCase, runRuleTests, type InvalidCase, type ValidCase } from "../support/ruleTester";

/** A Serverless Framework function `api` whose handler is src/file.handler, behind API Gateway. */
const sls = (events: string, timeout = "") => ({
  "serverless.yml": `service: s\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  api:\n    handler: src/file.handler\n${timeout}    events:\n${events}`,
});
const REST = "      - http:\n          path: /chat\n          method: post\n";
const QUEUE = "      - sqs: arn:aws:sqs:eu-west-1:1:q\n";
const T60 = "    timeout: 60\n";

/** A CDK app whose stack is lib/stack.ts; its functions' entries are lambda/*.ts. */
const cdkApp = (...entries: string[]) => ({
  "cdk.json": '{ "app": "npx ts-node bin/app.ts" }',
  ...Object.fromEntries(entries.map((e) => [`lambda/${e}.ts`, "export const handler = async (event: unknown) => event;\n"])),
});
const stack = (body: string) => `import { Duration, Stack } from "aws-cdk-lib";
import * as apigw from "aws-cdk-lib/aws-apigateway";
import * as events from "aws-cdk-lib/aws-events";
import * as targets from "aws-cdk-lib/aws-events-targets";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
export class S extends Stack {
  constructor(scope: never, id: string) {
    super(scope, id);
${body}  }
}
declare const http: any;
`;

const twoCalls = `import OpenAI from "openai";
const openai = new OpenAI({ timeout: 15_000 });
export const handler = async (event) => {
  const profile = await fetch("https://api.example.com/p", { signal: AbortSignal.timeout(8_000) });
  const answer = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [] });
  return { statusCode: 200, body: JSON.stringify({ profile, answer }) };
};
`;

/** Helpers in another module of the project (issue 19: paths follow imported helpers). */
const HELPERS = {
  "src/lib/clients.ts": `import OpenAI from "openai";
const openai = new OpenAI({ timeout: 15_000 });
export async function loadProfile(id: string) {
  return fetch(\`https://api.example.com/p/\${id}\`, { signal: AbortSignal.timeout(8_000) });
}
export const summarize = async (text: string) => openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: text }] });
export async function quick(id: string) {
  return fetch(\`https://api.example.com/q/\${id}\`, { signal: AbortSignal.timeout(2_000) });
}
`,
};

/** A graph whose entry node calls OpenAI (15 s x 3), and a conditional branch to a slow node. */
const GRAPH = (entryTimeout: string) => `import OpenAI from "openai";
import { StateGraph, START, END, MessagesAnnotation } from "@langchain/langgraph";
const openai = new OpenAI({ timeout: ${entryTimeout} });
const slow = new OpenAI({ timeout: 60_000 });
async function agent(state: typeof MessagesAnnotation.State) {
  await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [] });
  return {};
}
const research = async () => {
  await slow.chat.completions.create({ model: "o3", messages: [] });
  return {};
};
const graph = new StateGraph(MessagesAnnotation)
  .addNode("agent", agent)
  .addNode("research", research)
  .addEdge(START, "agent")
  .addConditionalEdges("agent", (s) => (s.messages.length > 3 ? END : "research"))
  .addEdge("research", "agent")
  .compile();
export const handler = async (event) => {
  const out = await graph.invoke({ messages: [] });
  return { statusCode: 200, body: JSON.stringify(out) };
};
`;

const valid: ValidCase[] = [
  {
    // Only the nodes every run goes through count: the research branch is conditional.
    name: "a graph whose certain path (START -> agent, 5 s x 3) fits the gateway",
    target: "lambda",
    files: sls(REST, T60),
    code: GRAPH("5_000"),
  },
  {
    name: "imported helpers whose calls fit the gateway's 29 s",
    target: "lambda",
    files: { ...sls(REST, T60), ...HELPERS },
    code: `import { quick } from "./lib/clients.js";
export const handler = async (event) => {
  await quick(event.id);
  await quick(event.other);
  return { statusCode: 200 };
};
`,
  },
  {
    name: "calls that fit the gateway's 29 s",
    target: "lambda",
    files: sls(REST, T60),
    code: `import OpenAI from "openai";
const openai = new OpenAI({ timeout: 8_000, maxRetries: 1 });
export const handler = async (event) => {
  await fetch("https://api.example.com/p", { signal: AbortSignal.timeout(5_000) });
  return openai.chat.completions.create({ model: "gpt-4o-mini", messages: [] });
};
`,
  },
  { name: "a queue consumer: nothing waits on it", target: "lambda", files: sls(QUEUE, T60), code: twoCalls },
  {
    name: "Promise.all takes the largest, not the sum",
    target: "lambda",
    files: sls(REST, T60),
    code: `export const handler = async (event) => {
  const [a, b] = await Promise.all([
    fetch("https://a.example.com", { signal: AbortSignal.timeout(20_000) }),
    fetch("https://b.example.com", { signal: AbortSignal.timeout(20_000) }),
  ]);
  return { statusCode: 200 };
};
`,
  },
  {
    name: "branches take the worst arm, an early return does not add",
    target: "lambda",
    files: sls(REST, T60),
    code: `export const handler = async (event) => {
  if (event.cached) {
    await fetch("https://a.example.com", { signal: AbortSignal.timeout(20_000) });
    return { statusCode: 200 };
  }
  await fetch("https://b.example.com", { signal: AbortSignal.timeout(20_000) });
  return { statusCode: 200 };
};
`,
  },
  {
    name: "calls with no timeout alone are missing-timeout's",
    target: "lambda",
    files: sls(REST, T60),
    code: `export const handler = async (event) => {
  await fetch("https://a.example.com");
  return { statusCode: 200 };
};
`,
  },
  {
    name: "options we cannot read are not counted",
    target: "lambda",
    files: sls(REST, T60),
    code: `export const handler = async (event, opts) => {
  await fetch("https://a.example.com", { ...opts });
  await fetch("https://b.example.com", { signal: event.signal });
  return { statusCode: 200 };
};
`,
  },
  {
    name: "an Express route without a configured limit",
    code: `import express from "express";
import OpenAI from "openai";
const openai = new OpenAI();
const app = express();
app.post("/chat", async (req, res) => {
  res.json(await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [] }));
});
`,
  },
  {
    name: "serverless.yml: a timeout under the gateway",
    filename: "serverless.yml",
    code: `service: s\nprovider:\n  name: aws\n  timeout: 25\nfunctions:\n  api:\n    handler: src/file.handler\n    events:\n      - httpApi: "POST /chat"\n`,
  },
  {
    name: "serverless.yml: a long timeout without a gateway (a queue consumer)",
    filename: "serverless.yml",
    code: `service: s\nprovider:\n  name: aws\nfunctions:\n  worker:\n    handler: src/file.handler\n    timeout: 900\n    events:\n      - schedule: rate(1 hour)\n`,
  },
  {
    name: "SAM: a timeout under the gateway",
    filename: "template.yaml",
    code: `Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: src/file.handler\n      Runtime: nodejs20.x\n      Timeout: 29\n      Events:\n        Chat:\n          Type: Api\n          Properties:\n            Path: /chat\n            Method: post\n`,
  },
  {
    name: "CDK: timeouts within the gateways' limits (29 s REST, 30 s HTTP API)",
    filename: "lib/stack.ts",
    files: cdkApp("chat", "ask"),
    code: stack(`    const chat = new NodejsFunction(this, "chat", { entry: "lambda/chat.ts", timeout: Duration.seconds(29) });
    new apigw.LambdaRestApi(this, "api", { handler: chat });
    const ask = new NodejsFunction(this, "ask", { entry: "lambda/ask.ts", timeout: Duration.seconds(30) });
    http.addRoutes({ path: "/ask", integration: new HttpLambdaIntegration("Ask", ask) });
`),
  },
  {
    name: "CDK: a long timeout on a function with no gateway, and on a scheduled one",
    filename: "lib/stack.ts",
    files: cdkApp("worker", "digest"),
    code: stack(`    const worker = new NodejsFunction(this, "worker", { entry: "lambda/worker.ts", timeout: Duration.minutes(15) });
    const digest = new NodejsFunction(this, "digest", { entry: "lambda/digest.ts", timeout: Duration.seconds(300) });
    new events.Rule(this, "nightly", { schedule: events.Schedule.cron({ hour: "3" }), targets: [new targets.LambdaFunction(digest)] });
    const api = new apigw.RestApi(this, "api");
    api.root.addMethod("GET", new apigw.MockIntegration());
`),
  },
];

const invalid: InvalidCase[] = [
  {
    // Issue 19: a graph run costs at least the nodes every run goes through.
    name: "graph.invoke whose entry node makes a 15 s x 3 OpenAI call behind API Gateway (29 s)",
    target: "lambda",
    files: sls(REST, T60),
    code: GRAPH("15_000"),
    errors: [
      {
        messageId: "overBudget",
        line: 20,
        column: 14,
        endColumn: 21,
        messageIncludes: ["can wait 45 s on its calls, past"],
        detailIncludes: ["graph.invoke → agent → openai.chat.completions.create"],
        fixTitles: [],
      },
    ],
  },
  {
    // Issue 19: the path follows helpers another module exports; their calls stand at the helper's call.
    name: "imported helpers: 8 s fetch + 15 s x 3 OpenAI = 53 s behind API Gateway (29 s)",
    target: "lambda",
    files: { ...sls(REST, T60), ...HELPERS },
    code: `import { loadProfile, summarize } from "./lib/clients.js";
export const handler = async (event) => {
  const profile = await loadProfile(event.id);
  const answer = await summarize(JSON.stringify(profile));
  return { statusCode: 200, body: JSON.stringify(answer) };
};
`,
    errors: [
      {
        messageId: "overBudget",
        line: 2,
        column: 14,
        endColumn: 21,
        messageIncludes: ["can wait 53 s on its calls, past"],
        detailIncludes: ["loadProfile() → fetch", "summarize() → openai.chat.completions.create"],
        fixTitles: [],
      },
    ],
  },
  {
    name: "8 s fetch + 15 s x 3 OpenAI = 53 s behind API Gateway (29 s)",
    target: "lambda",
    files: sls(REST, T60),
    code: twoCalls,
    errors: [
      {
        messageId: "overBudget",
        line: 3,
        column: 14,
        endColumn: 21,
        fixTitles: ["Fit the path in 26 s of the 29 s limit: openai.chat.completions.create 18 s, no retries"],
      },
    ],
    output: `import OpenAI from "openai";
const openai = new OpenAI({ timeout: 15_000 });
export const handler = async (event) => {
  const profile = await fetch("https://api.example.com/p", { signal: AbortSignal.timeout(8_000) });
  const answer = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [] }, { timeout: 18_000, maxRetries: 0 });
  return { statusCode: 200, body: JSON.stringify({ profile, answer }) };
};
`,
  },
  {
    name: "the function timeout (serverless default 6 s) is the shorter limit",
    target: "lambda",
    files: sls(REST),
    code: `export async function handler(event) {
  await fetch("https://a.example.com", { signal: AbortSignal.timeout(5_000) });
  await fetch("https://b.example.com", { signal: AbortSignal.timeout(5_000) });
  return { statusCode: 200 };
}
`,
    errors: [{ messageId: "overBudget", line: 1, column: 23, endColumn: 30 }],
    output: `export async function handler(event) {
  await fetch("https://a.example.com", { signal: AbortSignal.timeout(2_000) });
  await fetch("https://b.example.com", { signal: AbortSignal.timeout(2_000) });
  return { statusCode: 200 };
}
`,
  },
  {
    name: "a same-file helper is followed",
    target: "lambda",
    files: sls(REST, T60),
    code: `import Anthropic from "@anthropic-ai/sdk";
const anthropic = new Anthropic();
async function summarize(text) {
  return anthropic.messages.create({ model: "claude-sonnet-4-5", max_tokens: 512, messages: [{ role: "user", content: text }] });
}
exports.handler = async (event) => {
  const summary = await summarize(event.body);
  return { statusCode: 200, body: summary };
};
`,
    errors: [{ messageId: "overBudget", line: 6, column: 9, endColumn: 16 }],
    output: `import Anthropic from "@anthropic-ai/sdk";
const anthropic = new Anthropic();
async function summarize(text) {
  return anthropic.messages.create({ model: "claude-sonnet-4-5", max_tokens: 512, messages: [{ role: "user", content: text }] }, { timeout: 26_000, maxRetries: 0 });
}
exports.handler = async (event) => {
  const summary = await summarize(event.body);
  return { statusCode: 200, body: summary };
};
`,
  },
  {
    name: "a wrapped handler (middy) is followed into its function",
    target: "lambda",
    files: sls(REST, T60),
    code: `import middy from "@middy/core";
import OpenAI from "openai";
const openai = new OpenAI({ timeout: 30_000, maxRetries: 0 });
export const handler = middy(async (event) => {
  return openai.responses.create({ model: "gpt-4o-mini", input: event.body });
}).use({});
`,
    errors: [{ messageId: "overBudget", line: 4, column: 14, endColumn: 21 }],
    output: `import middy from "@middy/core";
import OpenAI from "openai";
const openai = new OpenAI({ timeout: 30_000, maxRetries: 0 });
export const handler = middy(async (event) => {
  return openai.responses.create({ model: "gpt-4o-mini", input: event.body }, { timeout: 26_000, maxRetries: 0 });
}).use({});
`,
  },
  {
    name: "Next.js route with maxDuration",
    filename: "app/api/report/route.ts",
    code: `export const maxDuration = 10;
export async function POST(req: Request) {
  const a = await fetch("https://a.example.com", { signal: AbortSignal.timeout(8_000) });
  const b = await fetch("https://b.example.com", { signal: AbortSignal.timeout(8_000) });
  return Response.json({ a, b });
}
`,
    errors: [{ messageId: "overBudget", line: 2, column: 23, endColumn: 27 }],
    output: `export const maxDuration = 10;
export async function POST(req: Request) {
  const a = await fetch("https://a.example.com", { signal: AbortSignal.timeout(4_000) });
  const b = await fetch("https://b.example.com", { signal: AbortSignal.timeout(4_000) });
  return Response.json({ a, b });
}
`,
  },
  {
    name: "an Express route over the project's own limit",
    options: { requestSeconds: 30 },
    code: `import express from "express";
import axios from "axios";
const app = express();
app.post("/report", async (req, res) => {
  const a = await axios.get("https://a.example.com", { timeout: 20_000 });
  const b = await axios.post("https://b.example.com", a.data, { timeout: 20_000 });
  res.json(b.data);
});
`,
    errors: [{ messageId: "overBudget", line: 4, column: 10, endColumn: 19 }],
    output: `import express from "express";
import axios from "axios";
const app = express();
app.post("/report", async (req, res) => {
  const a = await axios.get("https://a.example.com", { timeout: 13_000 });
  const b = await axios.post("https://b.example.com", a.data, { timeout: 13_000 });
  res.json(b.data);
});
`,
  },
  {
    name: "fix: an unbounded fetch gets a signal, and the bounded ones a share of what is left",
    target: "lambda",
    files: sls(REST, T60),
    code: `export const handler = async (event) => {
  const a = await fetch("https://a.example.com", { signal: AbortSignal.timeout(20_000) });
  const b = await fetch("https://b.example.com", {
    method: "POST",
    signal: AbortSignal.timeout(20_000),
  });
  await fetch("https://audit.example.com");
  return { statusCode: 200 };
};
`,
    errors: [
      {
        messageId: "overBudget",
        line: 1,
        column: 14,
        endColumn: 21,
        fixTitles: ["Fit the path in 26 s of the 29 s limit: 8 s for each of 3 calls"],
      },
    ],
    output: `export const handler = async (event) => {
  const a = await fetch("https://a.example.com", { signal: AbortSignal.timeout(8_000) });
  const b = await fetch("https://b.example.com", {
    method: "POST",
    signal: AbortSignal.timeout(8_000),
  });
  await fetch("https://audit.example.com", { signal: AbortSignal.timeout(8_000) });
  return { statusCode: 200 };
};
`,
  },
  {
    name: "fix: a model call's own options object gets its timeout and retries",
    target: "lambda",
    files: sls(REST, T60),
    code: `import OpenAI from "openai";
const openai = new OpenAI();
export const handler = async (event) => {
  const answer = await openai.chat.completions.create(
    { model: "gpt-4o-mini", messages: [] },
    {
      timeout: 20_000,
      headers: { "x-request-id": event.id },
    },
  );
  return { statusCode: 200, body: JSON.stringify(answer) };
};
`,
    errors: [{ messageId: "overBudget", line: 3, column: 14, endColumn: 21 }],
    output: `import OpenAI from "openai";
const openai = new OpenAI();
export const handler = async (event) => {
  const answer = await openai.chat.completions.create(
    { model: "gpt-4o-mini", messages: [] },
    {
      timeout: 26_000,
      headers: { "x-request-id": event.id },
      maxRetries: 0,
    },
  );
  return { statusCode: 200, body: JSON.stringify(answer) };
};
`,
  },
  {
    name: "axios(config): the timeout is read from the config itself, and set there",
    options: { requestSeconds: 30 },
    code: `import express from "express";
import axios from "axios";
const app = express();
app.post("/report", async (req, res) => {
  const a = await axios({ url: "https://a.example.com", timeout: 20_000 });
  const b = await axios({ url: "https://b.example.com", method: "post", data: a.data, timeout: 20_000 });
  res.json(b.data);
});
`,
    errors: [{ messageId: "overBudget", line: 4, column: 10, endColumn: 19 }],
    output: `import express from "express";
import axios from "axios";
const app = express();
app.post("/report", async (req, res) => {
  const a = await axios({ url: "https://a.example.com", timeout: 13_000 });
  const b = await axios({ url: "https://b.example.com", method: "post", data: a.data, timeout: 13_000 });
  res.json(b.data);
});
`,
  },
  {
    name: "no fix: an unbounded call whose options are a shared const",
    target: "lambda",
    files: sls(REST, T60),
    code: `const opts = { method: "POST" };
export const handler = async (event) => {
  await fetch("https://a.example.com", { signal: AbortSignal.timeout(20_000) });
  await fetch("https://b.example.com", { signal: AbortSignal.timeout(20_000) });
  await fetch("https://c.example.com", opts);
  return { statusCode: 200 };
};
`,
    errors: [{ messageId: "overBudget", line: 2, column: 14, endColumn: 21 }],
    output: null,
  },
  {
    name: "no fix: a LangChain model's retries are set on the model, not on the call",
    target: "lambda",
    files: sls(REST, T60),
    code: `import { ChatOpenAI } from "@langchain/openai";
const model = new ChatOpenAI({ model: "gpt-4o-mini", timeout: 10_000 });
export const handler = async (event) => {
  const answer = await model.invoke(event.body);
  return { statusCode: 200, body: String(answer.content) };
};
`,
    errors: [{ messageId: "overBudget", line: 3, column: 14, endColumn: 21 }],
    output: null,
  },
  {
    name: "serverless.yml: a function timeout above the REST gateway",
    filename: "serverless.yml",
    code: `service: s\nprovider:\n  name: aws\nfunctions:\n  api:\n    handler: src/file.handler\n    timeout: 60\n    events:\n      - http:\n          path: /chat\n          method: post\n`,
    errors: [{ messageId: "gatewayTimeout", line: 7, column: 14, endColumn: 16 }],
  },
  {
    name: "serverless.yml: a provider timeout shared by two HTTP API functions is reported once",
    filename: "serverless.yml",
    code: `service: s\nprovider:\n  name: aws\n  timeout: 120\nfunctions:\n  a:\n    handler: src/a.handler\n    events:\n      - httpApi: "POST /a"\n  b:\n    handler: src/b.handler\n    events:\n      - httpApi: "POST /b"\n`,
    errors: [{ messageId: "gatewayTimeout", line: 4, column: 12, endColumn: 15 }],
  },
  {
    name: "SAM: Globals Timeout above the gateway of an Api event",
    filename: "template.yaml",
    code: `Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Timeout: 300\nResources:\n  Api:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: src/file.handler\n      Runtime: nodejs20.x\n      Events:\n        Chat:\n          Type: Api\n          Properties:\n            Path: /chat\n            Method: post\n`,
    errors: [{ messageId: "gatewayTimeout", line: 4, column: 14, endColumn: 17 }],
  },
  {
    name: "CDK: a function timeout above the REST API it is handed to, at the Duration",
    filename: "lib/stack.ts",
    files: cdkApp("chat", "digest"),
    code: stack(`    const chat = new NodejsFunction(this, "chat", { entry: "lambda/chat.ts", timeout: Duration.seconds(60) });
    new apigw.LambdaRestApi(this, "api", { handler: chat });
    const digest = new NodejsFunction(this, "digest", { entry: "lambda/digest.ts", timeout: Duration.minutes(15) });
    new events.Rule(this, "nightly", { schedule: events.Schedule.cron({ hour: "3" }), targets: [new targets.LambdaFunction(digest)] });
`),
    errors: [
      {
        messageId: "gatewayTimeout",
        line: 10,
        column: 87,
        endColumn: 107,
        messageIncludes: ["`chat` has a 60 s timeout, but API Gateway (REST API) gives up after 29 s"],
      },
    ],
  },
  {
    name: "CDK: a this. field in minutes behind an HTTP API integration",
    filename: "lib/stack.ts",
    files: cdkApp("ask"),
    code: stack(`    this.ask = new NodejsFunction(this, "ask", { entry: "lambda/ask.ts", timeout: Duration.minutes(2) });
    http.addRoutes({ path: "/ask", integration: new HttpLambdaIntegration("Ask", this.ask) });
`),
    errors: [
      {
        messageId: "gatewayTimeout",
        line: 10,
        column: 83,
        endColumn: 102,
        messageIncludes: ["`ask` has a 120 s timeout, but API Gateway (HTTP API) gives up after 30 s"],
      },
    ],
  },
];

runRuleTests(rule, { valid, invalid });

describe("latency-budget fix: the fixed text fits the budget", () => {
  for (const c of invalid.filter((x) => typeof x.output === "string")) {
    it(c.name!, () => {
      const { findings } = lintCase(rule, { ...c, code: c.output! });
      assert.deepEqual(
        findings.map((f) => f.message),
        [],
      );
    });
  }
});

describeAnnotatedFixtures("latency-budget annotated fixtures", path.join(__dirname, "..", "fixtures", "rules", "latency-budget"));

describe("latency-budget on the fixtures' deploy configs", () => {
  const { linter } = createLinter();
  const dir = path.join(__dirname, "..", "fixtures", "rules", "latency-budget");
  const lines = (rel: string) =>
    linter
      .lint(path.join(dir, rel), fs.readFileSync(path.join(dir, rel), "utf8"))
      .findings.filter((f) => f.ruleId === "latency-budget")
      .map((f) => `${f.line + 1}:${f.character + 1}`);
  it("serverless.yml: the 60 s timeout behind the REST API, not the 29 s one, not the schedule's 900 s", () => {
    assert.deepEqual(lines("serverless-api/serverless.yml"), ["8:14"]);
  });
  it("template.yaml: the 120 s Timeout behind the REST API, not the 10 s Globals", () => {
    assert.deepEqual(lines("sam-api/template.yaml"), ["24:16"]);
  });
  it("a CDK stack: the 60 s Duration of the function handed to LambdaRestApi", () => {
    assert.deepEqual(lines("cdk-app/lib/stack.ts"), ["9:90"]);
  });
});

describe("deploy units: the API Gateway in front of a function (detectors.ts)", () => {
  const dir = path.join(__dirname, "..", "fixtures", "rules", "latency-budget");
  const limitsOf = (rel: string) => {
    const file = path.join(dir, rel);
    return explain(file, fs.readFileSync(file, "utf8"), new ProjectModel(rulesById), allRules, dir).unit?.limits;
  };
  it("serverless `http` event: REST; `httpApi`: HTTP API; a schedule: none", () => {
    assert.equal(limitsOf("serverless-api/src/chat.mjs")?.gateway, "rest");
    assert.equal(limitsOf("serverless-api/src/quick.mjs")?.gateway, "http");
    assert.equal(limitsOf("serverless-api/src/digest.mjs")?.gateway, undefined);
  });
  it("lists each call on the path as related information: where it is, its worst case and how that was read", () => {
    const file = path.join(dir, "serverless-api", "src", "chat.mjs");
    const text = fs.readFileSync(file, "utf8");
    const finding = createLinter()
      .linter.lint(file, text)
      .findings.find((f) => f.ruleId === "latency-budget")!;
    const related = (finding.related ?? []).map((r) => [text.slice(r.start, r.end).split("(")[0], r.message.split(";")[0]]);
    assert.deepEqual(related, [
      ["fetch", "fetch 8 s (line 7)"],
      ["openai.chat.completions.create", "openai.chat.completions.create 15 s x 3 = 45 s (line 13)"],
    ]);
    assert.ok(
      finding.related!.every((r) => /; \S/.test(r.message)),
      "each says how its numbers were read",
    );
  });
  it("CDK: LambdaRestApi, LambdaIntegration and HttpLambdaIntegration put a gateway in front of the function they are handed", () => {
    assert.equal(limitsOf("cdk-app/lambda/handler.ts")?.gateway, "rest");
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "deploygap-cdk-"));
    try {
      fs.writeFileSync(path.join(root, "cdk.json"), '{ "app": "npx ts-node bin/app.ts" }');
      fs.writeFileSync(path.join(root, "package.json"), '{ "name": "stack" }');
      fs.mkdirSync(path.join(root, "lib"));
      fs.mkdirSync(path.join(root, "lambda"));
      for (const f of ["ask", "report", "cron"])
        fs.writeFileSync(path.join(root, "lambda", `${f}.ts`), "export const handler = async (event: unknown) => event;\n");
      fs.writeFileSync(
        path.join(root, "lib", "stack.ts"),
        `import { Stack } from "aws-cdk-lib";
import * as apigw from "aws-cdk-lib/aws-apigateway";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
export class S extends Stack {
  readonly report: NodejsFunction;
  constructor(scope: never, id: string) {
    super(scope, id);
    const ask = new NodejsFunction(this, "ask", { entry: "lambda/ask.ts" });
    this.report = new NodejsFunction(this, "report", { entry: "lambda/report.ts" });
    const cron = new NodejsFunction(this, "cron", { entry: "lambda/cron.ts" });
    new apigw.RestApi(this, "api").root.addMethod("POST", new apigw.LambdaIntegration(this.report));
    http.addRoutes({ path: "/ask", integration: new HttpLambdaIntegration("Ask", ask) });
  }
}
declare const http: any;
`,
      );
      const gatewayOf = (f: string) => {
        const file = path.join(root, "lambda", f);
        return explain(file, fs.readFileSync(file, "utf8"), new ProjectModel(rulesById), allRules, root).unit?.limits.gateway;
      };
      assert.deepEqual([gatewayOf("ask.ts"), gatewayOf("report.ts"), gatewayOf("cron.ts")], ["http", "rest", undefined]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
  it("explain and the readiness report show each unit's request budget and what sets it (issue 19)", () => {
    const budgetOf = (rel: string) => {
      const file = path.join(dir, rel);
      return explain(file, fs.readFileSync(file, "utf8"), new ProjectModel(rulesById), allRules, dir).unit?.budget;
    };
    assert.deepEqual(
      { ...budgetOf("serverless-api/src/chat.mjs"), sources: undefined },
      { seconds: 29, why: "the function timeout (60 s) is cut to API Gateway (REST API)'s 29 s", sources: undefined },
    );
    assert.equal(budgetOf("serverless-api/src/quick.mjs")?.why, "the function timeout (29 s), within API Gateway (HTTP API)'s 30 s");
    assert.ok(budgetOf("serverless-api/src/chat.mjs")!.sources.some((s) => s.startsWith("API Gateway REST API: integration timeout 29 s")));
    assert.equal(budgetOf("sam-api/src/ask.js")?.seconds, 10);
  });
  it("SAM `Type: HttpApi` and `Type: Api` events, with the Globals and own timeouts", () => {
    assert.deepEqual([limitsOf("sam-api/src/ask.js")?.gateway, limitsOf("sam-api/src/ask.js")?.requestSeconds], ["http", 10]);
    assert.deepEqual([limitsOf("sam-api/src/report.js")?.gateway, limitsOf("sam-api/src/report.js")?.requestSeconds], ["rest", 120]);
  });
});
