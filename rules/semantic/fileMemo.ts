// Per-file memos of the semantic modules (a file's import index, scope tables, resolved bindings and
// imports...), stored on the object they describe (the SourceFile, or the FileInfo of one lint) so
// that they live and die with it.
//
// Why not WeakMaps or a module-level Map keyed by the SourceFile: those tables are long-lived, so they
// sit in V8's old generation, and every entry they ever held is a slot the young-generation collector
// treats as a root until the next full collection, even after the entry is gone. Each linted file's
// syntax tree was therefore kept alive and copied by every young collection for a while after its
// lint: on the 4,000-file benchmark corpus, one such cache alone cost 2.3 s of garbage collection in
// a scan whose parse takes 3.5 s (measured with --trace-gc). A property on the file's own objects
// points from young to young and costs the collector nothing.

const MEMOS = Symbol("deploygap.fileMemos");

type Owner = object & { [MEMOS]?: Map<unknown, unknown> };

/**
 * The value of `key` for `owner` (a SourceFile, or the FileInfo of the file being linted), computed
 * once. `key` is a module-level constant of the caller; values must depend only on the owner.
 */
export function fileMemo<T>(owner: object, key: unknown, compute: () => T): T {
  const o = owner as Owner;
  let slots = o[MEMOS];
  if (slots === undefined) {
    slots = new Map();
    // Not enumerable: the owner's shape as other code sees it (JSON, Object.keys) stays the same.
    Object.defineProperty(o, MEMOS, { value: slots, enumerable: false, writable: false, configurable: true });
  }
  if (slots.has(key)) return slots.get(key) as T;
  const value = compute();
  slots.set(key, value);
  return value;
}
