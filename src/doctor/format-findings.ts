import type { Finding } from "./finding.js";

/** Errors first, each finding as what then what to do; a closing count line. */
export function formatFindings(findings: readonly Finding[], colour: boolean): string {
  if (findings.length === 0) return "No problems found.\n";
  const paint = (code: number, text: string) =>
    colour ? `\u001b[${code}m${text}\u001b[39m` : text;
  const ordered = [...findings].sort((a, b) => rank(a) - rank(b));
  const lines = ordered.map((finding) => {
    const label = finding.severity === "error" ? paint(31, "error  ") : paint(33, "warning");
    return `${label} ${finding.what}\n        fix: ${finding.fix}`;
  });
  const errors = findings.filter((finding) => finding.severity === "error").length;
  const warnings = findings.length - errors;
  return `${lines.join("\n")}\n\n${count(errors, "error")}, ${count(warnings, "warning")}.\n`;
}

function rank(finding: Finding): number {
  return finding.severity === "error" ? 0 : 1;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
