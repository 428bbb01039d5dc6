// A unified diff of two texts (`--fix-dry-run`), in the format `git apply` and `patch -p1` read:
// line-based, 3 lines of context, hunks merged when their context touches. The line alignment is a
// longest-common-subsequence table, fine for the sizes fixes touch; past LIMIT lines it falls back to
// one hunk spanning the changed middle (common prefix and suffix trimmed), which is still a valid diff.
const CONTEXT = 3;
const LIMIT = 4_000_000; // cells of the LCS table

type Op = { kind: " " | "-" | "+"; line: Line };

export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return "";
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = align(a, b);
  const hunks: string[] = [];
  let i = 0;
  while (i < ops.length) {
    if (ops[i].kind === " ") {
      i++;
      continue;
    }
    // A hunk: from CONTEXT lines before this change to CONTEXT lines after the last change that is
    // within 2*CONTEXT unchanged lines of the previous one.
    const start = Math.max(0, i - CONTEXT);
    let end = i;
    let j = i;
    while (j < ops.length) {
      if (ops[j].kind !== " ") end = j;
      else if (j - end > 2 * CONTEXT) break;
      j++;
    }
    const stop = Math.min(ops.length, end + 1 + CONTEXT);
    const slice = ops.slice(start, stop);
    const oldStart = ops.slice(0, start).filter((o) => o.kind !== "+").length;
    const newStart = ops.slice(0, start).filter((o) => o.kind !== "-").length;
    const oldLen = slice.filter((o) => o.kind !== "+").length;
    const newLen = slice.filter((o) => o.kind !== "-").length;
    hunks.push(`@@ -${range(oldStart, oldLen)} +${range(newStart, newLen)} @@`);
    for (const o of slice) hunks.push(o.kind + o.line.text + (o.line.eol ? "" : "\n\\ No newline at end of file"));
    i = stop;
  }
  return [`--- a/${file}`, `+++ b/${file}`, ...hunks].join("\n") + "\n";
}

interface Line {
  text: string;
  /** Whether the line ends with a newline. */
  eol: boolean;
}

function splitLines(text: string): Line[] {
  if (text === "") return [];
  const parts = text.split("\n");
  const last = parts.pop()!;
  const lines = parts.map((t) => ({ text: t, eol: true }));
  if (last !== "") lines.push({ text: last, eol: false });
  return lines;
}

const range = (start: number, len: number) => (len === 0 ? `${start},0` : len === 1 ? `${start + 1}` : `${start + 1},${len}`);
const same = (x: Line, y: Line) => x.text === y.text && x.eol === y.eol;

function align(a: Line[], b: Line[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && same(a[pre], b[pre])) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && same(a[a.length - 1 - suf], b[b.length - 1 - suf])) suf++;
  const ma = a.slice(pre, a.length - suf);
  const mb = b.slice(pre, b.length - suf);
  const head = a.slice(0, pre).map((line) => ({ kind: " " as const, line }));
  const tail = a.slice(a.length - suf).map((line) => ({ kind: " " as const, line }));
  let middle: Op[];
  if ((ma.length + 1) * (mb.length + 1) > LIMIT) {
    middle = [...ma.map((line) => ({ kind: "-" as const, line })), ...mb.map((line) => ({ kind: "+" as const, line }))];
  } else {
    // lcs[i][j]: length of the LCS of ma[i..] and mb[j..].
    const w = mb.length + 1;
    const lcs = new Uint32Array((ma.length + 1) * w);
    for (let i = ma.length - 1; i >= 0; i--)
      for (let j = mb.length - 1; j >= 0; j--)
        lcs[i * w + j] = same(ma[i], mb[j]) ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
    middle = [];
    let i = 0;
    let j = 0;
    while (i < ma.length || j < mb.length) {
      if (i < ma.length && j < mb.length && same(ma[i], mb[j])) {
        middle.push({ kind: " ", line: ma[i++] });
        j++;
      } else if (i < ma.length && (j === mb.length || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]))
        middle.push({ kind: "-", line: ma[i++] });
      else middle.push({ kind: "+", line: mb[j++] });
    }
  }
  return [...head, ...middle, ...tail];
}
