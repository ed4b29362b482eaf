import type { AppContext } from "../context.js";

export function writeJson(ctx: AppContext, value: unknown): void {
  ctx.io.out.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Colour only on a terminal, and never when NO_COLOR is set (no-color.org). */
export function useColour(ctx: AppContext): boolean {
  return ctx.io.out.isTTY && ctx.env.NO_COLOR === undefined && ctx.env.TERM !== "dumb";
}

export function formatDuration(ms: number): string {
  if (ms <= 0) return "expired";
  const minutes = Math.floor(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours}h${String(minutes % 60).padStart(2, "0")}m` : `${minutes}m`;
}
