// The CLI's heap bound really collects: garbage over the bound is gone after the check.
import * as assert from "node:assert/strict";
import v8 = require("node:v8");
import { heapBound } from "../../server/src/scan/heapBound";

describe("heapBound", () => {
  it("runs a full collection once the used heap passes the bound, checking every N calls", () => {
    const check = heapBound(0, 2);
    // Held, never read: ~40 MB the collection must free once it is dropped.
    // eslint-disable-next-line no-useless-assignment
    let garbage: number[][] | undefined = Array.from({ length: 200 }, () => new Array(25_000).fill(1.5)); // ~40 MB
    const withGarbage = v8.getHeapStatistics().used_heap_size;
    garbage = undefined;
    check(); // first call: not yet the N-th, so no collection
    check();
    const after = v8.getHeapStatistics().used_heap_size;
    assert.equal(garbage, undefined);
    assert.ok(withGarbage - after > 20 * 1024 * 1024, `collected ${((withGarbage - after) / 1e6).toFixed(1)} MB`);
  });

  it("does nothing under the bound", () => {
    const check = heapBound(1_000_000, 1);
    const before = v8.getHeapStatistics().used_heap_size;
    const keep = Array.from({ length: 50 }, () => new Array(25_000).fill(2.5));
    check();
    assert.ok(v8.getHeapStatistics().used_heap_size >= before + 5 * 1024 * 1024);
    assert.equal(keep.length, 50);
  });
});
