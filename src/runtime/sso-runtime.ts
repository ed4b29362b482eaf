import { setTimeout as sleep } from "node:timers/promises";
import { networkSettings } from "../aws/network-settings.js";
import { resolveEndpointUrl } from "../config/resolve-endpoint-url.js";
import type { AppContext } from "../context.js";
import type { LoadedProfileFiles } from "../profile-files/load.js";
import { systemUrlOpener } from "../io/platform/open-url.js";
import type { WaitIndicator } from "../io/spinner.js";
import { waitIndicator } from "../io/spinner.js";
import type { SsoOidcApiFactory } from "../sso/sso-oidc-api.js";
import { sdkSsoOidcApi } from "../sso/sso-oidc-api.js";
import type { SsoPortalApiFactory } from "../sso/sso-portal-api.js";
import { sdkSsoPortalApi } from "../sso/sso-portal-api.js";
import type { SsoLoginDeps } from "../sso/login.js";
import type { SsoTokenProviderDeps } from "../sso/token-provider.js";
import type { ProfileFileDeps } from "./context-files.js";
import { loadContextProfiles, profileFileDeps } from "./context-files.js";

/**
 * What the `sso` commands share, wired from the AppContext: the profile files,
 * the OIDC and portal clients with the profile's endpoints and network
 * settings, the token cache, the browser and the spinner.
 */
export interface SsoRuntime {
  loaded: LoadedProfileFiles;
  fileDeps: ProfileFileDeps;
  oidcEndpoint: string | undefined;
  oidc: SsoOidcApiFactory;
  portal: SsoPortalApiFactory;
  tokenDeps: SsoTokenProviderDeps;
  openUrl: (url: string) => Promise<void>;
  sleep: (ms: number) => Promise<void>;
  /** The spinner on stderr during network waits (never with --debug, whose lines would interleave with it). */
  progress: WaitIndicator;
}

export async function openSsoRuntime(
  ctx: AppContext,
  profileName: string | undefined,
): Promise<SsoRuntime> {
  const loaded = await loadContextProfiles(ctx);
  const profile = profileName === undefined ? undefined : loaded.profileSet.profiles[profileName];
  const endpoint = (service: string) =>
    resolveEndpointUrl({ service, env: ctx.env, profile, profileSet: loaded.profileSet });
  const oidcEndpoint = endpoint("SSO OIDC");
  const network = {
    settings: networkSettings(ctx.env, profile),
    files: ctx.files,
    logger: ctx.logger,
  };
  const oidc = sdkSsoOidcApi(oidcEndpoint, network);
  return {
    loaded,
    fileDeps: profileFileDeps(ctx),
    oidcEndpoint,
    oidc,
    portal: sdkSsoPortalApi(endpoint("SSO"), network),
    tokenDeps: {
      files: ctx.files,
      homedir: ctx.homedir,
      clock: ctx.clock,
      oidc,
      logger: ctx.logger,
    },
    openUrl: systemUrlOpener(ctx.env, ctx.platform),
    sleep: (ms) => sleep(ms),
    progress: waitIndicator(ctx.io.err, !ctx.logger.enabled),
  };
}

/** What an SSO login needs from the runtime: `credo sso login`, and the login a credential run starts itself. */
export function ssoLoginDeps(deps: SsoRuntime, ctx: AppContext): SsoLoginDeps {
  return {
    ...deps.tokenDeps,
    oidcEndpoint: deps.oidcEndpoint,
    env: ctx.env,
    platform: ctx.platform,
    err: ctx.io.err,
    openUrl: deps.openUrl,
    sleep: deps.sleep,
  };
}
