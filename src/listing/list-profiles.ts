import type { Env } from "../io/env.js";
import type { ProfileSet } from "../profile-files/types.js";
import type { ProfileSummary } from "./profile-summary.js";
import { summariseProfile } from "./profile-summary.js";
import { loginSessionState } from "./login-session-state.js";
import type { SessionState } from "./session-states.js";
import { sessionStates } from "./session-states.js";

export interface ListedProfile extends ProfileSummary {
  session: SessionState;
}

export interface ListProfilesInputs {
  profileSet: ProfileSet;
  env: Env;
  cacheDir: string;
  now: number;
  /** Where `aws login` sessions are cached (~/.aws/login/cache); their state is read when set. */
  homedir?: string;
}

/** Every profile in the files, sorted by name, with its kind and the state of its cached session. */
export async function listProfiles(inputs: ListProfilesInputs): Promise<ListedProfile[]> {
  const summaries = Object.keys(inputs.profileSet.profiles)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => summariseProfile(inputs.profileSet, name));
  const withSessions = summaries
    .filter((s) => s.kind === "hub" || s.kind === "role")
    .map((s) => s.name);
  const states = await sessionStates(withSessions, inputs);
  const { homedir } = inputs;
  if (homedir !== undefined) {
    await Promise.all(
      summaries
        .filter((s) => s.kind === "login")
        .map(async (s) => {
          states.set(
            s.name,
            await loginSessionState(inputs.profileSet, s.name, inputs.env, homedir, inputs.now),
          );
        }),
    );
  }
  return summaries.map((summary) => ({
    ...summary,
    session: states.get(summary.name) ?? { state: "none" },
  }));
}
