// --shard i/n (as Jest and Playwright shard): which of the scanned files this CI job lints. Each file
// goes to the shard its path's hash picks, so the slice is deterministic across machines and jobs and
// a file added to the repository moves no other file to another shard. Only the linting is split:
// project facts (roles, units, documented env vars...) are read from the whole tree by every shard,
// so the shards' findings together are exactly a full scan's.
import * as path from "node:path";

export interface Shard {
  /** 1-based, as written on the command line. */
  index: number;
  count: number;
}

/** Parses "i/n" (1 <= i <= n); undefined when the text is not one. */
export function parseShard(text: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count || count > 10_000) return undefined;
  return { index, count };
}

/**
 * The files of one shard. The hash is of the path relative to `base` with "/" separators, so a
 * checkout in another folder or on Windows gives every shard the same files.
 */
export function filesOfShard(files: readonly string[], shard: Shard, base: string): string[] {
  return files.filter((f) => shardOfPath(path.relative(base, f).split(path.sep).join("/"), shard.count) === shard.index);
}

/** 1-based shard of a path: FNV-1a, 32 bits, of its UTF-16 code units. */
export function shardOfPath(relativePath: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < relativePath.length; i++) {
    h ^= relativePath.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (h % count) + 1;
}
