import * as path from "node:path";
import { describeAnnotatedFixtures } from "../support/annotatedFixtures";
import rule from "../../rules/webhook-late-response";
import * as assert from "node:assert/strict";
import { applyFirstFixes, lintCase, runRuleTests, type InvalidCase, type ValidCase } from "../support/ruleTester";

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
    // Issue 19: the path follows a helper another module exports; its model call stands at the helper's call.
    name: "Bolt: a model call in an imported helper before ack()",
    files: {
      "src/lib/ask.ts": `import OpenAI from "openai";
const openai = new OpenAI({ timeout: 20_000 });
export async function askModel(question: string) {
  return openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: question }] });
}
`,
    },
    code: `import { App } from "@slack/bolt";
import { askModel } from "./lib/ask.js";
const app = new App({ token: process.env.SLACK_BOT_TOKEN, signingSecret: process.env.SLACK_SIGNING_SECRET });
app.command("/ask", async ({ command, ack, respond }) => {
  const answer = await askModel(command.text);
  await ack();
  await respond(String(answer));
});
`,
    errors: [
      { messageId: "beforeAck", line: 5, column: 24, endColumn: 32, messageIncludes: ["askModel() → openai.chat.completions.create"] },
    ],
    output: `import { App } from "@slack/bolt";
import { askModel } from "./lib/ask.js";
const app = new App({ token: process.env.SLACK_BOT_TOKEN, signingSecret: process.env.SLACK_SIGNING_SECRET });
app.command("/ask", async ({ command, ack, respond }) => {
  await ack();
  const answer = await askModel(command.text);
  await respond(String(answer));
});
`,
  },
  {
    name: "Bolt: a model call before ack()",
    output: bolt(`app.command("/ask", async ({ command, ack, respond }) => {
  await ack();
  const answer = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: command.text }] });
  await respond(answer.choices[0].message.content ?? "");
});`),
    code: bolt(`app.command("/ask", async ({ command, ack, respond }) => {
  const answer = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: command.text }] });
  await ack();
  await respond(answer.choices[0].message.content ?? "");
});`),
    errors: [{ messageId: "beforeAck", line: 6, column: 24, endColumn: 54 }],
  },
  {
    name: "Bolt: a graph run before ack() in a listener module",
    output: `import type { AllMiddlewareArgs, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import { StateGraph } from "@langchain/langgraph";
const graph = new StateGraph({ channels: {} }).compile();
export const onShortcut = async ({ shortcut, ack }: AllMiddlewareArgs & SlackShortcutMiddlewareArgs) => {
  await ack();
  const result = await graph.invoke({ input: shortcut.callback_id });
  return result;
};
`,
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
    output: bolt(`async function draft(text: string) {
  return openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: text }] });
}
app.view("feedback", async ({ ack, view }) => {
  await ack();
  await draft(view.id);
});`),
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
    output: null,
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
    output: `import express from "express";
const app = express();
app.post("/hooks", async (req, res) => {
  if (req.headers["x-github-event"] !== "push") return res.sendStatus(204);
  res.sendStatus(200);
  void (async () => {
    await fetch("https://ci.example.com/build", { method: "POST", body: JSON.stringify(req.body) });
  })().catch((err) => console.error(err));
});
`,
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
    output: `import { Hono } from "hono";
import Stripe from "stripe";
import OpenAI from "openai";
const stripe = new Stripe(process.env.STRIPE_KEY!);
const openai = new OpenAI();
const app = new Hono();
app.post("/billing", async (c) => {
  const event = stripe.webhooks.constructEvent(await c.req.text(), c.req.header("stripe-signature")!, process.env.WHSEC!);
  void (async () => {
    // TODO(deploygap): dedupe on event.id in a persistent store (SET NX / conditional write)
    await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: event.type }] });
  })().catch((err) => console.error(err));
  return c.json({ received: true });
});
`,
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
    output: null,
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
    output: `import express from "express";
import Stripe from "stripe";
import OpenAI from "openai";
const stripe = new Stripe(process.env.STRIPE_KEY!);
const openai = new OpenAI();
const app = express();
app.post("/webhooks/stripe", async (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"] as string, process.env.WHSEC!);
  res.sendStatus(200);
  // TODO(deploygap): dedupe on event.id in a persistent store (SET NX / conditional write)
  await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: event.type }] });
});
`,
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
        fixTitles: ["Add a TODO: dedupe on event.id in a persistent store"],
        detailIncludes: ["more than once", "SET NX", "https://docs.stripe.com/webhooks#handle-duplicate-events"],
      },
    ],
  },
  {
    name: "Express: a WhatsApp route answers, then runs the model on each notification without deduping",
    output: `import express from "express";
import OpenAI from "openai";
const openai = new OpenAI();
const app = express();
app.post("/webhooks/whatsapp", async (req, res) => {
  res.sendStatus(200);
  const text = req.body.entry[0].changes[0].value.messages[0].text.body;
  // TODO(deploygap): dedupe on the wamid in a persistent store (SET NX / conditional write)
  await openai.responses.create({ model: "gpt-4o-mini", input: text });
});
`,
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
    output: null,
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
  {
    name: "Express: a Stripe webhook runs the model before answering; the fix answers first and dedupes with the file's node-redis client",
    output: `import express from "express";
import Stripe from "stripe";
import OpenAI from "openai";
import { createClient } from "redis";
const stripe = new Stripe(process.env.STRIPE_KEY!);
const openai = new OpenAI();
const redis = await createClient({ url: process.env.REDIS_URL }).connect();
const app = express();
app.post("/webhooks/stripe", async (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"] as string, process.env.WHSEC!);
  // Stripe only needs the 2xx.
  res.sendStatus(200);
  void (async () => {
    if (!(await redis.set(\`dedupe:stripe:\${event.id}\`, "1", { NX: true, EX: 7 * 86_400 }))) return;
    await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: event.type }] });
    // Then the follow-up.
    await fetch("https://crm.example.com/notify", { method: "POST", signal: AbortSignal.timeout(5000) });
  })().catch((err) => console.error(err));
});
`,
    code: `import express from "express";
import Stripe from "stripe";
import OpenAI from "openai";
import { createClient } from "redis";
const stripe = new Stripe(process.env.STRIPE_KEY!);
const openai = new OpenAI();
const redis = await createClient({ url: process.env.REDIS_URL }).connect();
const app = express();
app.post("/webhooks/stripe", async (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"] as string, process.env.WHSEC!);
  await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: event.type }] });
  // Stripe only needs the 2xx.
  res.sendStatus(200);
  // Then the follow-up.
  await fetch("https://crm.example.com/notify", { method: "POST", signal: AbortSignal.timeout(5000) });
});
`,
    errors: [
      { messageId: "beforeResponse", line: 11, column: 9, fixTitles: ["Respond first, then run the work in the background (not awaited)"] },
    ],
  },
  {
    name: "Fastify: a GitHub webhook returns its reply after an unbounded fetch; the fetch moves to the background",
    code: `import Fastify from "fastify";
const fastify = Fastify();
fastify.post("/webhooks/github", async (request, reply) => {
  const delivery = request.headers["x-github-delivery"];
  await fetch("https://ci.example.com/build", { method: "POST", body: String(delivery) });
  return { ok: true };
});
`,
    output: `import Fastify from "fastify";
const fastify = Fastify();
fastify.post("/webhooks/github", async (request, reply) => {
  const delivery = request.headers["x-github-delivery"];
  void (async () => {
    await fetch("https://ci.example.com/build", { method: "POST", body: String(delivery) });
  })().catch((err) => console.error(err));
  return { ok: true };
});
`,
    errors: [{ messageId: "beforeResponse", line: 5, column: 9 }],
  },
  {
    name: "Express: the moved work keeps its comments and the lines of a multi-line template as they are",
    code: `import express from "express";
const app = express();
app.post("/hooks", async (req, res) => {
  await fetch("https://ci.example.com/build", { method: "POST", body: String(req.headers["x-github-event"]) });
  const note = \`build queued
for \${req.body.ref}\`;
  res.sendStatus(202);
  // Tell the channel.
  await fetch("https://chat.example.com/post", { method: "POST", body: note, signal: AbortSignal.timeout(5000) });
});
`,
    output: `import express from "express";
const app = express();
app.post("/hooks", async (req, res) => {
  res.sendStatus(202);
  void (async () => {
    await fetch("https://ci.example.com/build", { method: "POST", body: String(req.headers["x-github-event"]) });
    const note = \`build queued
for \${req.body.ref}\`;
    // Tell the channel.
    await fetch("https://chat.example.com/post", { method: "POST", body: note, signal: AbortSignal.timeout(5000) });
  })().catch((err) => console.error(err));
});
`,
    errors: [{ messageId: "beforeResponse", line: 4, column: 9 }],
  },
  {
    name: "Express: a WhatsApp route runs the model before answering; the background block starts with the wamid guard",
    code: `import express from "express";
import OpenAI from "openai";
import { createClient } from "redis";
const openai = new OpenAI();
const redis = createClient({ url: process.env.REDIS_URL });
const app = express();
app.post("/webhooks/whatsapp", async (req, res) => {
  const text = req.body.entry[0].changes[0].value.messages[0].text.body;
  await openai.responses.create({ model: "gpt-4o-mini", input: text });
  res.sendStatus(200);
});
`,
    output: `import express from "express";
import OpenAI from "openai";
import { createClient } from "redis";
const openai = new OpenAI();
const redis = createClient({ url: process.env.REDIS_URL });
const app = express();
app.post("/webhooks/whatsapp", async (req, res) => {
  const text = req.body.entry[0].changes[0].value.messages[0].text.body;
  res.sendStatus(200);
  void (async () => {
    const wamid = req.body.entry?.[0]?.changes?.[0]?.value?.messages?.[0]?.id;
    if (wamid && !(await redis.set(\`dedupe:whatsapp:\${wamid}\`, "1", { NX: true, EX: 7 * 86_400 }))) return;
    await openai.responses.create({ model: "gpt-4o-mini", input: text });
  })().catch((err) => console.error(err));
});
`,
    errors: [{ messageId: "beforeResponse", line: 9, column: 9 }],
  },
  {
    name: "Express: the response sends what the model returned: no fix",
    output: null,
    code: `import express from "express";
import OpenAI from "openai";
const openai = new OpenAI();
const app = express();
app.post("/slack/commands", async (req, res) => {
  const result = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [] });
  res.json({ text: result.choices[0].message.content });
});
`,
    errors: [{ messageId: "beforeResponse", line: 6, column: 24 }],
  },
  {
    name: "Express: the response sends a variable declared earlier that the work assigns: no fix",
    code: `import express from "express";
import OpenAI from "openai";
const openai = new OpenAI();
const app = express();
app.post("/sms", async (req, res) => {
  let reply = "Thinking...";
  reply = (await openai.responses.create({ model: "gpt-4o-mini", input: req.body.Body })).output_text;
  res.type("text/xml").send(reply);
});
`,
    output: null,
    errors: [{ messageId: "beforeResponse", line: 7, column: 18 }],
  },
  {
    name: "Express: the work sets a header before the response: no fix (it would run after the response)",
    output: null,
    code: `import express from "express";
const app = express();
app.post("/hooks", async (req, res) => {
  await fetch("https://ci.example.com/build", { method: "POST", body: String(req.headers["x-github-event"]) });
  res.setHeader("x-build", "queued");
  res.sendStatus(200);
});
`,
    errors: [{ messageId: "beforeResponse", line: 4, column: 9 }],
  },
  {
    name: "Express on Lambda: a promise left running after the response is frozen with the function: no fix",
    output: null,
    target: "lambda",
    code: `import express from "express";
const app = express();
app.post("/hooks", async (req, res) => {
  await fetch("https://ci.example.com/build", { method: "POST", body: String(req.headers["x-github-event"]) });
  res.sendStatus(200);
});
`,
    errors: [{ messageId: "beforeResponse", line: 4, column: 9 }],
  },
  {
    name: "Bolt: ack() sends what the model found: no fix",
    output: null,
    code: bolt(`app.view("feedback", async ({ ack, view }) => {
  const check = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: view.id }] });
  const errors = check.choices[0].message.content ? { text: "rejected" } : undefined;
  await ack(errors ? { response_action: "errors", errors } : undefined);
});`),
    errors: [{ messageId: "beforeAck", line: 6, column: 23 }],
  },
  {
    name: "Next.js: a Slack route that already uses after(): the work moves into it",
    output: `import { after } from "next/server";
import OpenAI from "openai";
const openai = new OpenAI();
export async function POST(req: Request) {
  const body = await req.json();
  after(async () => {
    await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: body.event.text }] });
  });
  return new Response("ok");
}
`,
    filename: "app/api/slack/route.ts",
    code: `import { after } from "next/server";
import OpenAI from "openai";
const openai = new OpenAI();
export async function POST(req: Request) {
  const body = await req.json();
  await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: body.event.text }] });
  return new Response("ok");
}
`,
    errors: [
      {
        messageId: "beforeResponse",
        line: 6,
        column: 9,
        fixTitles: ["Run the work in the background (after()) and return the response at once"],
      },
    ],
  },
  {
    name: "Next.js: a route without after() or waitUntil(): a promise left running may be frozen once it answers, no fix",
    filename: "app/api/slack/route.ts",
    code: `import OpenAI from "openai";
const openai = new OpenAI();
export async function POST(req: Request) {
  const body = await req.json();
  await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: body.event.text }] });
  return new Response("ok");
}
`,
    output: null,
    errors: [{ messageId: "beforeResponse", line: 5, column: 9 }],
  },
  {
    name: "Hono on Workers, with executionCtx.waitUntil in the file: the work moves into it",
    output: `import { Hono } from "hono";
import OpenAI from "openai";
const openai = new OpenAI();
const app = new Hono();
app.get("/health", (c) => {
  c.executionCtx.waitUntil(Promise.resolve());
  return c.text("ok");
});
app.post("/webhooks/telegram", async (c) => {
  const update = await c.req.json();
  c.executionCtx.waitUntil((async () => {
    await openai.responses.create({ model: "gpt-4o-mini", input: update.message.text });
  })());
  return c.text("ok");
});
`,
    target: "workers",
    code: `import { Hono } from "hono";
import OpenAI from "openai";
const openai = new OpenAI();
const app = new Hono();
app.get("/health", (c) => {
  c.executionCtx.waitUntil(Promise.resolve());
  return c.text("ok");
});
app.post("/webhooks/telegram", async (c) => {
  const update = await c.req.json();
  await openai.responses.create({ model: "gpt-4o-mini", input: update.message.text });
  return c.text("ok");
});
`,
    errors: [{ messageId: "beforeResponse", line: 11, column: 9 }],
  },
  {
    name: "Express: Stripe without dedupe, with an ioredis client in the file: the guard uses it",
    output: `import express from "express";
import Stripe from "stripe";
import OpenAI from "openai";
import Redis from "ioredis";
const stripe = new Stripe(process.env.STRIPE_KEY!);
const openai = new OpenAI();
const cache = new Redis(process.env.REDIS_URL!);
const app = express();
app.post("/webhooks/stripe", async (req, res) => {
  const evt = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"] as string, process.env.WHSEC!);
  res.sendStatus(200);
  if (!(await cache.set(\`dedupe:stripe:\${evt.id}\`, "1", "EX", 7 * 86_400, "NX"))) return;
  await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: evt.type }] });
});
`,
    code: `import express from "express";
import Stripe from "stripe";
import OpenAI from "openai";
import Redis from "ioredis";
const stripe = new Stripe(process.env.STRIPE_KEY!);
const openai = new OpenAI();
const cache = new Redis(process.env.REDIS_URL!);
const app = express();
app.post("/webhooks/stripe", async (req, res) => {
  const evt = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"] as string, process.env.WHSEC!);
  res.sendStatus(200);
  await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: evt.type }] });
});
`,
    errors: [
      {
        messageId: "noDedupe",
        line: 9,
        column: 10,
        fixTitles: ["Skip redeliveries: record event.id with SET NX in cache before the work"],
      },
    ],
  },
  {
    name: "Express: WhatsApp without dedupe, with an Upstash client in the file: the guard reads the wamid",
    output: `import express from "express";
import OpenAI from "openai";
import { Redis } from "@upstash/redis";
const openai = new OpenAI();
const redis = Redis.fromEnv();
const app = express();
app.post("/webhooks/whatsapp", async (req, res) => {
  res.sendStatus(200);
  const text = req.body.entry[0].changes[0].value.messages[0].text.body;
  const wamid = req.body.entry?.[0]?.changes?.[0]?.value?.messages?.[0]?.id;
  if (wamid && !(await redis.set(\`dedupe:whatsapp:\${wamid}\`, "1", { nx: true, ex: 7 * 86_400 }))) return;
  await openai.responses.create({ model: "gpt-4o-mini", input: text });
});
`,
    code: `import express from "express";
import OpenAI from "openai";
import { Redis } from "@upstash/redis";
const openai = new OpenAI();
const redis = Redis.fromEnv();
const app = express();
app.post("/webhooks/whatsapp", async (req, res) => {
  res.sendStatus(200);
  const text = req.body.entry[0].changes[0].value.messages[0].text.body;
  await openai.responses.create({ model: "gpt-4o-mini", input: text });
});
`,
    errors: [{ messageId: "noDedupe", line: 7, column: 10 }],
  },
  {
    name: "a Redis client imported from the project's own module: its package is unknown, so the fix is the TODO",
    code: `import express from "express";
import Stripe from "stripe";
import OpenAI from "openai";
import { redis } from "./lib/redis";
const stripe = new Stripe(process.env.STRIPE_KEY!);
const openai = new OpenAI();
const app = express();
app.post("/webhooks/stripe", async (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"] as string, process.env.WHSEC!);
  res.sendStatus(200);
  await redis.incr("events");
  await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: event.type }] });
});
`,
    output: `import express from "express";
import Stripe from "stripe";
import OpenAI from "openai";
import { redis } from "./lib/redis";
const stripe = new Stripe(process.env.STRIPE_KEY!);
const openai = new OpenAI();
const app = express();
app.post("/webhooks/stripe", async (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"] as string, process.env.WHSEC!);
  res.sendStatus(200);
  await redis.incr("events");
  // TODO(deploygap): dedupe on event.id in a persistent store (SET NX / conditional write)
  await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: event.type }] });
});
`,
    errors: [{ messageId: "noDedupe", line: 8, column: 10, fixTitles: ["Add a TODO: dedupe on event.id in a persistent store"] }],
  },
  {
    // The late-response fix moves the work into the background; its TODO still says nothing dedupes.
    name: "a Stripe route that answers first and runs the model in the background, still without deduping",
    output: null,
    code: `import express from "express";
import Stripe from "stripe";
import OpenAI from "openai";
const stripe = new Stripe(process.env.STRIPE_KEY!);
const openai = new OpenAI();
const app = express();
app.post("/webhooks/stripe", async (req, res) => {
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"] as string, process.env.WHSEC!);
  res.sendStatus(200);
  void (async () => {
    // TODO(deploygap): dedupe on event.id in a persistent store (SET NX / conditional write)
    await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: event.type }] });
  })().catch((err) => console.error(err));
});
`,
    errors: [{ messageId: "noDedupe", line: 7, column: 10 }],
  },
  {
    name: "the fix's TODO is no dedupe: the finding stays until the guard is written",
    output: null,
    code: `import express from "express";
import OpenAI from "openai";
const openai = new OpenAI();
const app = express();
app.post("/webhooks/whatsapp", async (req, res) => {
  res.sendStatus(200);
  const text = req.body.entry[0].changes[0].value.messages[0].text.body;
  // TODO(deploygap): dedupe on the wamid in a persistent store (SET NX / conditional write)
  await openai.responses.create({ model: "gpt-4o-mini", input: text });
});
`,
    errors: [{ messageId: "noDedupe", line: 5, column: 10 }],
  },
];

runRuleTests(rule, { valid, invalid });

describe("webhook-late-response fixes", () => {
  // Moving the acknowledgement first clears the late-response finding; the store guard clears the dedupe one
  // (a TODO, written where no store client exists, does not).
  for (const c of invalid) {
    const { findings } = lintCase(rule, c);
    const fixed = findings.filter((f) => f.fixes.length > 0 && !f.fixes[0].title.startsWith("Add a TODO"));
    if (fixed.length === 0) continue;
    it(`the fix clears the finding: ${c.name}`, () => {
      const code = applyFirstFixes(c.code, fixed);
      const after = lintCase(rule, { ...c, code });
      // Where no store was there to guard with, the fix wrote a TODO, which is no dedupe: that finding stays.
      assert.deepEqual(
        after.findings.map((f) => f.messageId),
        code.includes("TODO(deploygap): dedupe") ? ["noDedupe"] : [],
      );
    });
  }
});

describeAnnotatedFixtures(
  "webhook-late-response annotated fixtures",
  path.join(__dirname, "..", "fixtures", "rules", "webhook-late-response"),
);
