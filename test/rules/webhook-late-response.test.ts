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
    name: "Stripe: the event id is recorded with SET NX before the model runs",
    code: `import express from "express";
import Stripe from "stripe";
import OpenAI from "openai";
import { createClient } from "redis";
const stripe = new Stripe(process.env.STRIPE_KEY!);
const openai = new OpenAI();
const redis = createClient();
const app = express();
app.post("/webhooks/stripe", async (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"] as string, process.env.WHSEC!);
  res.sendStatus(200);
  if (!(await redis.set(\`stripe:\${event.id}\`, "1", { NX: true, EX: 604800 }))) return;
  await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: event.type }] });
});
`,
  },
  {
    name: "Slack Events API answered at once: Slack redelivers only late or failed answers",
    code: `import express from "express";
import OpenAI from "openai";
const openai = new OpenAI();
const app = express();
app.post("/slack/events", async (req, res) => {
  res.sendStatus(200);
  await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [] });
});
`,
  },
  {
    name: "Stripe: work without a model call or graph run is not judged for dedupe",
    code: `import express from "express";
const app = express();
app.post("/webhooks/stripe", async (req, res) => {
  res.sendStatus(200);
  await fetch("https://crm.example.com/notify", { method: "POST", signal: AbortSignal.timeout(5000) });
});
`,
  },
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
    // Issue 16: Express's chained route names the path once, in app.route().
    name: "Express: app.route('/sms').post(handler) awaits the model before answering Twilio",
    code: `import express from "express";
import OpenAI from "openai";
const openai = new OpenAI();
const app = express();
app
  .route("/sms")
  .get((req, res) => res.send("ok"))
  .post(async (req, res) => {
    const answer = await openai.responses.create({ model: "gpt-4o-mini", input: req.body.Body });
    res.type("text/xml").send(\`<Response><Message>\${answer.output_text}</Message></Response>\`);
  });
`,
    errors: [{ messageId: "beforeResponse", line: 9, column: 26, messageIncludes: ["`POST /sms` awaits `openai.responses.create`"] }],
  },
  {
    // Issue 19: answered at once, but Stripe may deliver an event twice; nothing reads event.id.
    name: "Express: a Stripe webhook answers first, then runs the model on every delivery without deduping",
    code: `import express from "express";
import Stripe from "stripe";
import OpenAI from "openai";
const stripe = new Stripe(process.env.STRIPE_KEY!);
const openai = new OpenAI();
const app = express();
app.post("/webhooks/stripe", async (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"] as string, process.env.WHSEC!);
  res.sendStatus(200);
  await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: event.type }] });
});
`,
    errors: [
      {
        messageId: "noDedupe",
        line: 7,
        column: 10,
        endColumn: 28,
        messageIncludes: ["reruns its model call on duplicate Stripe deliveries: nothing checks event.id"],
        detailIncludes: ["more than once", "SET NX", "https://docs.stripe.com/webhooks#handle-duplicate-events"],
      },
    ],
  },
  {
    name: "Express: a WhatsApp route answers, then runs the model on each notification without deduping",
    code: `import express from "express";
import OpenAI from "openai";
const openai = new OpenAI();
const app = express();
app.post("/webhooks/whatsapp", async (req, res) => {
  res.sendStatus(200);
  const text = req.body.entry[0].changes[0].value.messages[0].text.body;
  await openai.responses.create({ model: "gpt-4o-mini", input: text });
});
`,
    errors: [{ messageId: "noDedupe", line: 5, column: 10, messageIncludes: ["duplicate WhatsApp Cloud API deliveries", "wamid"] }],
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
