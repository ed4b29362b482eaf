import { ConfigError } from "../errors.js";
import type { PromptChoice, Prompter } from "../io/prompter.js";
import type { CredentialRuntime } from "../runtime/credential-runtime.js";
import type { HubTopology } from "./hub-topology.js";
import { hubTopologies } from "./hub-topology.js";

/**
 * The seed's pickers (aacli auth / web): hub, then account ("environment"),
 * then role. A step with a single possible answer is not asked. The hub's own
 * MFA session is offered beside the accounts. The MFA code, when one is
 * needed, is asked afterwards by the credential runtime itself.
 */
export async function pickProfile(
  runtime: Pick<CredentialRuntime, "files">,
  prompter: Pick<Prompter, "select">,
): Promise<string> {
  const hubs = hubTopologies(runtime.files.profileSet);
  if (hubs.length === 0) {
    throw new ConfigError(
      "No hub is configured, so there is nothing to pick from.",
      "Add one with `credo config` or `credo hub add`, or name a profile: `credo auth NAME`.",
    );
  }
  const hub = await pickOne(
    prompter,
    "Hub:",
    hubs.map((topology) => ({ name: hubLabel(topology), value: topology })),
  );
  const hubItself = { account: "", roles: [] };
  const account = await pickOne(prompter, "Account:", [
    { name: `${hub.hub} itself (the hub's MFA session)`, value: hubItself },
    ...hub.accounts.map((group) => ({
      name: `${group.account} (${group.roles.map((role) => role.profile).join(", ")})`,
      value: group,
    })),
  ]);
  if (account === hubItself) return hub.hub;
  const role = await pickOne(
    prompter,
    "Role:",
    account.roles.map((candidate) => ({
      name: `${candidate.roleName} as ${candidate.profile}${candidate.region ? ` in ${candidate.region}` : ""}`,
      value: candidate.profile,
    })),
  );
  return role;
}

function hubLabel(topology: HubTopology): string {
  const roles = topology.accounts.reduce((count, group) => count + group.roles.length, 0);
  return `${topology.hub} (${roles} role${roles === 1 ? "" : "s"}${topology.region ? `, ${topology.region}` : ""})`;
}

async function pickOne<T>(
  prompter: Pick<Prompter, "select">,
  message: string,
  choices: readonly PromptChoice<T>[],
): Promise<T> {
  const [only] = choices;
  if (choices.length === 1 && only !== undefined) return only.value;
  return prompter.select(message, choices);
}
