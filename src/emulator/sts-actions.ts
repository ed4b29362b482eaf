import type {
  Caller,
  EmulatedRole,
  EmulatedUser,
  IdentityStore,
  IssuedSession,
} from "./identity-store.js";
import { isoTime, type XmlValue } from "./query-protocol.js";
import { assumeRoleWithSaml, type SamlProviderCertificates } from "./saml-sts.js";
import { accessDenied, ServiceError, validationError } from "./service-error.js";
import { requiredParam } from "./required-param.js";
import { verifyTotp } from "./totp.js";

export interface StsDeps {
  store: IdentityStore;
  now: number;
  samlProviders: SamlProviderCertificates;
}

/** STS actions the SDKs call without signing: the token in the request is the proof. */
export const unsignedStsActions = new Set(["AssumeRoleWithWebIdentity", "AssumeRoleWithSAML"]);

const namePattern = /^[\w+=,.@-]*$/;

function durationParam(
  params: URLSearchParams,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = params.get("DurationSeconds");
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw validationError(
      `1 validation error detected: Value '${raw}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to ${min}`,
    );
  }
  if (value > max) {
    throw validationError(
      `1 validation error detected: Value '${raw}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to ${max}`,
    );
  }
  return value;
}

function nameParam(params: URLSearchParams, name: string, maxLength: number): string {
  const value = requiredParam(params, name);
  const member = name.charAt(0).toLowerCase() + name.slice(1);
  if (value.length < 2 || value.length > maxLength) {
    throw validationError(
      `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must have length between 2 and ${maxLength}`,
    );
  }
  if (!namePattern.test(value)) {
    throw validationError(
      `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  }
  return value;
}

const mfaFailed = "MultiFactorAuthentication failed with invalid MFA one time pass code.";

/** Check SerialNumber + TokenCode against the user's virtual device; returns whether MFA was presented. */
function checkMfa(params: URLSearchParams, user: EmulatedUser | undefined, now: number): boolean {
  const serial = params.get("SerialNumber");
  const code = params.get("TokenCode");
  if (serial === null && code === null) return false;
  if (code === null)
    throw accessDenied(
      "MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.",
    );
  if (!/^\d{6}$/.test(code)) {
    throw validationError(
      `1 validation error detected: Value '${code}' at 'tokenCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\d]*`,
    );
  }
  if (serial === null || user?.mfa === undefined || user.mfa.serial !== serial) {
    throw accessDenied(
      `MultiFactorAuthentication failed with invalid MFA serial number. ${serial ?? ""}`.trim(),
    );
  }
  if (!verifyTotp(user.mfa.secret, code, now)) throw accessDenied(mfaFailed);
  return true;
}

function callerIdentity(caller: Caller): { account: string; arn: string; userId: string } {
  if (caller.kind === "user")
    return { account: caller.user.account, arn: caller.user.arn, userId: caller.user.userId };
  return {
    account: caller.session.account,
    arn: caller.session.arn,
    userId: caller.session.userId,
  };
}

function credentialsXml(session: IssuedSession): XmlValue {
  return {
    AccessKeyId: session.accessKeyId,
    SecretAccessKey: session.secretAccessKey,
    SessionToken: session.sessionToken,
    Expiration: isoTime(session.expiresAt),
  };
}

function longTermUser(caller: Caller, action: string): EmulatedUser {
  if (caller.kind !== "user") throw accessDenied(`Cannot call ${action} with session credentials`);
  return caller.user;
}

function getSessionToken(
  params: URLSearchParams,
  caller: Caller,
  { store, now }: StsDeps,
): XmlValue {
  const user = longTermUser(caller, "GetSessionToken");
  const duration = durationParam(params, 43200, 900, 129600);
  const mfa = checkMfa(params, user, now);
  if (user.requireMfa && !mfa)
    throw accessDenied(
      `User: ${user.arn} is not authorized to perform: sts:GetSessionToken without MFA`,
    );
  const session = store.issueSession(
    { kind: "session-token", account: user.account, arn: user.arn, userId: user.userId, mfa, user },
    duration,
  );
  return { Credentials: credentialsXml(session) };
}

function principalArn(caller: Caller): string {
  if (caller.kind === "user") return caller.user.arn;
  const { session } = caller;
  if (
    session.kind === "assumed-role" ||
    session.kind === "web-identity" ||
    session.kind === "saml"
  ) {
    // Trust policies name the role, not the session: arn:aws:sts::A:assumed-role/R/s -> arn:aws:iam::A:role/R.
    const roleName = session.arn.split("/")[1] ?? "";
    return `arn:aws:iam::${session.account}:role/${roleName}`;
  }
  return session.arn;
}

function assumeRole(params: URLSearchParams, caller: Caller, { store, now }: StsDeps): XmlValue {
  const roleArn = requiredParam(params, "RoleArn");
  const sessionName = nameParam(params, "RoleSessionName", 64);
  const identity = callerIdentity(caller);
  const denied = accessDenied(
    `User: ${identity.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
  );
  const role = store.findRole(roleArn);
  if (role === undefined) throw denied;
  if (caller.kind === "session" && caller.session.kind === "federated-user") throw denied;
  const chained = caller.kind === "session" && caller.session.kind !== "session-token";
  const duration = durationParam(params, 3600, 900, 43200);
  if (chained && duration > 3600) {
    throw validationError(
      "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
    );
  }
  if (duration > role.maxSessionDuration) {
    throw validationError(
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    );
  }
  const trusted =
    role.trustAccounts.includes(identity.account) ||
    role.trustPrincipals.includes(principalArn(caller));
  if (!trusted) throw denied;
  const externalId = params.get("ExternalId");
  if (role.externalId !== undefined && externalId !== role.externalId) throw denied;
  const user = caller.kind === "user" ? caller.user : caller.session.user;
  const mfa = checkMfa(params, user, now) || (caller.kind === "session" && caller.session.mfa);
  if (role.requireMfa && !mfa) throw denied;
  const attribution = sessionAttribution(params, caller, role, identity.arn);
  const arn = `arn:aws:sts::${role.account}:assumed-role/${role.roleName}/${sessionName}`;
  const userId = `${role.roleId}:${sessionName}`;
  const session = store.issueSession(
    {
      kind: "assumed-role",
      account: role.account,
      arn,
      userId,
      mfa,
      user,
      ...(attribution.sourceIdentity === undefined
        ? {}
        : { sourceIdentity: attribution.sourceIdentity }),
      transitiveTags: attribution.transitiveTags,
    },
    duration,
  );
  store.assumeRoleRecords.push({
    roleArn,
    roleSessionName: sessionName,
    callerArn: identity.arn,
    sourceIdentity: attribution.sourceIdentity,
    tags: attribution.tags,
    transitiveTagKeys: Object.keys(attribution.transitiveTags),
  });
  return {
    Credentials: credentialsXml(session),
    AssumedRoleUser: { AssumedRoleId: userId, Arn: arn },
    PackedPolicySize: params.has("Policy") ? 6 : undefined,
    SourceIdentity: attribution.sourceIdentity,
  };
}

interface Attribution {
  sourceIdentity: string | undefined;
  tags: Record<string, string>;
  transitiveTags: Record<string, string>;
}

/**
 * The source identity and session tags of a new role session, as STS grants
 * them: a source identity set earlier in the chain is kept (and may not
 * change), transitive tags are inherited, and the role's trust policy must
 * allow sts:SetSourceIdentity and sts:TagSession for either to be present,
 * in a chained call too.
 */
function sessionAttribution(
  params: URLSearchParams,
  caller: Caller,
  role: EmulatedRole,
  callerArn: string,
): Attribution {
  const notAuthorized = (action: string) =>
    accessDenied(
      `User: ${callerArn} is not authorized to perform: ${action} on resource: ${role.arn}`,
    );
  const inherited = caller.kind === "session" ? caller.session : undefined;
  const requested = sourceIdentityParam(params);
  if (
    inherited?.sourceIdentity !== undefined &&
    requested !== undefined &&
    requested !== inherited.sourceIdentity
  ) {
    throw notAuthorized("sts:SetSourceIdentity");
  }
  const sourceIdentity = inherited?.sourceIdentity ?? requested;
  if (sourceIdentity !== undefined && !role.trustActions.includes("sts:SetSourceIdentity")) {
    throw notAuthorized("sts:SetSourceIdentity");
  }
  const requestTags = tagsParam(params);
  const incoming = inherited?.transitiveTags ?? {};
  const tags = { ...incoming, ...requestTags };
  if (Object.keys(tags).length > 0 && !role.trustActions.includes("sts:TagSession")) {
    throw notAuthorized("sts:TagSession");
  }
  if (
    role.allowedTagKeys !== undefined &&
    Object.keys(requestTags).some((key) => !role.allowedTagKeys!.includes(key))
  ) {
    throw notAuthorized("sts:TagSession");
  }
  const transitiveTags = { ...incoming };
  for (const key of listParam(params, "TransitiveTagKeys")) {
    const value = requestTags[key];
    if (value !== undefined) transitiveTags[key] = value;
  }
  return { sourceIdentity, tags, transitiveTags };
}

function sourceIdentityParam(params: URLSearchParams): string | undefined {
  const value = params.get("SourceIdentity");
  if (value === null) return undefined;
  if (value.length < 2 || value.length > 64) {
    throw validationError(
      `1 validation error detected: Value '${value}' at 'sourceIdentity' failed to satisfy constraint: Member must have length between 2 and 64`,
    );
  }
  if (!namePattern.test(value)) {
    throw validationError(
      `1 validation error detected: Value '${value}' at 'sourceIdentity' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  }
  return value;
}

/** The query protocol's list members: Name.member.1, Name.member.2, ... */
function listParam(params: URLSearchParams, name: string): string[] {
  const values: string[] = [];
  for (let index = 1; params.has(`${name}.member.${index}`); index++) {
    values.push(params.get(`${name}.member.${index}`) ?? "");
  }
  return values;
}

const maxSessionTags = 50;

function tagsParam(params: URLSearchParams): Record<string, string> {
  const tags: Record<string, string> = {};
  for (let index = 1; params.has(`Tags.member.${index}.Key`); index++) {
    if (index > maxSessionTags) {
      throw validationError(
        `1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to ${maxSessionTags}`,
      );
    }
    const key = params.get(`Tags.member.${index}.Key`) ?? "";
    const value = params.get(`Tags.member.${index}.Value`) ?? "";
    if (key.length < 1 || key.length > 128 || value.length > 256) {
      throw validationError(
        `1 validation error detected: Value at 'tags.${index}.member' failed to satisfy constraint: tag keys must have length between 1 and 128, values at most 256`,
      );
    }
    tags[key] = value;
  }
  return tags;
}

/** Three base64url parts with a JSON payload: enough to pass for an OIDC token here. */
function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8"));
    return typeof payload === "object" && payload !== null
      ? (payload as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function assumeRoleWithWebIdentity(params: URLSearchParams, { store }: StsDeps): XmlValue {
  const roleArn = requiredParam(params, "RoleArn");
  const sessionName = nameParam(params, "RoleSessionName", 64);
  const payload = decodeJwtPayload(requiredParam(params, "WebIdentityToken"));
  if (payload === undefined)
    throw new ServiceError(
      400,
      "InvalidIdentityToken",
      "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
    );
  const role = store.findRole(roleArn);
  if (role === undefined)
    throw accessDenied("Not authorized to perform sts:AssumeRoleWithWebIdentity");
  const duration = durationParam(params, 3600, 900, role.maxSessionDuration);
  const arn = `arn:aws:sts::${role.account}:assumed-role/${role.roleName}/${sessionName}`;
  const userId = `${role.roleId}:${sessionName}`;
  const session = store.issueSession(
    { kind: "web-identity", account: role.account, arn, userId, mfa: false, user: undefined },
    duration,
  );
  const text = (key: string) =>
    typeof payload[key] === "string" ? (payload[key] as string) : undefined;
  return {
    Credentials: credentialsXml(session),
    SubjectFromWebIdentityToken: text("sub"),
    AssumedRoleUser: { AssumedRoleId: userId, Arn: arn },
    Provider: text("iss"),
    Audience: text("aud"),
  };
}

function getFederationToken(params: URLSearchParams, caller: Caller, { store }: StsDeps): XmlValue {
  const user = longTermUser(caller, "GetFederationToken");
  const name = nameParam(params, "Name", 32);
  const duration = durationParam(params, 43200, 900, 129600);
  const arn = `arn:aws:sts::${user.account}:federated-user/${name}`;
  const userId = `${user.account}:${name}`;
  const session = store.issueSession(
    { kind: "federated-user", account: user.account, arn, userId, mfa: false, user },
    duration,
  );
  return {
    Credentials: credentialsXml(session),
    FederatedUser: { FederatedUserId: userId, Arn: arn },
    PackedPolicySize: 0,
  };
}

/** Run one STS action; `caller` is undefined only for the unsigned actions. */
export function runStsAction(
  action: string,
  params: URLSearchParams,
  caller: Caller | undefined,
  deps: StsDeps,
): XmlValue {
  if (action === "AssumeRoleWithWebIdentity") return assumeRoleWithWebIdentity(params, deps);
  if (action === "AssumeRoleWithSAML") return assumeRoleWithSaml(params, deps);
  if (caller === undefined)
    throw new ServiceError(
      403,
      "MissingAuthenticationToken",
      "Request is missing Authentication Token",
    );
  switch (action) {
    case "GetCallerIdentity": {
      const identity = callerIdentity(caller);
      return { Arn: identity.arn, UserId: identity.userId, Account: identity.account };
    }
    case "GetSessionToken":
      return getSessionToken(params, caller, deps);
    case "AssumeRole":
      return assumeRole(params, caller, deps);
    case "GetFederationToken":
      return getFederationToken(params, caller, deps);
    default:
      throw new ServiceError(
        400,
        "InvalidAction",
        `Could not find operation ${action} for version 2011-06-15`,
      );
  }
}
