import { isAbsolute, join } from "node:path";
import { nonEmptyProperty } from "../profile-files/profile-property.js";
import { envValue } from "../io/env.js";
import { splitCommandLine } from "../io/split-command-line.js";
import type { DoctorInputs, Finding } from "./finding.js";

/**
 * A credential_process whose program cannot be found fails in every tool with
 * an error that rarely names the profile. The command is split as botocore
 * splits it (no shell), and a bare name is looked up on PATH as the
 * subprocess would.
 */
export async function processPaths({
  profileSet,
  env,
  platform,
  fileStatus,
}: DoctorInputs): Promise<Finding[]> {
  const findings: Finding[] = [];
  const pathDirs = (envValue(env, "PATH") ?? "")
    .split(platform === "win32" ? ";" : ":")
    .filter(Boolean);
  for (const [name, properties] of Object.entries(profileSet.profiles)) {
    const command = nonEmptyProperty(properties, "credential_process");
    if (command === undefined) continue;
    let program: string | undefined;
    try {
      program = splitCommandLine(command)[0];
    } catch (error) {
      findings.push(
        problem(
          name,
          `its credential_process cannot be split into words (${(error as Error).message})`,
          "Fix the quoting in credential_process.",
        ),
      );
      continue;
    }
    if (program === undefined) continue;
    const candidates = program.includes("/")
      ? [program]
      : pathDirs.map((dir) => join(dir, program));
    const found = await someAsync(candidates, (path) => fileStatus.isExecutable(path));
    if (found) continue;
    findings.push(
      program.includes("/")
        ? problem(
            name,
            `its credential_process runs ${program}, which does not exist or is not executable${isAbsolute(program) ? "" : " (a relative path depends on the directory each tool runs in)"}`,
            "Fix the path in credential_process (an absolute path is safest).",
          )
        : problem(
            name,
            `its credential_process runs "${program}", which is not on PATH`,
            `Install ${program} or put its folder on PATH (AWS tools start it with their own PATH).`,
          ),
    );
  }
  return findings;
}

function problem(profile: string, what: string, fix: string): Finding {
  return {
    check: "credential-process",
    severity: "error",
    profile,
    what: `Profile "${profile}": ${what}.`,
    fix,
  };
}

async function someAsync<T>(
  items: readonly T[],
  test: (item: T) => Promise<boolean>,
): Promise<boolean> {
  for (const item of items) if (await test(item)) return true;
  return false;
}
