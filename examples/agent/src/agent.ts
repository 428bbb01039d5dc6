// The support agent graph: an LLM that can call the CRM tools, run by LangGraph Platform.
import { readFileSync } from "node:fs";
import { ChatOpenAI } from "@langchain/openai";
import { StateGraph, MessagesAnnotation, MemorySaver } from "@langchain/langgraph";
import { ToolNode } from "@langchain/langgraph/prebuilt";
import { addNote, lookupContact } from "./tools/crm.js";

const SYSTEM_PROMPT = readFileSync("./prompts/system.md", "utf8");
const tools = [lookupContact, addNote];

const model = new ChatOpenAI({
  model: "gpt-4o-mini",
  temperature: 0,
}).bindTools(tools);

async function callModel(state: typeof MessagesAnnotation.State) {
  const response = await model.invoke([{ role: "system", content: SYSTEM_PROMPT }, ...state.messages]);
  return { messages: [response] };
}

function route(state: typeof MessagesAnnotation.State) {
  const last = state.messages[state.messages.length - 1] as { tool_calls?: unknown[] };
  return last.tool_calls?.length ? "tools" : "__end__";
}

export const graph = new StateGraph(MessagesAnnotation)
  .addNode("agent", callModel)
  .addNode("tools", new ToolNode(tools))
  .addEdge("__start__", "agent")
  .addConditionalEdges("agent", route)
  .addEdge("tools", "agent")
  .compile({ checkpointer: new MemorySaver() });
