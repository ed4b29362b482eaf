import type { Prompter } from "../io/prompter.js";
import type { SamlRole } from "./parse-saml-response.js";
import { roleChoiceNeededError, roleNotGrantedError } from "./saml-sign-in-errors.js";

/** The picker of the Prompter (io/prompter.ts): one question with a list of answers. */
export type SelectPrompt = Prompter["select"];

/**
 * The role to assume: the profile's when it names one (it must be granted),
 * the only one granted, or the user's pick on the terminal.
 */
export async function chooseSamlRole(
  profile: string,
  roleArn: string | undefined,
  roles: readonly SamlRole[],
  select: SelectPrompt | undefined,
): Promise<SamlRole> {
  const granted = roles.map((role) => role.roleArn);
  if (roleArn !== undefined) {
    const match = roles.find((role) => role.roleArn === roleArn);
    if (match === undefined) throw roleNotGrantedError(profile, roleArn, granted);
    return match;
  }
  const [only] = roles;
  if (roles.length === 1 && only !== undefined) return only;
  if (select === undefined) throw roleChoiceNeededError(profile, granted);
  return select(
    `Role for ${profile}:`,
    roles.map((role) => ({ name: role.roleArn, value: role })),
  );
}
