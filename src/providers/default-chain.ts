import { envValue } from "../io/env.js";
import type { ChainContext } from "./chain-context.js";
import { containerCredentials } from "./container-credentials.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import type { CredentialSourceName } from "./credentials.js";
import { envCredentials } from "./env-credentials.js";
import { instanceMetadataCredentials } from "./instance-metadata-credentials.js";
import { NotConfiguredError } from "./not-configured-error.js";
import type { WebIdentityEnv } from "./plan-chain.js";
import { planChain } from "./plan-chain.js";
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

export interface ChainLink {
  name: "environment" | "profile" | "container" | "instance-metadata";
  /** Throws NotConfiguredError to hand over to the next link. */
  resolve(input: LinkInput): Promise<LinkResult>;
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
