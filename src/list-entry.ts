/**
 * `credo list` with no option (or --names), before the full CLI loads: the command's own
 * runList, without commander and the command table, which are about half of
 * the list command's bundle. bin/credo.js loads this as dist/fast-path/list.cjs
 * (scripts/bundle-cli.js). Like main.ts a composition root. What it prints is
 * held until runList returns: on an error the full CLI takes over and reports
 * it, as the only one to print.
 */
import { realContext } from "./context.js";
import { runList } from "./listing/run-list.js";
import { heldStreams } from "./io/streams.js";

/**
 * The exit code of `credo list` or `credo list --names` (what shell completion
 * runs), or undefined when the full CLI must run it (another option, an error).
 */
export async function tryListFastPath(argv: readonly string[]): Promise<number | undefined> {
  const options =
    argv.length === 0
      ? {}
      : argv.length === 1 && argv[0] === "--names"
        ? { names: true }
        : undefined;
  if (options === undefined) return undefined;
  const ctx = realContext();
  const held = heldStreams(ctx.io);
  let code: number;
  try {
    code = await runList(options, { ...ctx, io: held.io });
  } catch {
    return undefined;
  }
  held.release();
  return code;
}
