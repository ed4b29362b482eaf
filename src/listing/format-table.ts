import type { ListedProfile } from "./list-profiles.js";
import { sessionLabel } from "./session-label.js";

export interface Paint {
  good(text: string): string;
  bad(text: string): string;
  dim(text: string): string;
}

export const noPaint: Paint = { good: (t) => t, bad: (t) => t, dim: (t) => t };

export const ansiPaint: Paint = {
  good: (t) => `\u001b[32m${t}\u001b[39m`,
  bad: (t) => `\u001b[31m${t}\u001b[39m`,
  dim: (t) => `\u001b[2m${t}\u001b[22m`,
};

const headers = ["NAME", "KIND", "ACCOUNT", "ROLE", "REGION", "SESSION"] as const;

/** A plain aligned table; colour (when given) only wraps the session cell, after padding. */
export function formatProfileTable(
  profiles: readonly ListedProfile[],
  now: number,
  paint: Paint = noPaint,
): string {
  const rows = profiles.map((p) => [
    p.name,
    p.kind,
    p.account ?? "-",
    p.role ?? "-",
    p.region ?? "-",
    sessionLabel(p.session, now),
  ]);
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: readonly string[], colour?: (text: string) => string) =>
    cells
      .map((cell, column) => {
        const last = column === cells.length - 1;
        if (last) return colour ? colour(cell) : cell;
        return cell.padEnd(widths[column] ?? 0);
      })
      .join("  ");
  const body = profiles.map((profile, index) => {
    const state = profile.session.state;
    const colour = state === "valid" ? paint.good : state === "expired" ? paint.bad : paint.dim;
    return line(rows[index] ?? [], colour);
  });
  return [line(headers), ...body].join("\n") + "\n";
}
