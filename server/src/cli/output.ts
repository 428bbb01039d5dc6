// Where the CLI's output goes and whether it is coloured. As in ESLint (chalk/supports-color) and Node:
// FORCE_COLOR=1/2/3/true colours even when piped (CI logs render ANSI colours), FORCE_COLOR=0/false
// never colours, and otherwise colour needs a terminal and no NO_COLOR. -o/--output-file writes the
// formatted results to a file (its folders created) instead of stdout, uncoloured unless forced.
import fs = require("node:fs");
import path = require("node:path");

export function useColor(env: NodeJS.ProcessEnv, isTTY: boolean, toFile: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === "0" || force.toLowerCase() === "false");
  return isTTY && !toFile && !env.NO_COLOR;
}

export function writeOutputFile(file: string, text: string): void {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
}
