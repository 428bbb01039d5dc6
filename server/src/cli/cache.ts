// The scan cache: findings per file, keyed by a hash of everything they depend on, so an unchanged
// workspace rescans in a fraction of a cold scan. Default location node_modules/.cache/deploygap.
// A file's key covers its own content, the tool version and rule set, and its project's key: the config
// and project files (package.json, langgraph.json, tsconfig, .env.example...), the list of files in the
// project (imports resolve against it) and the content of its test files (facts like "another test runs
// the graph concurrently" come from them). Any change to those re-lints the whole project.
import { createHash } from "node:crypto";
import fs = require("node:fs");
import path = require("node:path");
import type { Finding } from "../engine/lint";

interface Entry {
  key: string;
  findings: Finding[];
  skipped?: string;
}

interface CacheFile {
  version: number;
  entries: Record<string, Entry>;
}

const FORMAT_VERSION = 1;

export function hashText(...parts: string[]): string {
  const h = createHash("sha1");
  for (const p of parts) h.update(p).update("\u0000");
  return h.digest("hex");
}

export class ScanCache {
  private entries: Record<string, Entry> = {};
  private readonly file: string;
  private dirty = false;

  constructor(dir: string) {
    this.file = path.join(dir, "scan-cache.json");
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, "utf8")) as CacheFile;
      if (parsed.version === FORMAT_VERSION && parsed.entries && typeof parsed.entries === "object") this.entries = parsed.entries;
    } catch {
      /* no cache yet, or unreadable: start empty */
    }
  }

  get(file: string, key: string): Entry | undefined {
    const e = this.entries[file];
    return e && e.key === key ? e : undefined;
  }

  set(file: string, key: string, findings: Finding[], skipped?: string): void {
    this.entries[file] = skipped ? { key, findings, skipped } : { key, findings };
    this.dirty = true;
  }

  /** Writes atomically (temp file + rename); a cache that cannot be written is silently not kept. */
  save(): void {
    if (!this.dirty) return;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify({ version: FORMAT_VERSION, entries: this.entries } satisfies CacheFile));
      fs.renameSync(tmp, this.file);
    } catch {
      /* read-only location: scanning still works, just uncached */
    }
  }
}
