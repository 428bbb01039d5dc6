// The Output channel ("deploygap", a log channel) with a copy of its lines kept in memory, so the
// end-to-end tests can check what a user would read there (the server's start, projects, scans).
import * as vscode from "vscode";

const KEEP = 2000;

export function recordingLogChannel(channel: vscode.LogOutputChannel): { channel: vscode.LogOutputChannel; lines: string[] } {
  const lines: string[] = [];
  const record = (s: string) => {
    lines.push(s);
    if (lines.length > KEEP) lines.splice(0, lines.length - KEEP);
  };
  const logged = new Set(["trace", "debug", "info", "warn", "error", "appendLine", "append", "replace"]);
  const proxy = new Proxy(channel, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop !== "string" || !logged.has(prop) || typeof value !== "function")
        return typeof value === "function" ? value.bind(target) : value;
      return (message: unknown, ...rest: unknown[]) => {
        record(message instanceof Error ? message.message : String(message));
        return (value as (...a: unknown[]) => unknown).call(target, message, ...rest);
      };
    },
  });
  return { channel: proxy, lines };
}
