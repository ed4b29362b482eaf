import type { Env } from "../io/env.js";
import type { ExportFormat } from "../output/credential-formats.js";
import { exportFormats, formatCredentials } from "../output/credential-formats.js";
import { cachedResolution } from "./cached-process-credentials.js";
import { fastPathInputs, writeStdout } from "./fast-path-io.js";

/**
 * `credo export [NAME] [--format F]` on a cache hit, before the full CLI
 * loads: the same text the full path prints (src/cli/export.ts), from the
 * same cached sessions `credo process` serves. People run it in every new
 * shell (`eval "$(credo export dev)"`), where the full CLI's start cost
 * about half as much again as Node.js itself. Only these plain forms are
 * served; any other option (--mfa-code, --profile, --debug, --help), a miss
 * or an error leaves the run to the full CLI, which handles and reports them.
 */
export async function tryExportFastPath(argv: readonly string[], env: Env): Promise<boolean> {
  const request = plainExport(argv);
  if (request === undefined) return false;
  const inputs = fastPathInputs(request.profile, env);
  if (inputs === undefined) return false;
  let document: string;
  try {
    const resolution = await cachedResolution(inputs);
    if (resolution === undefined) return false;
    document = formatCredentials(request.format, resolution);
  } catch {
    return false;
  }
  await writeStdout(document);
  return true;
}

/** `[NAME] [--format F | -f F | --format=F]` in either order, or undefined for anything else. */
export function plainExport(
  argv: readonly string[],
): { profile: string | undefined; format: ExportFormat } | undefined {
  let profile: string | undefined;
  let format: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string;
    if (arg === "--format" || arg === "-f") {
      if (format !== undefined) return undefined;
      format = argv[index + 1];
      index += 1;
      if (format === undefined) return undefined;
    } else if (arg.startsWith("--format=")) {
      if (format !== undefined) return undefined;
      format = arg.slice("--format=".length);
    } else if (arg.startsWith("-") || arg === "" || profile !== undefined) {
      return undefined;
    } else {
      profile = arg;
    }
  }
  const chosen = format ?? "env";
  if (!isExportFormat(chosen)) return undefined;
  return { profile, format: chosen };
}

function isExportFormat(format: string): format is ExportFormat {
  return (exportFormats as readonly string[]).includes(format);
}
