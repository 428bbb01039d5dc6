// dist/cli.js, the `deploygap` command: loads the CLI bundle (dist/cli-main.js) through a V8 code
// cache, as Node 22's module.enableCompileCache() would (Node 20 has none). Compiling the 11 MB bundle
// is about a fifth of a warm rescan; with the cache V8 reads its bytecode instead. The cache lives in
// the user's own cache folder (never the project's: a repository could commit a crafted one), is used
// only when this user owns it and nobody else can write it, and is named after the bundle's content
// hash and the Node version (V8 itself checks only the source's length and its own flags). Any failure
// falls back to a plain compile: the cache only ever changes how fast the CLI starts.
// Only Node built-ins and userCacheDir here: this file is bundled on its own, before the CLI loads.
import fs = require("node:fs");
import path = require("node:path");
import vm = require("node:vm");
import { isPrivateToUser, readPrivateFile, userCacheDir } from "../scan/userCacheDir";

const CJS_PARAMETERS = ["exports", "require", "module", "__filename", "__dirname"];

function launch(): void {
  const main = path.join(__dirname, "cli-main.js");
  const source = fs.readFileSync(main, "utf8");
  const cacheFile = process.env.DEPLOYGAP_COMPILE_CACHE === "0" ? undefined : cacheFileFor(main);
  const cachedData = cacheFile ? readPrivateFile(cacheFile, 64 * 1024 * 1024) : undefined;
  let run: ReturnType<typeof vm.compileFunction>;
  try {
    run = vm.compileFunction(source, CJS_PARAMETERS, { filename: main, cachedData, produceCachedData: !cachedData && !!cacheFile });
  } catch (err) {
    // A syntax error would be a broken install; anything else is the cache's fault.
    if (err instanceof SyntaxError) throw err;
    run = vm.compileFunction(source, CJS_PARAMETERS, { filename: main });
  }
  if (cacheFile && run.cachedDataProduced && run.cachedData) writePrivate(cacheFile, run.cachedData);
  else if (cacheFile && cachedData && run.cachedDataRejected) removeQuietly(cacheFile);
  else if (cacheFile && cachedData) markUsed(cacheFile);
  // The bundle runs as this module: `require.main === module` holds in it, as when Node loads it itself.
  run.call(module.exports, module.exports, require, module, main, path.dirname(main));
}

/**
 * The build's hash of dist/cli-main.js, put in by scripts/build.mjs. V8 accepts cached data made from any
 * source of the same length, so the file name must change with the bundle's content.
 */
declare const CLI_MAIN_HASH: string | undefined;

/** `<user cache folder>/compile-<bundle hash>-<node>-<arch>-<size>-<mtime>.bin`, or undefined without a folder or a hash. */
function cacheFileFor(main: string): string | undefined {
  try {
    const hash = typeof CLI_MAIN_HASH === "string" ? CLI_MAIN_HASH : undefined;
    const dir = userCacheDir();
    if (!dir || !hash) return undefined;
    const st = fs.statSync(main);
    return path.join(dir, `compile-${hash}-${process.version}-${process.arch}-${st.size}-${Math.trunc(st.mtimeMs)}.bin`);
  } catch {
    return undefined;
  }
}

/** Writes the cache through a temporary file and a rename, in a folder only this user can enter. */
function writePrivate(file: string, data: Buffer): void {
  const dir = path.dirname(file);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.lstatSync(dir);
    if (!st.isDirectory() || !isPrivateToUser(st)) return;
    fs.writeFileSync(tmp, data, { mode: 0o600, flag: "wx" });
    fs.renameSync(tmp, file);
    removeStale(dir, path.basename(file));
  } catch {
    removeQuietly(tmp);
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A cache in use keeps a recent mtime (set at most once a day), so removeStale spares it. */
function markUsed(file: string): void {
  try {
    if (fs.statSync(file).mtimeMs < Date.now() - DAY_MS) fs.utimesSync(file, new Date(), new Date());
  } catch {
    // Not ours to touch: it stays until it is stale.
  }
}

/**
 * Caches of other builds or Node versions not used for a week (each build leaves one behind; two
 * installed versions used in turn keep theirs), and temporary files a killed run left for a day.
 */
function removeStale(dir: string, keep: string): void {
  const now = Date.now();
  for (const name of fs.readdirSync(dir)) {
    if (name === keep || !name.startsWith("compile-")) continue;
    const maxAge = name.endsWith(".bin") ? 7 * DAY_MS : name.endsWith(".tmp") ? DAY_MS : undefined;
    if (maxAge === undefined) continue;
    const file = path.join(dir, name);
    try {
      if (fs.lstatSync(file).mtimeMs < now - maxAge) removeQuietly(file);
    } catch {
      // Removed meanwhile by another run.
    }
  }
}

function removeQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // Already gone, or not ours to remove.
  }
}

launch();
