// `deploygap explain <file> [--format text|json] [--target T]`: where the file runs and which rules
// check it (the JSON shape is RULES.md's contract). Exit 0, or 2 for a usage error or unreadable file.
import { terminalSafeLines } from "./formats/terminalSafe";
import fs = require("node:fs");
import { allRules, rulesById } from "../../../rules/index";
import { TARGETS, type Target } from "../../../rules/api/types";
import { explain, formatExplanation } from "../engine/explain";
import { ProjectModel } from "../engine/project";
import { fileKindOf } from "../engine/parse";
import { MAX_SOURCE_FILE_BYTES, readBoundedBytes } from "../engine/boundedRead";
import { decodeText } from "../engine/decode";

export function explainCommand(argv: string[], io: { out: (s: string) => void; err: (s: string) => void }): number {
  let format = "text";
  let target: Target | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] =
      a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "-h" || flag === "--help") {
      io.out(`${USAGE}\n`);
      return 0;
    }
    if (a === "--") {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (flag === "--format" || flag === "--target") {
      const v = value();
      if (v === undefined || v === "") return usage(io, `${flag} needs a value`);
      if (flag === "--format") format = v;
      else target = v as Target;
    } else if (a.startsWith("-")) return usage(io, `unknown option ${a}`);
    else files.push(a);
  }
  if (format !== "text" && format !== "json") return usage(io, "--format of explain must be text or json");
  if (target !== undefined && !TARGETS.includes(target)) return usage(io, `--target must be one of ${TARGETS.join(", ")}`);
  if (files.length !== 1) return usage(io, "explain takes one file");
  const file = files[0];
  // Read as the scan reads it (bounded, a BOM dropped, UTF-16 decoded), so both see the same role.
  if (!fs.existsSync(file)) return usage(io, `no such file: ${file}`);
  const read = readBoundedBytes(file, MAX_SOURCE_FILE_BYTES);
  if (!read) return usage(io, `cannot read ${file}`);
  if ("refused" in read) return usage(io, `cannot explain ${file}: ${read.refused}`);
  const text = decodeText(read.bytes);
  if (!fileKindOf(file)) io.err(`deploygap: ${file} is not a file deploygap checks; showing where it would run.\n`);
  const e = explain(file, text, new ProjectModel(rulesById), allRules, process.cwd(), target);
  io.out(format === "json" ? JSON.stringify(e) + "\n" : terminalSafeLines(formatExplanation(e)));
  return 0;
}

const USAGE = "Usage: deploygap explain <file> [--format text|json] [--target T]";

function usage(io: { err: (s: string) => void }, message: string): number {
  io.err(`deploygap: ${message}\n${USAGE}\n`);
  return 2;
}
