import { join } from "node:path";
import type { AwsCallContext } from "../aws/aws-call-context.js";
import { diskSessionCache } from "../cache/disk-session-cache.js";
import type { SessionCache } from "../cache/session-cache.js";
import type { AppContext } from "../context.js";
import type { Prompter } from "../io/prompter.js";
import type { LoadedProfileFiles } from "../profile-files/index.js";
import { contextCredoHome, loadContextProfiles } from "./context-files.js";
import type { AwsCredentials } from "../aws/aws-credentials.js";
import { hubSessionCredentials } from "../providers/hub-session-credentials.js";
import { mfaCodeSource } from "../providers/mfa-code.js";
import type { ChainContext, ChainDeps } from "../providers/chain-context.js";
import type { Resolution, ResolveInputs } from "../providers/resolve.js";
import { chainContext, resolveCredentials } from "../providers/resolve.js";
import { autoLoginSsoTokenSource } from "../sso/auto-login.js";
import { refreshingSsoTokenSource } from "../sso/refreshing-token-source.js";
import type { SsoSession } from "../sso/sso-session.js";
import { describeSession } from "../sso/sso-session.js";
import { sdkSsoOidcApi } from "../sso/sso-oidc-api.js";
import { networkSettings } from "../aws/network-settings.js";
import { openMessageWindow } from "../io/message-window.js";
import { desktopMessageDialog } from "../io/platform/desktop-dialog.js";
import { pathExecutableFinder } from "../io/platform/find-executable.js";
import { osPlatformOf } from "../io/platform/os-platform.js";
import { resolveEndpointUrl } from "../config/resolve-endpoint-url.js";
import { selectProfile } from "../config/select-profile.js";
import { readHubKeyId, readHubKeyIds } from "../vault/hub-key-ids.js";
import { recordHubUserName } from "../vault/hub-key-ids-write.js";
import { hubUserNameSource } from "../providers/hub-user-name.js";
import { getHubKeys } from "../vault/hub-keys.js";
import type { OpenedVault } from "../vault/open-vault.js";
import { openVault } from "../vault/open-vault.js";
import { waitIndicator } from "../io/spinner.js";
import { passphrasePrompt } from "./passphrase-prompt.js";

export interface RuntimeOptions {
  /** --mfa-code, for any step that needs a code. */
  mfaCode?: string;
  /**
   * A spinner on stderr during network waits (default true; only ever drawn on a
   * terminal and never with --debug, whose lines would interleave with it).
   * `credo process` and `credo serve` turn it off: their callers own stderr.
   */
  progress?: boolean;
}

/**
 * Everything a command needs to resolve credentials, wired once: the profile
 * files, the on-disk session cache, MFA codes, the vault (opened lazily, only
 * when a hub's keys are really needed) and SSO tokens with refresh.
 */
export interface CredentialRuntime {
  ctx: AppContext;
  files: LoadedProfileFiles;
  credoHome: string;
  cache: SessionCache;
  prompter(): Prompter | undefined;
  vault(): Promise<OpenedVault>;
  /** The chain's dependencies, wired once. */
  deps: ChainDeps;
  /** The chain's context for a profile: its STS, SSO and sign-in call settings. */
  chain(profileName: string): ChainContext;
  resolveInputs(profileOption: string | undefined): ResolveInputs;
  resolve(profileOption: string | undefined): Promise<Resolution>;
  hubCredentials(name: string): Promise<AwsCredentials>;
  /** Runs a network wait under the command's one spinner (see RuntimeOptions.progress). */
  waiting<T>(text: string, work: () => Promise<T>): Promise<T>;
}

export async function openCredentialRuntime(
  ctx: AppContext,
  options: RuntimeOptions = {},
): Promise<CredentialRuntime> {
  const files = await loadContextProfiles(ctx);
  ctx.logger.debug(
    `config file ${files.locations.configFile}${files.config === undefined ? " (not found: read as empty)" : ""}; ` +
      `credentials file ${files.locations.credentialsFile}${files.credentials === undefined ? " (not found: read as empty)" : ""}`,
  );
  const credoHome = contextCredoHome(ctx);
  const cache = diskSessionCache({
    dir: join(credoHome, "cache"),
    clock: ctx.clock,
    logger: ctx.logger,
  });
  // startSpinner itself draws only on a terminal.
  const indicator = waitIndicator(ctx.io.err, options.progress !== false && !ctx.logger.enabled);
  // Prompts and messages share the terminal with the spinner: it steps aside while they are drawn.
  const aside = async <T>(work: () => Promise<T>): Promise<T> => {
    const resume = indicator.pause();
    try {
      return await work();
    } finally {
      resume();
    }
  };
  const say = (message: string) => {
    const resume = indicator.pause();
    ctx.io.err.write(`${message}\n`);
    resume();
  };
  let prompter: Prompter | undefined | null = null;
  const getPrompter = () =>
    prompter === null ? (prompter = besideSpinner(ctx.openPrompter(), aside)) : prompter;
  const mfa = mfaCodeSource({
    ...(options.mfaCode === undefined ? {} : { mfaCodeOption: options.mfaCode }),
    env: ctx.env,
    get canPrompt() {
      return getPrompter() !== undefined;
    },
    prompt: async (question) => getPrompter()!.text(question),
    logger: ctx.logger,
    platform: osPlatformOf(ctx.platform),
  });
  let vaultPromise: Promise<OpenedVault> | undefined;
  const vault = () =>
    (vaultPromise ??= openVault({
      home: credoHome,
      env: ctx.env,
      logger: ctx.logger,
      askPassphrase: passphrasePrompt(getPrompter(), say),
      warn: say,
      homedir: ctx.homedir,
      ...(ctx.vaultScryptCost === undefined ? {} : { scryptCost: ctx.vaultScryptCost }),
    }));
  const refreshingToken = refreshingSsoTokenSource({
    files: ctx.files,
    homedir: ctx.homedir,
    clock: ctx.clock,
    logger: ctx.logger,
    oidc: sdkSsoOidcApi(
      resolveEndpointUrl({
        service: "SSO OIDC",
        env: ctx.env,
        profile: undefined,
        profileSet: files.profileSet,
      }),
      // The token of any profile's sso-session is refreshed here, so only the
      // environment's CA bundle applies (a profile's ca_bundle is per profile).
      { settings: networkSettings(ctx.env, undefined), files: ctx.files, logger: ctx.logger },
    ),
  });
  const ssoToken = autoLoginSsoTokenSource(refreshingToken, {
    profileSet: files.profileSet,
    credoHome,
    clock: ctx.clock,
    logger: ctx.logger,
    // The login writes to stderr (the URL, the device code): the spinner steps aside meanwhile.
    login: (session, profile) =>
      aside(() => autoLogin(ctx, session, profile, getPrompter() !== undefined)),
  });

  const deps: ChainDeps = {
    env: ctx.env,
    profileSet: files.profileSet,
    files: ctx.files,
    homedir: ctx.homedir,
    clock: ctx.clock,
    logger: ctx.logger,
    cache,
    mfa,
    hubCredentials: (name) => runtime.hubCredentials(name),
    hubUserName: (hub) => hubUserName(hub),
    ssoToken,
    selectPrompt: () => {
      const opened = getPrompter();
      return opened === undefined ? undefined : opened.select.bind(opened);
    },
    platform: osPlatformOf(ctx.platform),
    ...(ctx.samlBrowser === undefined ? {} : { samlBrowser: ctx.samlBrowser }),
  };
  const runtime: CredentialRuntime = {
    ctx,
    files,
    credoHome,
    cache,
    prompter: getPrompter,
    vault,
    deps,
    chain: (profileName) => chainContext(deps, profileName),
    resolveInputs: (profileOption) =>
      profileOption === undefined ? deps : { ...deps, profileOption },
    resolve: (profileOption) =>
      indicator.during(
        `Getting credentials${profileOption === undefined ? "" : ` for ${profileOption}`}`,
        async () => {
          const inputs = runtime.resolveInputs(profileOption);
          if (ctx.logger.enabled) {
            const selection = selectProfile(profileOption, ctx.env);
            const sts = runtime.chain(selection.name).sts;
            ctx.logger.debug(
              `profile ${selection.name} (chosen by ${selection.from}); STS at ${describeEndpoint(sts)}`,
            );
          }
          const resolution = await resolveCredentials(inputs);
          ctx.logger.debug(
            `resolved profile ${resolution.profile}: source ${resolution.source}${resolution.chain.length > 1 ? `, chain ${resolution.chain.join(" -> ")}` : ""}`,
          );
          return resolution;
        },
      ),
    waiting: (text, work) => indicator.during(text, work),
    hubCredentials: hubSessionCredentials({
      profileOf: (name) => files.profileSet.profiles[name],
      cache,
      mfa,
      logger: ctx.logger,
      stsFor: (name) => {
        const sts = runtime.chain(name).sts;
        ctx.logger.debug(`hub ${name}: STS at ${describeEndpoint(sts)}`);
        return sts;
      },
      recordedKeyId: (name) => readHubKeyId(credoHome, name, ctx.files),
      hubKeys: async (name) => getHubKeys(await vault(), name),
    }),
  };
  const hubUserName = hubUserNameSource({
    recorded: async (hub) => (await readHubKeyIds(credoHome, ctx.files))[hub] ?? {},
    record: (hub, accessKeyId, userName) =>
      recordHubUserName(credoHome, hub, accessKeyId, userName, ctx.files),
    hubCredentials: (hub) => runtime.hubCredentials(hub),
    stsFor: (hub) => runtime.chain(hub).sts,
    logger: ctx.logger,
  });
  return runtime;
}

/** credo_sso_auto_login: `credo sso login` for the session, started by the command that needed the token. */
async function autoLogin(
  ctx: AppContext,
  session: SsoSession,
  profile: string,
  onTerminal: boolean,
): Promise<void> {
  const [{ openSsoRuntime, ssoLoginDeps }, { ssoLogin }] = await Promise.all([
    import("./sso-runtime.js"),
    import("../sso/login.js"),
  ]);
  ctx.io.err.write(
    `The SSO session ${describeSession(session)} needs a new login (credo_sso_auto_login is set); logging in.\n`,
  );
  const deps = await openSsoRuntime(ctx, profile);
  await ssoLogin(
    { session, useDeviceCode: false, noBrowser: false },
    {
      ...ssoLoginDeps(deps, ctx),
      // Without a terminal nobody may read stderr (an IDE captures it): the code shows in a window too.
      ...(onTerminal ? {} : { showDeviceCode: deviceCodeWindow(ctx) }),
    },
  );
}

/** The SSO device code in a desktop window, when one can show; nothing otherwise (stderr has it anyway). */
function deviceCodeWindow(ctx: AppContext): (url: string, userCode: string) => () => void {
  return (url, userCode) => {
    const choice = desktopMessageDialog(
      `Sign in to AWS IAM Identity Center: open\n\n${url}\n\nand check that it shows the code ${userCode}.`,
      {
        platform: osPlatformOf(ctx.platform),
        env: ctx.env,
        findExecutable: pathExecutableFinder(ctx.env),
      },
    );
    return choice.available ? openMessageWindow(choice.dialog.argv, ctx.env) : () => undefined;
  };
}

function besideSpinner(
  prompter: Prompter | undefined,
  aside: <T>(work: () => Promise<T>) => Promise<T>,
): Prompter | undefined {
  if (prompter === undefined) return undefined;
  return {
    text: (message, options) => aside(() => prompter.text(message, options)),
    secret: (message) => aside(() => prompter.secret(message)),
    confirm: (message, defaultValue) => aside(() => prompter.confirm(message, defaultValue)),
    select: (message, choices) => aside(() => prompter.select(message, choices)),
  };
}

/** For --debug: where an STS call goes (the configured endpoint, or the SDK's regional one). */
export function describeEndpoint(context: AwsCallContext): string {
  return `${context.endpoint ?? "the SDK's default endpoint"} (region ${context.region})`;
}
