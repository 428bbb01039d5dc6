// The shared word scan (rules/api/wordIndex.ts) answers exactly what `includes` would: for every word
// set, whether the text contains one of its words, overlapping, nested and prefix words included.
import * as assert from "node:assert/strict";
import { WordSet } from "../../rules/api/wordIndex";

describe("api: word index", () => {
  const sets = [
    new WordSet(["redis", "Redis", "rediss://"]),
    new WordSet(["sk-", "sk-ant-", "ask"]),
    new WordSet(["slack", "ack"]),
    new WordSet([".doc(", "env.", ".get"]),
    new WordSet(["aaa"]),
  ];
  const texts = [
    "",
    "const url = 'rediss://u:p@host';",
    "const r = new Redis();",
    "disk-cache and task-runner",
    "slack",
    "a backpack",
    "db.doc(id); process.env.X; map.get(k)",
    "aaaa",
    "aa",
    "nothing here",
  ];

  for (const text of texts) {
    it(`answers as includes does: ${JSON.stringify(text)}`, () => {
      for (const set of sets)
        assert.equal(
          set.in(text),
          set.words.some((w) => text.includes(w)),
          set.words.join(","),
        );
      // Asked again (the kept answer), and after another text.
      for (const set of sets)
        assert.equal(
          set.in(text),
          set.words.some((w) => text.includes(w)),
        );
    });
  }

  it("keeps answering after a word set is added later", () => {
    assert.equal(sets[0].in("Redis"), true);
    const late = new WordSet(["Red"]);
    assert.equal(late.in("Redis"), true);
    assert.equal(sets[0].in("Redis"), true);
    assert.equal(late.in("redis"), false);
  });
});
