import { envValue } from "../io/env.js";
import type { CredentialRuntime } from "../runtime/credential-runtime.js";
import { pickProfile } from "./pick-profile.js";

/**
 * The profile a command acts on: the one named, else (on a terminal, with no
 * AWS_PROFILE to follow) the one picked through the seed's menus, else
 * undefined, which lets the chain choose as the SDKs do.
 */
export async function profileOrPick(
  runtime: Pick<CredentialRuntime, "ctx" | "files" | "prompter">,
  profileOption: string | undefined,
): Promise<string | undefined> {
  if (profileOption !== undefined) return profileOption;
  const { env, io } = runtime.ctx;
  if (
    envValue(env, "AWS_PROFILE") !== undefined ||
    envValue(env, "AWS_DEFAULT_PROFILE") !== undefined
  )
    return undefined;
  const prompter = io.stdinIsTTY ? runtime.prompter() : undefined;
  return prompter === undefined ? undefined : pickProfile(runtime, prompter);
}
