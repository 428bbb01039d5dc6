// `deploygap explain <file> [--format text|json] [--target T]`: where the file runs and which rules
// check it (the JSON shape is RULES.md's contract). Exit 0, or 2 for a usage error or unreadable file.
import { terminalSafeLines } from "./formats/terminalSafe";
import fs = require("node:fs");
import { allRules, rulesById } from "../../../rules/index";
import { TARGETS, type Target } from "../../../rules/api/types";
import { explain, formatExplanation } from "../engine/explain";
import { ProjectModel } from "../engine/project";
import { fileKindOf } from "../engine/parse";

export function explainCommand(argv: string[], io: { out: (s: string) => void; err: (s: string) => void }): number {
  let format = "text";
  let target: Target | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] =
      a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "--format") format = value() ?? "";
    else if (flag === "--target") target = value() as Target;
    else if (a.startsWith("-")) return usage(io, `unknown option ${a}`);
    else files.push(a);
  }
  if (format !== "text" && format !== "json") return usage(io, "--format of explain must be text or json");
  if (target !== undefined && !TARGETS.includes(target)) return usage(io, `--target must be one of ${TARGETS.join(", ")}`);
  if (files.length !== 1) return usage(io, "explain takes one file");
  const file = files[0];
  let text: string;
  try {
    if (!fs.statSync(file).isFile()) return usage(io, `${file} is not a file`);
    text = fs.readFileSync(file, "utf8");
  } catch {
    return usage(io, `no such file: ${file}`);
  }
  if (!fileKindOf(file)) io.err(`deploygap: ${file} is not a file deploygap checks; showing where it would run.\n`);
  const e = explain(file, text, new ProjectModel(rulesById), allRules, process.cwd(), target);
  io.out(format === "json" ? JSON.stringify(e) + "\n" : terminalSafeLines(formatExplanation(e)));
  return 0;
}

function usage(io: { err: (s: string) => void }, message: string): number {
  io.err(`deploygap: ${message}\nUsage: deploygap explain <file> [--format text|json] [--target T]\n`);
  return 2;
}
