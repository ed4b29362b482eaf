import { setTimeout as sleep } from "node:timers/promises";
import { networkSettings } from "../aws/network-settings.js";
import { resolveEndpointUrl } from "../config/resolve-endpoint-url.js";
import type { AppContext } from "../context.js";
import { filePlatformOf } from "../profile-files/locations.js";
import { loadProfileSet } from "../profile-files/load.js";
import type { LoadedProfileFiles } from "../profile-files/load.js";
import { systemUrlOpener } from "../io/platform/open-url.js";
import type { SsoOidcApiFactory } from "./sso-oidc-api.js";
import { sdkSsoOidcApi } from "./sso-oidc-api.js";
import type { SsoPortalApiFactory } from "./sso-portal-api.js";
import { sdkSsoPortalApi } from "./sso-portal-api.js";
import type { SsoTokenProviderDeps } from "./token-provider.js";

/** The real dependencies the `sso` commands share, built from the AppContext. */
export interface SsoCommandContext {
  loaded: LoadedProfileFiles;
  oidcEndpoint: string | undefined;
  oidc: SsoOidcApiFactory;
  portal: SsoPortalApiFactory;
  tokenDeps: SsoTokenProviderDeps;
  openUrl: (url: string) => Promise<void>;
  sleep: (ms: number) => Promise<void>;
}

export async function ssoCommandContext(
  ctx: AppContext,
  profileName: string | undefined,
): Promise<SsoCommandContext> {
  const loaded = await loadProfileSet({
    env: ctx.env,
    files: ctx.files,
    homedir: ctx.homedir,
    platform: filePlatformOf(ctx.platform),
  });
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
  };
}
