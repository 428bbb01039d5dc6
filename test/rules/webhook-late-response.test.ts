import * as path from "node:path";
import { describeAnnotatedFixtures } from "../support/annotatedFixtures";
import rule from "../../rules/webhook-late-response";
import { runRuleTests, type InvalidCase, type ValidCase } from "../support/ruleTester";

const bolt = (body: string) => `import { App } from "@slack/bolt";
import OpenAI from "openai";
const openai = new OpenAI({ timeout: 20_000 });
const app = new App({ token: process.env.SLACK_BOT_TOKEN, signingSecret: process.env.SLACK_SIGNING_SECRET });
${body}
`;

const valid: ValidCase[] = [
  {
    name: "Bolt: ack first, then the model call",
    code: bolt(`app.command("/ask", async ({ command, ack, respond }) => {
  await ack();
  const answer = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: command.text }] });
  await respond(answer.choices[0].message.content ?? "");
});`),
  },
  {
    name: "Bolt: an event listener (Bolt acknowledges events itself)",
    code: bolt(`app.event("app_mention", async ({ event, say }) => {
  const answer = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [] });
  await say(answer.choices[0].message.content ?? "");
});`),
  },
  {
    name: "Bolt: a fast HTTP call with a 1 s timeout before ack",
    code: bolt(`app.action("approve", async ({ ack, body }) => {
  await fetch("https://internal.example.com/audit", { method: "POST", signal: AbortSignal.timeout(1_000) });
  await ack();
});`),
  },
  {
    name: "Express: respond 200 first, then process",
    code: `import express from "express";
import OpenAI from "openai";
const openai = new OpenAI();
const app = express();
app.post("/webhooks/twilio", async (req, res) => {
  res.type("text/xml").send("<Response/>");
  await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [] });
});
`,
  },
  {
    name: "Express: a guard returns 401 early, then the response, then the work",
    code: `import express from "express";
import OpenAI from "openai";
const openai = new OpenAI();
const app = express();
app.post("/slack/events", async (req, res) => {
  if (!req.headers["x-slack-signature"]) return res.sendStatus(401);
  res.sendStatus(200);
  await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [] });
});
`,
  },
  {
    name: "Express: work handed to a queue before responding",
    code: `import express from "express";
import { queue } from "./queue";
const app = express();
app.post("/webhooks/stripe", async (req, res) => {
  await queue.add("stripe-event", req.body);
  res.sendStatus(202);
});
`,
  },
  {
    name: "a route no provider calls",
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
    name: "the response is sent by an imported helper: not judged",
    code: `import express from "express";
import { handleSms } from "./sms";
const app = express();
app.post("/sms", async (req, res) => {
  await handleSms(req, res);
});
`,
  },
];

const invalid: InvalidCase[] = [
  {
    name: "Bolt: a model call before ack()",
    code: bolt(`app.command("/ask", async ({ command, ack, respond }) => {
  const answer = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: command.text }] });
  await ack();
  await respond(answer.choices[0].message.content ?? "");
});`),
    errors: [{ messageId: "beforeAck", line: 6, column: 24, endColumn: 54 }],
  },
  {
    name: "Bolt: a graph run before ack() in a listener module",
    code: `import type { AllMiddlewareArgs, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import { StateGraph } from "@langchain/langgraph";
const graph = new StateGraph({ channels: {} }).compile();
export const onShortcut = async ({ shortcut, ack }: AllMiddlewareArgs & SlackShortcutMiddlewareArgs) => {
  const result = await graph.invoke({ input: shortcut.callback_id });
  await ack();
  return result;
};
`,
    errors: [{ messageId: "beforeAck", line: 5, column: 24, endColumn: 36 }],
  },
  {
    name: "Bolt: a same-file helper that calls the model",
    code: bolt(`async function draft(text: string) {
  return openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: text }] });
}
app.view("feedback", async ({ ack, view }) => {
  await draft(view.id);
  await ack();
});`),
    errors: [{ messageId: "beforeAck", line: 9, column: 9, endColumn: 14 }],
  },
  {
    name: "Express: a Twilio webhook awaits the model before answering",
    code: `import express from "express";
import OpenAI from "openai";
const openai = new OpenAI();
const app = express();
app.post("/sms", async (req, res) => {
  const answer = await openai.responses.create({ model: "gpt-4o-mini", input: req.body.Body });
  res.type("text/xml").send(\`<Response><Message>\${answer.output_text}</Message></Response>\`);
});
`,
    errors: [{ messageId: "beforeResponse", line: 6, column: 24, endColumn: 47 }],
  },
  {
    name: "Express: a GitHub webhook (recognised by its header) awaits an unbounded fetch",
    code: `import express from "express";
const app = express();
app.post("/hooks", async (req, res) => {
  if (req.headers["x-github-event"] !== "push") return res.sendStatus(204);
  await fetch("https://ci.example.com/build", { method: "POST", body: JSON.stringify(req.body) });
  res.sendStatus(200);
});
`,
    errors: [{ messageId: "beforeResponse", line: 5, column: 9, endColumn: 14 }],
  },
  {
    name: "Hono: a Stripe webhook (constructEvent) runs the model before returning",
    code: `import { Hono } from "hono";
import Stripe from "stripe";
import OpenAI from "openai";
const stripe = new Stripe(process.env.STRIPE_KEY!);
const openai = new OpenAI();
const app = new Hono();
app.post("/billing", async (c) => {
  const event = stripe.webhooks.constructEvent(await c.req.text(), c.req.header("stripe-signature")!, process.env.WHSEC!);
  await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: event.type }] });
  return c.json({ received: true });
});
`,
    errors: [{ messageId: "beforeResponse", line: 9, column: 9, endColumn: 39 }],
  },
  {
    name: "Next.js: a Slack route handler awaits the model before returning",
    filename: "app/api/slack/route.ts",
    code: `import OpenAI from "openai";
const openai = new OpenAI();
export async function POST(req: Request) {
  const body = await req.json();
  const answer = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: body.event.text }] });
  return Response.json({ text: answer.choices[0].message.content });
}
`,
    errors: [{ messageId: "beforeResponse", line: 5, column: 24, endColumn: 54 }],
  },
];

runRuleTests(rule, { valid, invalid });

describeAnnotatedFixtures(
  "webhook-late-response annotated fixtures",
  path.join(__dirname, "..", "fixtures", "rules", "webhook-late-response"),
);
