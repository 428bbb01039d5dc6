// The agent's tests: each calls the graph for one user at a time.
import { describe, expect, it } from "vitest";
import { graph } from "../src/agent.js";

describe("support agent", () => {
  it("answers a greeting", async () => {
    const out = await graph.invoke({ messages: [{ role: "user", content: "hi" }] }, { configurable: { thread_id: "t1" } });
    expect(out.messages.length).toBeGreaterThan(1);
  });

  it("remembers the thread", async () => {
    await graph.invoke({ messages: [{ role: "user", content: "my name is Ada" }] }, { configurable: { thread_id: "t2" } });
    const out = await graph.invoke({ messages: [{ role: "user", content: "what is my name?" }] }, { configurable: { thread_id: "t2" } });
    expect(String(out.messages.at(-1)?.content)).toContain("Ada");
  });
});
