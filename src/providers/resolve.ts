import { directTransport, sdkRequestHandler } from "../aws/http-transport.js";
import { networkSettings } from "../aws/network-settings.js";
import { stringProperty } from "../profile-files/profile-property.js";
import { resolveEndpointUrl } from "../config/resolve-endpoint-url.js";
import { resolveRegion } from "../config/resolve-region.js";
import { selectProfile } from "../config/select-profile.js";
import { stsLocation } from "../config/sts-location.js";
import { ConfigError, CredoError } from "../errors.js";
import type { Env } from "../io/env.js";
import { envValue } from "../io/env.js";
import type { ProfileSet } from "../profile-files/types.js";
import type { ChainContext, ChainDeps } from "./chain-context.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import type { CredentialSourceName } from "./credentials.js";
import { defaultChainLinks } from "./default-chain.js";
import { isNotConfigured } from "./not-configured-error.js";
import { spawnProcess } from "../io/run-process.js";
import { cachedSsoToken } from "../sso/sso-token-source.js";

/** The chain's dependencies and the profile the command was given. */
export interface ResolveInputs extends ChainDeps {
  /** --profile (or the command's positional profile). */
  profileOption?: string;
}

export interface Resolution {
  credentials: AwsCredentials;
  source: CredentialSourceName;
  profile: string;
  region: string | undefined;
  /** The profiles of a role chain, selected first; empty for env, container and IMDS credentials. */
  chain: string[];
}

/** Resolves credentials exactly along the SDKs' default chain (see default-chain.ts for the order). */
export async function resolveCredentials(inputs: ResolveInputs): Promise<Resolution> {
  const selection = selectProfile(inputs.profileOption, inputs.env);
  assertProfileExists(inputs.profileSet, selection.name, selection.from);
  const context = chainContext(inputs, selection.name);
  const region = resolveRegion(inputs.env, context.profile).region;
  const reasons: string[] = [];
  for (const link of defaultChainLinks) {
    try {
      const result = await link.resolve({
        context,
        profileName: selection.name,
        profileFromOption: selection.from === "option",
      });
      inputs.logger.debug(`credentials from ${link.name} (${result.source})`);
      return { ...result, profile: selection.name, region };
    } catch (error) {
      if (!isNotConfigured(error)) throw error;
      inputs.logger.debug(`${link.name}: ${error.message}`);
      reasons.push(error.message);
    }
  }
  throw new CredoError(
    `No AWS credentials found for profile "${selection.name}": no credential provider was enabled.`,
    {
      exitCode: "config",
      hint: `Run \`credo explain ${selection.name}\` to see what was looked at (${reasons.length} sources).`,
    },
  );
}

/**
 * botocore raises ProfileNotFound for a named profile that does not exist,
 * even when environment keys are set; only "default" may be missing.
 */
export function assertProfileExists(profileSet: ProfileSet, name: string, from: string): void {
  if (from === "default" || profileSet.profiles[name] !== undefined) return;
  throw new ConfigError(
    `The config profile (${name}) could not be found.`,
    `Check the name (from ${from === "option" ? "the command line" : from}) or run \`credo list\` to see the profiles.`,
  );
}

export function chainContext(inputs: ChainDeps, profileName: string): ChainContext {
  const profile = inputs.profileSet.profiles[profileName];
  const endpointFor = (service: string) =>
    resolveEndpointUrl({ service, env: inputs.env, profile, profileSet: inputs.profileSet });
  const common = {
    useFipsEndpoint: flag(
      inputs.env,
      "AWS_USE_FIPS_ENDPOINT",
      stringProperty(profile, "use_fips_endpoint"),
    ),
    useDualstackEndpoint: flag(
      inputs.env,
      "AWS_USE_DUALSTACK_ENDPOINT",
      stringProperty(profile, "use_dualstack_endpoint"),
    ),
    ...(inputs.http === undefined ? {} : { requestHandler: sdkRequestHandler(inputs.http) }),
    network: {
      settings: networkSettings(inputs.env, profile),
      files: inputs.files,
      logger: inputs.logger,
    },
  };
  const ssoEndpoint = endpointFor("SSO");
  const signinEndpoint = endpointFor("Signin");
  const { http, ssoToken, selectPrompt, runProcess, platform, ...deps } = inputs;
  return {
    ...deps,
    ssoToken: ssoToken ?? cachedSsoToken(inputs.files, inputs.homedir, inputs.clock),
    selectPrompt: selectPrompt ?? (() => undefined),
    runProcess: runProcess ?? spawnProcess,
    platform: platform ?? "linux",
    transport: http ?? directTransport,
    profile,
    sts: { ...common, ...stsLocation(inputs.env, profile, inputs.profileSet) },
    sso: { ...common, ...(ssoEndpoint === undefined ? {} : { endpoint: ssoEndpoint }) },
    signin: {
      ...common,
      region: resolveRegion(inputs.env, profile).region,
      ...(signinEndpoint === undefined ? {} : { endpoint: signinEndpoint }),
    },
  };
}

function flag(env: Env, name: string, fromProfile: string | undefined): boolean {
  return (envValue(env, name) ?? fromProfile ?? "").trim().toLowerCase() === "true";
}
