import { randomBytes } from "node:crypto";
import { awsId, secretAccessKey, sessionToken } from "./ids.js";
import { base32Encode } from "./totp.js";

export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  status: "Active" | "Inactive";
  createdAt: number;
}

export interface EmulatedUser {
  account: string;
  userName: string;
  arn: string;
  userId: string;
  createdAt: number;
  /** GetSessionToken refuses to run without a code when set. */
  requireMfa: boolean;
  mfa: { serial: string; secret: string } | undefined;
  accessKeys: AccessKey[];
}

export interface EmulatedRole {
  arn: string;
  account: string;
  roleName: string;
  roleId: string;
  trustAccounts: string[];
  trustPrincipals: string[];
  requireMfa: boolean;
  externalId: string | undefined;
  maxSessionDuration: number;
  /** Trust-policy actions beyond sts:AssumeRole: without them AssumeRole refuses a source identity or session tags. */
  trustActions: TrustAction[];
  /** The trust's `ForAllValues:StringEquals aws:TagKeys` condition: the only tag keys a session may carry. */
  allowedTagKeys: string[] | undefined;
}

export type TrustAction = "sts:SetSourceIdentity" | "sts:TagSession";

export type SessionKind =
  "session-token" | "assumed-role" | "federated-user" | "sso-role" | "web-identity" | "saml";

/** Temporary credentials the emulator issued, with the identity they carry. */
export interface IssuedSession {
  kind: SessionKind;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiresAt: number;
  account: string;
  arn: string;
  userId: string;
  /** aws:MultiFactorAuthPresent for the session: set by an MFA code, carried through role chaining. */
  mfa: boolean;
  /** The IAM user at the root of the chain, when there is one (for MFA device lookups). */
  user: EmulatedUser | undefined;
  /** aws:SourceIdentity: set once in a role chain, carried by every later session. */
  sourceIdentity?: string;
  /** The session's transitive tags, which a role chained from it inherits. */
  transitiveTags?: Record<string, string>;
}

/** One AssumeRole the emulator granted, as CloudTrail would show it: what tests assert attribution on. */
export interface AssumeRoleRecord {
  roleArn: string;
  roleSessionName: string;
  /** The caller's ARN (an IAM user or an assumed-role session). */
  callerArn: string;
  sourceIdentity: string | undefined;
  /** Every tag of the new session: the request's and the ones inherited as transitive. */
  tags: Record<string, string>;
  transitiveTagKeys: string[];
}

/** Who signed a request. */
export type Caller =
  | { kind: "user"; user: EmulatedUser; accessKey: AccessKey }
  | { kind: "session"; session: IssuedSession };

export interface CreateUserInput {
  account: string;
  userName: string;
  mfa?: boolean;
  requireMfa?: boolean;
  accessKeyId?: string;
  secretAccessKey?: string;
  mfaSecret?: string;
}

export interface CreateRoleInput {
  arn: string;
  trustAccounts?: string[];
  trustPrincipals?: string[];
  requireMfa?: boolean;
  externalId?: string;
  maxSessionDuration?: number;
  trustActions?: TrustAction[];
  allowedTagKeys?: string[];
}

const roleArnPattern = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/;

/** Users, roles, access keys and issued sessions: the state STS, IAM, SSO and sign-in share. */
export class IdentityStore {
  private readonly users = new Map<string, EmulatedUser>();
  private readonly roles = new Map<string, EmulatedRole>();
  private readonly sessions = new Map<string, IssuedSession>();
  /** Every AssumeRole granted, oldest first. */
  readonly assumeRoleRecords: AssumeRoleRecord[] = [];

  constructor(private readonly now: () => number) {}

  createUser(input: CreateUserInput): EmulatedUser {
    if (!/^\d{12}$/.test(input.account))
      throw new Error(`account must be 12 digits: ${input.account}`);
    const arn = `arn:aws:iam::${input.account}:user/${input.userName}`;
    if (this.users.has(arn)) throw new Error(`user exists: ${arn}`);
    const user: EmulatedUser = {
      account: input.account,
      userName: input.userName,
      arn,
      userId: awsId("AIDA", 21),
      createdAt: this.now(),
      requireMfa: input.requireMfa ?? false,
      mfa:
        input.mfa === true || input.mfaSecret !== undefined
          ? {
              serial: `arn:aws:iam::${input.account}:mfa/${input.userName}`,
              secret: input.mfaSecret ?? base32Encode(randomBytes(20)),
            }
          : undefined,
      accessKeys: [],
    };
    this.users.set(arn, user);
    this.addAccessKey(user, input.accessKeyId, input.secretAccessKey);
    return user;
  }

  addAccessKey(user: EmulatedUser, accessKeyId?: string, secret?: string): AccessKey {
    const key: AccessKey = {
      accessKeyId: accessKeyId ?? awsId("AKIA", 20),
      secretAccessKey: secret ?? secretAccessKey(),
      status: "Active",
      createdAt: this.now(),
    };
    user.accessKeys.push(key);
    return key;
  }

  deleteAccessKey(user: EmulatedUser, accessKeyId: string): boolean {
    const before = user.accessKeys.length;
    user.accessKeys = user.accessKeys.filter((key) => key.accessKeyId !== accessKeyId);
    return user.accessKeys.length < before;
  }

  findUser(account: string, userName: string): EmulatedUser | undefined {
    return this.users.get(`arn:aws:iam::${account}:user/${userName}`);
  }

  createRole(input: CreateRoleInput): EmulatedRole {
    const match = roleArnPattern.exec(input.arn);
    if (match === null) throw new Error(`not a role ARN: ${input.arn}`);
    const role: EmulatedRole = {
      arn: input.arn,
      account: match[1]!,
      roleName: match[2]!,
      roleId: awsId("AROA", 21),
      trustAccounts: input.trustAccounts ?? [],
      trustPrincipals: input.trustPrincipals ?? [],
      requireMfa: input.requireMfa ?? false,
      externalId: input.externalId,
      maxSessionDuration: input.maxSessionDuration ?? 3600,
      trustActions: input.trustActions ?? [],
      allowedTagKeys: input.allowedTagKeys,
    };
    this.roles.set(role.arn, role);
    return role;
  }

  findRole(arn: string): EmulatedRole | undefined {
    return this.roles.get(arn);
  }

  /** The caller behind an access key id, or undefined when the emulator never issued it. */
  findCaller(accessKeyId: string): Caller | undefined {
    const session = this.sessions.get(accessKeyId);
    if (session !== undefined) return { kind: "session", session };
    for (const user of this.users.values()) {
      const accessKey = user.accessKeys.find(
        (key) => key.accessKeyId === accessKeyId && key.status === "Active",
      );
      if (accessKey !== undefined) return { kind: "user", user, accessKey };
    }
    return undefined;
  }

  findSession(accessKeyId: string): IssuedSession | undefined {
    return this.sessions.get(accessKeyId);
  }

  issueSession(
    identity: Omit<IssuedSession, "accessKeyId" | "secretAccessKey" | "sessionToken" | "expiresAt">,
    durationSeconds: number,
  ): IssuedSession {
    const session: IssuedSession = {
      ...identity,
      accessKeyId: awsId("ASIA", 20),
      secretAccessKey: secretAccessKey(),
      sessionToken: sessionToken(),
      expiresAt: this.now() + durationSeconds * 1000,
    };
    this.sessions.set(session.accessKeyId, session);
    return session;
  }
}
