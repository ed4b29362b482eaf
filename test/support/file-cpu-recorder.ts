import { appendFileSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, expect } from "vitest";

/**
 * Where the suite's CPU goes, file by file (README, "Development"): with
 * CREDO_TEST_CPU_LOG=FILE, vitest.config.ts loads this beside every test
 * file, and each file appends one line to FILE: the CPU-seconds its worker
 * spent between its first and last hook, those of the children it waited
 * for (credo, browsers, python3, git...), and its path. Linux only: it reads
 * /proc/self/stat. Children that were not waited for (a detached browser)
 * are not counted, as /usr/bin/time does not count them either.
 */
const log = process.env["CREDO_TEST_CPU_LOG"];

/** utime + stime and cutime + cstime of this process, in seconds. */
function cpuSeconds(): { own: number; children: number } {
  // The fields after the command name, which is in parentheses and may hold spaces.
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  const ticks = (index: number) => Number(fields[index]);
  // Clock ticks of 1/100 s: USER_HZ on every Linux that Node.js runs on.
  return { own: (ticks(11) + ticks(12)) / 100, children: (ticks(13) + ticks(14)) / 100 };
}

let start = { own: 0, children: 0 };
beforeAll(() => {
  start = cpuSeconds();
});
afterAll(() => {
  if (log === undefined) return;
  const end = cpuSeconds();
  const own = (end.own - start.own).toFixed(2);
  const children = (end.children - start.children).toFixed(2);
  appendFileSync(log, `${own} ${children} ${expect.getState().testPath ?? "?"}\n`);
});
