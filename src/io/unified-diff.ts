/**
 * A unified diff (as `diff -u` prints it, 3 lines of context) between two
 * texts, for `--dry-run`. Line-based LCS: config files are small.
 */
export function unifiedDiff(before: string, after: string, label: string): string {
  if (before === after) return "";
  const a = before.split("\n");
  const b = after.split("\n");
  const ops = diffLines(a, b);
  const context = 3;
  const lines: string[] = [`--- ${label}`, `+++ ${label} (after sync)`];
  let index = 0;
  while (index < ops.length) {
    const firstChange = ops.findIndex((op, i) => i >= index && op.kind !== " ");
    if (firstChange === -1) break;
    const start = Math.max(index, firstChange - context);
    let end = firstChange;
    for (let i = firstChange; i < ops.length; i += 1) {
      if (ops[i]?.kind !== " ") end = i;
      else if (i - end > context * 2) break;
    }
    const stop = Math.min(ops.length, end + context + 1);
    const hunk = ops.slice(start, stop);
    const oldStart = (hunk[0]?.aLine ?? 0) + 1;
    const newStart = (hunk[0]?.bLine ?? 0) + 1;
    const oldCount = hunk.filter((op) => op.kind !== "+").length;
    const newCount = hunk.filter((op) => op.kind !== "-").length;
    lines.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`);
    for (const op of hunk) lines.push(`${op.kind}${op.text}`);
    index = stop;
  }
  return `${lines.join("\n")}\n`;
}

interface DiffOp {
  kind: " " | "-" | "+";
  text: string;
  aLine: number;
  bLine: number;
}

function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const lcs = new Uint32Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lcs[i * cols + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * cols + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * cols + j] ?? 0, lcs[i * cols + j + 1] ?? 0);
    }
  }
  const ops: DiffOp[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: " ", text: a[i] ?? "", aLine: i, bLine: j });
      i += 1;
      j += 1;
    } else if (
      j < b.length &&
      (i === a.length || (lcs[i * cols + j + 1] ?? 0) >= (lcs[(i + 1) * cols + j] ?? 0))
    ) {
      ops.push({ kind: "+", text: b[j] ?? "", aLine: i, bLine: j });
      j += 1;
    } else {
      ops.push({ kind: "-", text: a[i] ?? "", aLine: i, bLine: j });
      i += 1;
    }
  }
  return ops;
}
