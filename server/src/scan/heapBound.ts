// Keeps the CLI's heap near what a scan really holds. A scan produces a syntax tree per file and keeps
// almost none of it (about 50 MB live at the end of the 3,960-file corpus), but V8 sizes its old
// generation for a long-running process and let garbage grow to about 180 MB before collecting, which
// put the CLI's peak memory at 300 MB. The heap limit flags only apply at process start-up, so
// the scan asks for a full collection itself whenever the used heap passes a bound.
import v8 = require("node:v8");
import vm = require("node:vm");

let gc: (() => void) | undefined | null = null;

/** V8's collector function: exposed at run time (`--expose-gc` reaches new contexts), or undefined. */
function collector(): (() => void) | undefined {
  if (gc === null) {
    try {
      v8.setFlagsFromString("--expose-gc");
      const fn = vm.runInNewContext("gc") as unknown;
      gc = typeof fn === "function" ? (fn as () => void) : undefined;
    } catch {
      gc = undefined;
    }
  }
  return gc ?? undefined;
}

/**
 * A check to call between files: collects when the used heap is over `boundMb` (looked up every few
 * files; reading heap statistics is cheap, a full collection is not). A no-op where gc is unavailable.
 */
export function heapBound(boundMb: number, every = 16): () => void {
  const fn = collector();
  if (!fn) return () => {};
  const bound = boundMb * 1024 * 1024;
  let n = 0;
  return () => {
    if (++n % every !== 0) return;
    if (v8.getHeapStatistics().used_heap_size > bound) fn();
  };
}
