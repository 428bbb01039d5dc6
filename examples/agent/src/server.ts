// The webhook the CRM calls when a customer writes in: runs the agent and posts the answer to Slack.
import express from "express";
import cors from "cors";
import axios from "axios";
import { graph } from "./agent.js";

const app = express();
app.use(express.json());
// The support widget on the marketing site calls this server with the visitor's session cookie.
app.use(cors({ origin: true, credentials: true }));

const slack = axios.create({ baseURL: "https://slack.com/api" });

app.post("/webhooks/inbound-message", async (req, res) => {
  const { contactId, message } = req.body;
  const result = await graph.invoke(
    { messages: [{ role: "user", content: message }] },
    { configurable: { thread_id: contactId } },
  );
  const answer = result.messages[result.messages.length - 1].content;
  await slack.post("/chat.postMessage", { channel: "#support", text: answer });
  res.json({ ok: true });
});

app.listen(Number(process.env.PORT ?? 3000));
