import type { PromptChoice, Prompter } from "../io/prompter.js";
import {
  validAccessKeyId,
  validAccountId,
  validMfaSerial,
  validProfileName,
  validRegion,
} from "../hub/validate-input.js";
import { CredoError } from "../errors.js";
import { parseRoleArn } from "../aws/arn.js";
import type { ConfigDraft, HubDraft, RoleDraft } from "./config-draft.js";
import { plannedChanges } from "./config-draft.js";

/**
 * The seed's `aacli config` menus: add, edit and delete hubs and their roles
 * ("environments": an account, a role and a region). Only prompts: every
 * answer goes into a copy of the draft, and the caller writes the files once,
 * after "Save and exit", so Ctrl-C at any question changes nothing.
 * Returns the edited draft, or undefined when the user leaves without saving.
 */
export async function runConfigMenu(
  prompter: Prompter,
  original: ConfigDraft,
): Promise<ConfigDraft | undefined> {
  let draft: ConfigDraft = { ...original };
  for (;;) {
    const pending = plannedChanges(original, draft).length;
    const action = await prompter.select<MenuAction>(
      "What would you like to do?",
      menuChoices(draft, pending),
    );
    if (action === "save") return draft;
    if (action === "quit") {
      if (
        pending === 0 ||
        (await prompter.confirm(
          `Discard ${pending} unsaved change${pending === 1 ? "" : "s"}?`,
          false,
        ))
      ) {
        return undefined;
      }
      continue;
    }
    draft = await menuActions[action](prompter, draft);
  }
}

type MenuAction =
  | "add-hub"
  | "add-role"
  | "edit-hub"
  | "edit-role"
  | "delete-hub"
  | "delete-role"
  | "save"
  | "quit";

function menuChoices(draft: ConfigDraft, pending: number): PromptChoice<MenuAction>[] {
  const hasHubs = draft.hubs.length > 0;
  const hasRoles = draft.roles.length > 0;
  return [
    { name: "Add a hub (an IAM user with an MFA device)", value: "add-hub" as const },
    ...(hasHubs
      ? [{ name: "Add a role (an account, a role and a region)", value: "add-role" as const }]
      : []),
    ...(hasHubs ? [{ name: "Edit a hub", value: "edit-hub" as const }] : []),
    ...(hasRoles ? [{ name: "Edit a role", value: "edit-role" as const }] : []),
    ...(hasHubs ? [{ name: "Delete a hub", value: "delete-hub" as const }] : []),
    ...(hasRoles ? [{ name: "Delete a role", value: "delete-role" as const }] : []),
    pending === 0
      ? { name: "Exit", value: "quit" as const }
      : {
          name: `Save ${pending} change${pending === 1 ? "" : "s"} and exit`,
          value: "save" as const,
        },
    ...(pending === 0 ? [] : [{ name: "Exit without saving", value: "quit" as const }]),
  ];
}

const menuActions: Record<
  Exclude<MenuAction, "save" | "quit">,
  (p: Prompter, d: ConfigDraft) => Promise<ConfigDraft>
> = {
  "add-hub": async (prompter, draft) => {
    const name = await askValid(prompter, "Hub name (the profile for the hub account):", (value) =>
      unusedName(draft, validProfileName(value)),
    );
    const newKey = await askAccessKey(prompter);
    const mfaSerial = await askValid(
      prompter,
      "MFA device ARN (arn:aws:iam::ACCOUNT:mfa/USER):",
      validMfaSerial,
    );
    const region = await askRegion(prompter, "Region (empty for none):");
    return { ...draft, hubs: [...draft.hubs, { name, mfaSerial, region, newKey }] };
  },
  "add-role": async (prompter, draft) => {
    const hub = await pickByName(prompter, "Hub the role trusts:", draft.hubs);
    const account = await askValid(prompter, "Account id (12 digits):", validAccountId);
    const roleName = await askValid(prompter, "Role name (e.g. Developer):", validRoleName);
    const name = await askValid(prompter, "Profile name for this role (e.g. dev):", (value) =>
      unusedName(draft, validProfileName(value)),
    );
    const region = await askRegion(prompter, `Region (empty for ${hub.region ?? "none"}):`);
    const mfa = await prompter.confirm(
      "Does the role itself demand an MFA code (its own mfa_serial)?",
      false,
    );
    const role: RoleDraft = {
      name,
      hub: hub.name,
      roleArn: `arn:${partitionOfSerial(hub.mfaSerial)}:iam::${account}:role/${roleName}`,
      region,
      mfa,
      externalId: undefined,
      durationSeconds: undefined,
      sessionName: undefined,
    };
    return { ...draft, roles: [...draft.roles, role] };
  },
  "edit-hub": async (prompter, draft) => {
    const hub = await pickByName(prompter, "Hub to edit:", draft.hubs);
    const field = await prompter.select("Change what?", [
      { name: `MFA device (${hub.mfaSerial})`, value: "mfa" as const },
      { name: `Region (${hub.region ?? "none"})`, value: "region" as const },
      { name: "Access key (replace the one in the vault)", value: "key" as const },
    ]);
    const edited: HubDraft =
      field === "mfa"
        ? { ...hub, mfaSerial: await askValid(prompter, "MFA device ARN:", validMfaSerial) }
        : field === "region"
          ? { ...hub, region: await askRegion(prompter, "Region (empty for none):") }
          : { ...hub, newKey: await askAccessKey(prompter) };
    return { ...draft, hubs: draft.hubs.map((item) => (item.name === hub.name ? edited : item)) };
  },
  "edit-role": async (prompter, draft) => {
    const role = await pickByName(prompter, "Role to edit:", draft.roles);
    const arn = parseRoleArn(role.roleArn);
    const field = await prompter.select("Change what?", [
      { name: `Account (${arn?.account ?? role.roleArn})`, value: "account" as const },
      { name: `Role name (${arn?.roleName ?? role.roleArn})`, value: "role" as const },
      { name: `Region (${role.region ?? "the hub's"})`, value: "region" as const },
      { name: `Own MFA requirement (${role.mfa ? "yes" : "no"})`, value: "mfa" as const },
    ]);
    const prefix = role.roleArn.slice(0, role.roleArn.indexOf(":iam::"));
    const edited: RoleDraft =
      field === "account"
        ? {
            ...role,
            roleArn: `${prefix}:iam::${await askValid(prompter, "Account id (12 digits):", validAccountId)}:role/${arn?.roleName ?? ""}`,
          }
        : field === "role"
          ? {
              ...role,
              roleArn: `${prefix}:iam::${arn?.account ?? ""}:role/${await askValid(prompter, "Role name:", validRoleName)}`,
            }
          : field === "region"
            ? { ...role, region: await askRegion(prompter, "Region (empty for the hub's):") }
            : {
                ...role,
                mfa: await prompter.confirm("Does the role itself demand an MFA code?", role.mfa),
              };
    return {
      ...draft,
      roles: draft.roles.map((item) => (item.name === role.name ? edited : item)),
    };
  },
  "delete-hub": async (prompter, draft) => {
    const hub = await pickByName(prompter, "Hub to delete:", draft.hubs);
    const roles = draft.roles.filter((role) => role.hub === hub.name);
    const also =
      roles.length === 0
        ? ""
        : ` and its role${roles.length === 1 ? "" : "s"} ${roles.map((r) => r.name).join(", ")}`;
    if (
      !(await prompter.confirm(`Delete hub ${hub.name} (and its key in the vault)${also}?`, false))
    )
      return draft;
    return {
      ...draft,
      hubs: draft.hubs.filter((item) => item.name !== hub.name),
      roles: draft.roles.filter((role) => role.hub !== hub.name),
    };
  },
  "delete-role": async (prompter, draft) => {
    const role = await pickByName(prompter, "Role to delete:", draft.roles);
    if (!(await prompter.confirm(`Delete role ${role.name}?`, false))) return draft;
    return { ...draft, roles: draft.roles.filter((item) => item.name !== role.name) };
  },
};

/** Asks until the answer passes `check` (a validate-input function: it throws a UsageError with the reason). */
function askValid<T>(prompter: Prompter, message: string, check: (value: string) => T): Promise<T> {
  return prompter
    .text(message, { validate: (value) => reasonOf(() => check(value.trim())) })
    .then((value) => check(value.trim()));
}

function reasonOf(check: () => unknown): true | string {
  try {
    check();
    return true;
  } catch (error) {
    if (error instanceof CredoError)
      return error.hint ? `${error.message} ${error.hint}` : error.message;
    throw error;
  }
}

async function askAccessKey(
  prompter: Prompter,
): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  const accessKeyId = await askValid(prompter, "Access key id (AKIA...):", validAccessKeyId);
  for (;;) {
    const secretAccessKey = (await prompter.secret("Secret access key (hidden):")).trim();
    if (secretAccessKey !== "") return { accessKeyId, secretAccessKey };
  }
}

function askRegion(prompter: Prompter, message: string): Promise<string | undefined> {
  return askValid(prompter, message, (value) => (value === "" ? undefined : validRegion(value)));
}

function pickByName<T extends { name: string }>(
  prompter: Prompter,
  message: string,
  items: readonly T[],
): Promise<T> {
  return prompter.select(
    message,
    items.map((item) => ({ name: item.name, value: item })),
  );
}

function unusedName(draft: ConfigDraft, name: string): string {
  if (
    [...draft.hubs, ...draft.roles].some((item) => item.name === name) ||
    draft.otherProfiles.includes(name)
  ) {
    throw new CredoError(`"${name}" is already taken.`, { hint: "Choose another name." });
  }
  return name;
}

function validRoleName(name: string): string {
  if (!/^[\w+=,.@-]{1,64}$/.test(name)) {
    throw new CredoError(`"${name}" is not an IAM role name.`, {
      hint: "Use up to 64 letters, digits and + = , . @ - _.",
    });
  }
  return name;
}

/** Roles live in the hub's partition (arn:aws, arn:aws-cn, arn:aws-us-gov), which its MFA device ARN names. */
function partitionOfSerial(mfaSerial: string): string {
  return mfaSerial.split(":")[1] || "aws";
}
