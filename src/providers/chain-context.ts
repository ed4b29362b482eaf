import type { AwsCallContext } from "../aws/aws-call-context.js";
import type { HttpTransport } from "../aws/http-transport.js";
import type { SessionCache } from "../cache/session-cache.js";
import type { Clock } from "../io/clock.js";
import type { Env } from "../io/env.js";
import type { FileReader } from "../io/file-system.js";
import type { Logger } from "../io/logger.js";
import type { OsPlatform } from "../io/platform/os-platform.js";
import type { ProfileSet, Properties } from "../profile-files/types.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import type { MfaCodeSource } from "./mfa.js";
import type { ProcessRunner } from "../io/run-process.js";
import type { SsoTokenSource } from "../sso/sso-token-source.js";
import type { SelectPrompt } from "../saml/choose-saml-role.js";
import type { SamlBrowser } from "../saml/capture-saml-response.js";

/**
 * The one bag of dependencies the credential chain runs on, built once per
 * command by the credential runtime (src/runtime/) from the AppContext; tests
 * build their own. The optional ones have production defaults (chainContext).
 */
export interface ChainDeps {
  env: Env;
  files: FileReader;
  homedir: string;
  clock: Clock;
  logger: Logger;
  cache: SessionCache;
  mfa: MfaCodeSource;
  /** credo's vault-backed hub (`credential_process = credo process NAME`), called in-process. */
  hubCredentials(name: string): Promise<AwsCredentials>;
  /** The IAM user name behind a hub, for `source_identity = {hub_user}`; absent where no hub can be used. */
  hubUserName?: (hub: string) => Promise<string>;
  profileSet: ProfileSet;
  /** Every HTTP exchange (metadata services and, through a request handler, the AWS SDK): tests replay traffic here. */
  http?: HttpTransport;
  ssoToken?: SsoTokenSource;
  /** A picker on the terminal, for choices a source must ask (a SAML profile's role); undefined without a terminal. */
  selectPrompt?: () => SelectPrompt | undefined;
  /** The browser of a SAML sign-in; Chromium through playwright-core when not given. */
  samlBrowser?: SamlBrowser;
  runProcess?: ProcessRunner;
  /** The operating system's rules for command lines; Linux's (POSIX) when not given. */
  platform?: OsPlatform;
}

/** What every credential source may use: the bag with its defaults, and what follows from the profile resolved. */
export interface ChainContext extends Omit<
  ChainDeps,
  "http" | "ssoToken" | "selectPrompt" | "runProcess" | "platform"
> {
  ssoToken: SsoTokenSource;
  /** A picker on the terminal (a SAML profile's role); undefined when there is no terminal. Asked only when needed. */
  selectPrompt(): SelectPrompt | undefined;
  runProcess: ProcessRunner;
  /** How configured command lines split (credential_process). */
  platform: OsPlatform;
  /** The container and instance metadata endpoints. */
  transport: HttpTransport;
  /** The selected profile's properties (region, endpoints, IMDS settings). */
  profile: Properties | undefined;
  /** STS calls: region, configured endpoint, FIPS/dual-stack, request handler. */
  sts: AwsCallContext;
  /** SSO portal calls: the same minus the region, which comes from sso_region. */
  sso: Omit<AwsCallContext, "region">;
  /** Sign-in service calls (refreshing an `aws login` session): the profile's region, if any. */
  signin: Omit<AwsCallContext, "region"> & { region: string | undefined };
}
