import type { Command } from "commander";
import type { AppContext } from "../context.js";
import { exitCodeAction } from "./command-action.js";
import { useColour, writeJson } from "../output/command-output.js";

export interface DoctorOptions {
  json?: boolean | undefined;
  online?: boolean | undefined;
}

export function registerDoctor(program: Command, ctx: AppContext): void {
  program
    .command("doctor")
    .summary("check the AWS setup for traps and insecure settings")
    .description(
      "Check the AWS files, the environment and credo's own state, and say what to do about each finding:\n" +
        "plaintext keys (also in copies of credentials sections credo kept), file modes looser than\n" +
        "0600/0700, AWS_ACCESS_KEY_ID beside AWS_PROFILE, AWS_REGION and AWS_DEFAULT_REGION disagreeing,\n" +
        "source_profile missing or in a cycle, settings shadowed by another source, expired sessions, a\n" +
        "credential_process that cannot be found, the vault in plain mode, damaged or with a key below the\n" +
        "minimum scrypt cost and, with --online, a clock more than a minute off from AWS.\n\n" +
        "Exit status: 0 nothing found, 1 warnings only, 2 at least one error.",
    )
    .option(
      "--json",
      "print JSON: {findings: [{check, severity, what, fix, profile?}], errors, warnings}",
    )
    .option(
      "--online",
      "also compare this machine's clock with STS (one unsigned request, no credentials)",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  credo doctor\n  credo doctor --online\n  credo doctor --json | jq '.findings[] | select(.severity == \"error\")'",
    )
    .action(exitCodeAction((options: DoctorOptions) => runDoctor(options, ctx)));
}

/** Runs the checks; exit 0 with no findings, 1 with warnings only, 2 with an error. */
export async function runDoctor(options: DoctorOptions, ctx: AppContext): Promise<number> {
  const [
    { loadContextProfiles, contextCredoHome },
    { runDoctor: doctorFindings, doctorExitCode },
    { readVaultProtection },
    { nodeFileStatus },
  ] = await Promise.all([
    import("../runtime/context-files.js"),
    import("../doctor/run-doctor.js"),
    import("../doctor/vault-protection.js"),
    import("../io/file-status.js"),
  ]);
  const loaded = await loadContextProfiles(ctx);
  const credoHome = contextCredoHome(ctx);
  let serverDate: ((url: string) => Promise<Date>) | undefined;
  if (options.online) serverDate = (await import("../aws/server-date.js")).fetchServerDate;
  const { startSpinner } = await import("../io/spinner.js");
  const spinner = options.online ? startSpinner(ctx.io.err, "Asking AWS for the time…") : undefined;
  let findings;
  try {
    findings = await doctorFindings({
      env: ctx.env,
      profileSet: loaded.profileSet,
      locations: loaded.locations,
      credoHome,
      homedir: ctx.homedir,
      platform: ctx.platform,
      now: ctx.clock.now(),
      fileStatus: nodeFileStatus,
      files: ctx.files,
      vaultProtection: () => readVaultProtection(credoHome, ctx.env, ctx.files),
      ...(serverDate === undefined ? {} : { serverDate }),
    });
  } finally {
    spinner?.stop();
  }
  const errors = findings.filter((finding) => finding.severity === "error").length;
  const warnings = findings.length - errors;
  if (options.json) {
    writeJson(ctx, { findings, errors, warnings });
  } else {
    const { formatFindings } = await import("../doctor/format-findings.js");
    ctx.io.out.write(formatFindings(findings, useColour(ctx)));
  }
  return doctorExitCode(findings);
}
