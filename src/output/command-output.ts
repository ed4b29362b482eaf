import type { AppContext } from "../context.js";

export function writeJson(ctx: AppContext, value: unknown): void {
  ctx.io.out.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Colour only on a terminal, and never when NO_COLOR is set (no-color.org). */
export function useColour(ctx: AppContext): boolean {
  return ctx.io.out.isTTY && ctx.env.NO_COLOR === undefined && ctx.env.TERM !== "dumb";
}
