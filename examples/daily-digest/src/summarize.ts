// Turns a day of conversations into a short digest.
import type OpenAI from "openai";

export async function summarize(openai: OpenAI, conversations: string[]): Promise<string> {
  const completion = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: "Summarize these support conversations in five bullet points." },
      { role: "user", content: conversations.join("\n---\n") },
    ],
  });
  return completion.choices[0]?.message.content ?? "";
}
