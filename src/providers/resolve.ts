import type { HttpTransport } from "../aws/http-transport.js";
import { fetchTransport, sdkRequestHandler } from "../aws/http-transport.js";
import { networkSettings } from "../aws/network-settings.js";
import { stringProperty } from "../profile-files/profile-property.js";
import { resolveEndpointUrl } from "../config/resolve-endpoint-url.js";
import { resolveRegion } from "../config/resolve-region.js";
import { selectProfile } from "../config/select-profile.js";
import { stsLocation } from "../config/sts-location.js";
import type { SessionCache } from "../cache/session-cache.js";
import { ConfigError, CredoError } from "../errors.js";
import type { Clock } from "../io/clock.js";
import type { Env } from "../io/env.js";
import { envValue } from "../io/env.js";
import type { FileReader } from "../io/file-system.js";
import type { Logger } from "../io/logger.js";
import type { OsPlatform } from "../io/platform/os-platform.js";
import type { ProfileSet } from "../profile-files/types.js";
import type { ChainContext } from "./chain-context.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import type { CredentialSourceName } from "./credentials.js";
import { defaultChainLinks } from "./default-chain.js";
import type { MfaCodeSource } from "./mfa.js";
import { isNotConfigured } from "./not-configured-error.js";
import type { ProcessRunner } from "../io/run-process.js";
import { spawnProcess } from "../io/run-process.js";
import type { SsoTokenSource } from "../sso/sso-token-source.js";
import { cachedSsoToken } from "../sso/sso-token-source.js";
import type { SelectPrompt } from "../saml/choose-saml-role.js";

export interface ResolveInputs {
  /** --profile (or the command's positional profile). */
  profileOption?: string;
  env: Env;
  profileSet: ProfileSet;
  files: FileReader;
  homedir: string;
  clock: Clock;
  logger: Logger;
  cache: SessionCache;
  mfa: MfaCodeSource;
  hubCredentials(name: string): Promise<AwsCredentials>;
  /** Every HTTP exchange (metadata services and, through a request handler, the AWS SDK): tests replay traffic here. */
  http?: HttpTransport;
  ssoToken?: SsoTokenSource;
  /** A picker on the terminal, for choices a source must ask (a SAML profile's role); undefined without a terminal. */
  selectPrompt?: () => SelectPrompt | undefined;
  runProcess?: ProcessRunner;
  /** The operating system's rules for command lines; Linux's (POSIX) when not given. */
  platform?: OsPlatform;
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

export function chainContext(inputs: ResolveInputs, profileName: string): ChainContext {
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
  return {
    env: inputs.env,
    files: inputs.files,
    homedir: inputs.homedir,
    clock: inputs.clock,
    logger: inputs.logger,
    cache: inputs.cache,
    mfa: inputs.mfa,
    hubCredentials: inputs.hubCredentials,
    ssoToken: inputs.ssoToken ?? cachedSsoToken(inputs.files, inputs.homedir, inputs.clock),
    selectPrompt: inputs.selectPrompt ?? (() => undefined),
    runProcess: inputs.runProcess ?? spawnProcess,
    platform: inputs.platform ?? "linux",
    transport: inputs.http ?? fetchTransport,
    profileSet: inputs.profileSet,
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
