// Turns the way deploy configs name code ("src/handler.main", "./src/agent.ts:graph", "dist/index.js",
// an asset folder) into the source file that holds it.
import path = require("node:path");
import type { ProjectHost } from "../../../../rules/api/types";

const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/** The source file a module path names: as written, with a source extension, or as a folder's index. */
export function findSource(host: ProjectHost, base: string, modulePath: string): string | undefined {
  const abs = path.resolve(base, modulePath);
  const ext = path.extname(abs);
  if (ext && SOURCE_EXTENSIONS.includes(ext) && host.fileExists(abs)) return abs;
  const stem = ext && SOURCE_EXTENSIONS.includes(ext) ? abs.slice(0, -ext.length) : abs;
  for (const e of SOURCE_EXTENSIONS) if (host.fileExists(stem + e)) return stem + e;
  for (const e of SOURCE_EXTENSIONS) if (host.fileExists(path.join(abs, "index" + e))) return path.join(abs, "index" + e);
  return undefined;
}

/**
 * Like findSource, and when the path names build output (`dist/index.js`, `build/server.js`), the
 * source it was built from (`src/index.ts`, `index.ts`) as the usual layouts place it.
 */
export function findSourceOrOrigin(host: ProjectHost, base: string, modulePath: string): string | undefined {
  // Build output names the source it was built from: that source is the code to check (the output
  // may be committed, or absent from a clean checkout).
  const m = /^(?:\.\/)?(dist|build|out|lib|\.output)\/(.+)$/.exec(modulePath.replace(/\\/g, "/"));
  const origin = m ? (findSource(host, base, path.join("src", m[2])) ?? findSource(host, base, m[2])) : undefined;
  return origin ?? findSource(host, base, modulePath);
}

/** "src/handler.main" (serverless, SAM) -> the module part "src/handler". */
export function handlerModule(handler: string): string {
  const dot = handler.lastIndexOf(".");
  return dot > 0 ? handler.slice(0, dot) : handler;
}

const RUNNERS = new Set(["node", "nodemon", "tsx", "ts-node", "ts-node-dev", "bun", "esno", "vite-node", "node-dev"]);

/** The file argument of a start command: `node dist/server.js`, `tsx watch src/index.ts`, `NODE_ENV=x ts-node src/app.ts`. */
export function scriptEntry(command: string): string | undefined {
  for (const part of command.split(/&&|\|\||;/)) {
    const words = part
      .trim()
      .split(/\s+/)
      .filter((w) => !/^\w+=/.test(w));
    if (words[0] === "npx" || words[0] === "exec") words.shift();
    if (!RUNNERS.has(words[0] ?? "")) continue;
    const file = words.slice(1).find((w) => !w.startsWith("-") && /\.[cm]?[jt]sx?$/.test(w));
    if (file) return file;
  }
  return undefined;
}
