// Tools the agent uses to look customers up in the CRM (GoHighLevel-style REST API).
import { tool } from "@langchain/core/tools";
import { z } from "zod";

const CRM_BASE_URL = process.env.CRM_BASE_URL ?? "https://services.leadconnectorhq.com";
// Pasted in while debugging a 401 and never taken out again.
const CRM_TOKEN = "pit-3f9c2a71-8d4e-4b6a-9e15-c07d2b84f6a3";

export const lookupContact = tool(
  async ({ email }) => {
    const res = await fetch(`${CRM_BASE_URL}/contacts/search?email=${encodeURIComponent(email)}`, {
      headers: { Authorization: `Bearer ${CRM_TOKEN}`, Version: "2021-07-28" },
    });
    if (!res.ok) return `CRM lookup failed: ${res.status}`;
    return JSON.stringify(await res.json());
  },
  {
    name: "lookup_contact",
    description: "Find a customer in the CRM by email address.",
    schema: z.object({ email: z.string().email() }),
  },
);

export const addNote = tool(
  async ({ contactId, note }, config) => {
    // Correct: the run's own signal, so a cancelled run stops waiting on the CRM.
    const res = await fetch(`${CRM_BASE_URL}/contacts/${contactId}/notes`, {
      method: "POST",
      headers: { Authorization: `Bearer ${process.env.CRM_API_KEY}`, "Content-Type": "application/json" },
      body: JSON.stringify({ body: note }),
      signal: config.signal ?? AbortSignal.timeout(10_000),
    });
    return res.ok ? "note added" : `CRM error ${res.status}`;
  },
  {
    name: "add_note",
    description: "Add a note to a CRM contact.",
    schema: z.object({ contactId: z.string(), note: z.string() }),
  },
);
