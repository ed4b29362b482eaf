import { envValue } from "../io/env.js";
import type { ChainContext } from "./chain-context.js";
import type { Env } from "../io/env.js";
import type { ProfileSet } from "../profile-files/types.js";
import { containerCredentials, containerCredentialsUrl } from "./container-credentials.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import type { CredentialSourceName } from "./credentials.js";
import { envCredentials } from "./env-credentials.js";
import {
  enabledImdsEndpoint,
  instanceMetadataCredentials,
} from "./instance-metadata-credentials.js";
import { isManagedConsumerProfile } from "./managed-topology.js";
import { NotConfiguredError } from "./not-configured-error.js";
import type { ChainPlan, WebIdentityEnv } from "./plan-chain.js";
import { applicableProfileSources, isTokenOnlyPlan, planChain } from "./plan-chain.js";
import { resolveChainPlan } from "./resolve-chain-plan.js";

export interface LinkInput {
  context: ChainContext;
  profileName: string;
  /** True when --profile was given: botocore then drops the environment provider and env web identity. */
  profileFromOption: boolean;
}

export interface LinkResult {
  credentials: AwsCredentials;
  source: CredentialSourceName;
  chain: string[];
}

export interface ExamineInput {
  env: Env;
  profileSet: ProfileSet;
  profileName: string;
  profileFromOption: boolean;
}

/** What a link would use, found from its settings alone, without a network call. */
export interface LinkExamination {
  /** The sources it would use, the one it uses first; `detail` says what shows it. */
  sources: { source: CredentialSourceName; detail?: string }[];
  /** The profile link's plan. */
  plan?: ChainPlan;
  /** The profile only runs credo (`credential_process = credo process ...`). */
  runsCredo?: boolean;
}

export interface ChainLink {
  name: "environment" | "profile" | "container" | "instance-metadata";
  /** Throws NotConfiguredError to hand over to the next link. */
  resolve(input: LinkInput): Promise<LinkResult>;
  /**
   * The same decision as resolve() by the same checks, for `credo explain`:
   * NotConfiguredError when the link has nothing, CredoError when its
   * settings are broken.
   */
  examine(input: ExamineInput): LinkExamination;
}

/**
 * The default chain, top to bottom, as botocore's create_credential_resolver
 * orders it: environment keys, the profile (its own precedence lives in
 * plan-chain.ts profileSourceRules), container credentials, instance metadata.
 */
export const defaultChainLinks: readonly ChainLink[] = [
  {
    name: "environment",
    async resolve({ context, profileFromOption }) {
      const credentials = profileFromOption ? undefined : envCredentials(context.env);
      if (credentials === undefined) throw new NotConfiguredError("AWS_ACCESS_KEY_ID is not set.");
      return { credentials, source: "env", chain: [] };
    },
    examine({ env, profileFromOption }) {
      if (profileFromOption || envCredentials(env) === undefined)
        throw new NotConfiguredError("AWS_ACCESS_KEY_ID is not set.");
      return {
        sources: [{ source: "env", detail: "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set" }],
      };
    },
  },
  {
    name: "profile",
    async resolve({ context, profileName, profileFromOption }) {
      const plan = planChain(
        context.profileSet,
        profileName,
        profileFromOption ? undefined : webIdentityEnv(context),
      );
      return {
        credentials: await resolveChainPlan(plan, context),
        source: plan.source,
        chain: plan.profiles,
      };
    },
    examine({ env, profileSet, profileName, profileFromOption }) {
      const webEnv = profileFromOption ? undefined : webIdentityEnv({ env });
      const plan = planChain(profileSet, profileName, webEnv);
      if (isTokenOnlyPlan(plan))
        throw new NotConfiguredError(`The profile "${profileName}" holds an SSO token only.`);
      if (isManagedConsumerProfile(profileSet.profiles[profileName])) {
        // Other tools see only its credential_process (botocore: custom-process).
        return { sources: [{ source: "custom-process" }], plan, runsCredo: true };
      }
      const sources = applicableProfileSources(profileSet, profileName, webEnv);
      return { sources: sources.map((source) => ({ source })), plan };
    },
  },
  {
    name: "container",
    async resolve({ context }) {
      return {
        credentials: await containerCredentials(context.env, context.files, context.transport),
        source: "container-role",
        chain: [],
      };
    },
    examine({ env }) {
      containerCredentialsUrl(env);
      const variable =
        envValue(env, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") !== undefined
          ? "RELATIVE_URI"
          : "FULL_URI";
      return {
        sources: [
          { source: "container-role", detail: `AWS_CONTAINER_CREDENTIALS_${variable} is set` },
        ],
      };
    },
  },
  {
    name: "instance-metadata",
    async resolve({ context }) {
      return {
        credentials: await instanceMetadataCredentials(
          context.env,
          context.profile,
          context.transport,
        ),
        source: "iam-role",
        chain: [],
      };
    },
    examine({ env, profileSet, profileName }) {
      enabledImdsEndpoint(env, profileSet.profiles[profileName]);
      return {
        sources: [
          {
            source: "iam-role",
            detail:
              "the EC2 instance metadata service, if this machine is an EC2 instance with a role (not checked: no network)",
          },
        ],
      };
    },
  },
];

export function webIdentityEnv(context: Pick<ChainContext, "env">): WebIdentityEnv {
  const result: WebIdentityEnv = {};
  const tokenFile = envValue(context.env, "AWS_WEB_IDENTITY_TOKEN_FILE");
  if (tokenFile !== undefined) result.tokenFile = tokenFile;
  const roleArn = envValue(context.env, "AWS_ROLE_ARN");
  if (roleArn !== undefined) result.roleArn = roleArn;
  const sessionName = envValue(context.env, "AWS_ROLE_SESSION_NAME");
  if (sessionName !== undefined) result.sessionName = sessionName;
  return result;
}
