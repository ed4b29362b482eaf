// The dry-run diff of an 8,000-line config: `node bench/config-diff.js $PWD/dist/io/unified-diff.js` after a build.
import { performance } from "node:perf_hooks";
const mod = await import(process.argv[2]);
const lines = [];
for (let i = 0; i < 2000; i++)
  lines.push(
    `[profile p${i}]`,
    `region = eu-west-1`,
    `role_arn = arn:aws:iam::111111111111:role/R${i}`,
    ``,
  );
const before = lines.join("\n");
const after =
  before.replace("role/R1000\n", "role/X1000\n").replace("[profile p1500]", "[profile q1500]") +
  "\n[profile new]\nregion = x\n";
const t0 = performance.now();
const d = await mod.unifiedDiff(before, after, "config");
const t1 = performance.now();
process.stdout.write(
  `${lines.length} lines: ${(t1 - t0).toFixed(0)} ms, peak rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB, diff ${d.length} chars\n`,
);
