import { opaqueToken } from "./ids.js";
import { randomInt } from "node:crypto";

export interface SsoAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
  roles: string[];
}

export interface OidcClient {
  clientId: string;
  clientSecret: string;
  clientName: string;
  scopes: string[];
  redirectUris: string[];
  expiresAt: number;
}

export type DeviceStatus = "pending" | "approved" | "denied" | "consumed";

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  clientId: string;
  startUrl: string;
  expiresAt: number;
  status: DeviceStatus;
  lastPollAt: number | undefined;
}

export interface AuthorizationRequest {
  id: string;
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  codeChallengeMethod: string;
}

export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  expiresAt: number;
}

export interface SsoOptions {
  startUrl?: string;
  userName?: string;
  accessTokenTtlSeconds?: number;
  roleCredentialsTtlSeconds?: number;
  /** Seconds a device-code client must wait between polls; faster polls get slow_down. */
  pollIntervalSeconds?: number;
  deviceCodeTtlSeconds?: number;
}

const userCodeAlphabet = "BCDFGHJKLMNPQRSTVWXZ";

/** IAM Identity Center as one user sees it: assignments, OIDC clients, pending approvals, tokens. */
export class SsoDirectory {
  readonly startUrl: string;
  readonly userName: string;
  readonly accessTokenTtlSeconds: number;
  readonly roleCredentialsTtlSeconds: number;
  readonly pollIntervalSeconds: number;
  readonly deviceCodeTtlSeconds: number;
  readonly accounts = new Map<string, SsoAccount>();
  readonly clients = new Map<string, OidcClient>();
  readonly devices = new Map<string, DeviceAuthorization>();
  readonly authorizationRequests = new Map<string, AuthorizationRequest>();
  readonly authorizationCodes = new Map<string, AuthorizationCode>();
  readonly accessTokens = new Map<string, { expiresAt: number }>();
  readonly refreshTokens = new Map<string, { clientId: string }>();

  constructor(options: SsoOptions = {}) {
    this.startUrl = options.startUrl ?? "https://credo-emulator.awsapps.com/start";
    this.userName = options.userName ?? "sso-user";
    this.accessTokenTtlSeconds = options.accessTokenTtlSeconds ?? 8 * 3600;
    this.roleCredentialsTtlSeconds = options.roleCredentialsTtlSeconds ?? 3600;
    this.pollIntervalSeconds = options.pollIntervalSeconds ?? 1;
    this.deviceCodeTtlSeconds = options.deviceCodeTtlSeconds ?? 600;
  }

  addAccount(input: { accountId: string; accountName: string; emailAddress?: string }): SsoAccount {
    const account: SsoAccount = {
      accountId: input.accountId,
      accountName: input.accountName,
      emailAddress: input.emailAddress ?? `aws+${input.accountId}@example.com`,
      roles: this.accounts.get(input.accountId)?.roles ?? [],
    };
    this.accounts.set(account.accountId, account);
    return account;
  }

  addRole(input: { accountId: string; roleName: string }): void {
    const account = this.accounts.get(input.accountId);
    if (account === undefined) throw new Error(`add the SSO account ${input.accountId} first`);
    if (!account.roles.includes(input.roleName)) account.roles.push(input.roleName);
  }

  removeRole(input: { accountId: string; roleName: string }): void {
    const account = this.accounts.get(input.accountId);
    if (account !== undefined)
      account.roles = account.roles.filter((role) => role !== input.roleName);
  }

  newUserCode(): string {
    const pick = () =>
      Array.from({ length: 4 }, () => userCodeAlphabet[randomInt(userCodeAlphabet.length)]).join(
        "",
      );
    return `${pick()}-${pick()}`;
  }

  findDeviceByUserCode(userCode: string): DeviceAuthorization | undefined {
    const wanted = userCode.trim().toUpperCase();
    return [...this.devices.values()].find((device) => device.userCode === wanted);
  }

  /** The user approves a device code, as clicking "Allow" on the approval page does. */
  approve(userCode: string): void {
    this.decide(userCode, "approved");
  }

  deny(userCode: string): void {
    this.decide(userCode, "denied");
  }

  pendingUserCodes(): string[] {
    return [...this.devices.values()]
      .filter((device) => device.status === "pending")
      .map((device) => device.userCode);
  }

  private decide(userCode: string, status: "approved" | "denied"): void {
    const device = this.findDeviceByUserCode(userCode);
    if (device === undefined || device.status !== "pending")
      throw new Error(`no pending device authorization for ${userCode}`);
    device.status = status;
  }

  issueAccessToken(now: number): string {
    const token = opaqueToken("aoa");
    this.accessTokens.set(token, { expiresAt: now + this.accessTokenTtlSeconds * 1000 });
    return token;
  }

  validAccessToken(token: string | undefined, now: number): boolean {
    const entry = token === undefined ? undefined : this.accessTokens.get(token);
    return entry !== undefined && entry.expiresAt > now;
  }
}
