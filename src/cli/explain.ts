import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { ExitCode } from "../errors.js";
import { exitCodeAction } from "./command-action.js";
import type { Explanation } from "../providers/explain.js";
import { writeJson } from "../output/command-output.js";
import type { ProfileOptions } from "./profile-argument.js";
import { addProfileArgument, chosenProfile } from "./profile-argument.js";

export interface ExplainOptions {
  /** The profile named on the command line; the chain picks one when undefined. */
  profile?: string | undefined;
  json?: boolean | undefined;
}

export function registerExplain(program: Command, ctx: AppContext): void {
  const command = program
    .command("explain")
    .summary("show how the SDKs would find credentials for a profile, and why")
    .description(
      "Walk the SDKs' credential chain as it applies right now, without any network call: the\n" +
        "environment variables and files read, the profile picked and why, each link of a role\n" +
        "chain, the source that wins and those it shadows, and the region.\n" +
        "--json prints an object whose `source` is botocore's name for the winning provider.",
    )
    .option("--json", "print JSON");
  addProfileArgument(command)
    .addHelpText(
      "after",
      "\nExamples:\n  credo explain dev\n  AWS_PROFILE=prod credo explain --json",
    )
    .action(
      exitCodeAction((name: string | undefined, options: ExplainOptions & ProfileOptions) =>
        runExplain({ ...options, profile: chosenProfile(name, options) }, ctx),
      ),
    );
}

/** Explains the chain for the profile; exit 3 when no source would give credentials. */
export async function runExplain(options: ExplainOptions, ctx: AppContext): Promise<number> {
  const [{ loadContextProfiles }, { explainResolution }] = await Promise.all([
    import("../runtime/context-files.js"),
    import("../providers/explain.js"),
  ]);
  const files = await loadContextProfiles(ctx);
  const explanation = explainResolution({
    ...(options.profile === undefined ? {} : { profileOption: options.profile }),
    env: ctx.env,
    profileSet: files.profileSet,
    locations: files.locations,
  });
  if (options.json) writeJson(ctx, explanation);
  else ctx.io.out.write(formatExplanation(explanation));
  return explanation.problem ? ExitCode.config : ExitCode.ok;
}

const profileReasons: Record<string, string> = {
  option: "given on the command line",
  AWS_PROFILE: "from AWS_PROFILE",
  AWS_DEFAULT_PROFILE: "from AWS_DEFAULT_PROFILE",
  default: "the default, as nothing else names one",
};

export function formatExplanation(e: Explanation): string {
  const lines: string[] = [];
  lines.push(`Profile:  ${e.profile} (${profileReasons[e.profileFrom] ?? e.profileFrom})`);
  lines.push(`Files:    ${e.filesRead.join(", ") || "(none)"}`);
  const setVars = e.envRead.filter((v) => v.set).map((v) => v.name);
  lines.push(`Env:      ${setVars.length ? setVars.join(", ") : "no AWS variables set"}`);
  if (e.source) lines.push(`Source:   ${e.source}: ${e.sourceDetail}`);
  else lines.push(`Source:   none: ${e.sourceDetail}`);
  if (e.links.length) {
    lines.push("Chain:");
    e.links.forEach((link, i) => {
      lines.push(
        `  ${i + 1}. ${link.profile ?? "(environment)"}: ${link.kind}${link.detail ? `, ${link.detail}` : ""}`,
      );
    });
  }
  for (const shadowed of e.shadowed) {
    lines.push(`Shadowed: ${shadowed.source}: ${shadowed.detail}`);
  }
  lines.push(`Region:   ${e.region ?? "(none)"} (${e.regionFrom})`);
  for (const note of e.notes) lines.push(`Note:     ${note}`);
  if (e.problem) {
    lines.push(`Problem:  ${e.problem.message}`);
    if (e.problem.hint) lines.push(`          ${e.problem.hint}`);
  }
  return `${lines.join("\n")}\n`;
}
