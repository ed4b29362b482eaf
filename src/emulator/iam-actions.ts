import type { AccessKey, Caller, EmulatedUser, IdentityStore } from "./identity-store.js";
import { isoTime, type XmlValue } from "./query-protocol.js";
import { accessDenied, ServiceError, validationError } from "./service-error.js";

export interface IamDeps {
  store: IdentityStore;
}

/** IAM allows two access keys per user (the AccessKeysPerUser quota). */
const accessKeysPerUser = 2;

/**
 * The user an IAM call acts on: UserName when given, else the caller itself.
 * Like AWS, GetSessionToken credentials without MFA may not call IAM at all,
 * and callers that are not users must name the user.
 */
function targetUser(
  params: URLSearchParams,
  caller: Caller,
  store: IdentityStore,
  action: string,
): EmulatedUser {
  if (caller.kind === "session" && caller.session.kind === "session-token" && !caller.session.mfa) {
    throw accessDenied(
      `User: ${caller.session.arn} is not authorized to perform: iam:${action} because no MFA authentication information was included in the request`,
    );
  }
  const account = caller.kind === "user" ? caller.user.account : caller.session.account;
  const userName = params.get("UserName");
  if (userName !== null && userName !== "") {
    const user = store.findUser(account, userName);
    if (user === undefined)
      throw new ServiceError(
        404,
        "NoSuchEntity",
        `The user with name ${userName} cannot be found.`,
      );
    return user;
  }
  const self =
    caller.kind === "user"
      ? caller.user
      : caller.session.kind === "session-token"
        ? caller.session.user
        : undefined;
  if (self === undefined)
    throw validationError("Must specify userName when calling with non-User credentials");
  return self;
}

function accessKeyMetadata(user: EmulatedUser, key: AccessKey): XmlValue {
  return {
    UserName: user.userName,
    AccessKeyId: key.accessKeyId,
    Status: key.status,
    CreateDate: isoTime(key.createdAt),
  };
}

export function runIamAction(
  action: string,
  params: URLSearchParams,
  caller: Caller,
  { store }: IamDeps,
): XmlValue {
  const user = targetUser(params, caller, store, action);
  switch (action) {
    case "GetUser":
      return {
        User: {
          Path: "/",
          UserName: user.userName,
          UserId: user.userId,
          Arn: user.arn,
          CreateDate: isoTime(user.createdAt),
        },
      };
    case "ListAccessKeys":
      return {
        UserName: user.userName,
        AccessKeyMetadata: user.accessKeys.map((key) => accessKeyMetadata(user, key)),
        IsTruncated: false,
      };
    case "CreateAccessKey": {
      if (user.accessKeys.length >= accessKeysPerUser) {
        throw new ServiceError(
          409,
          "LimitExceeded",
          `Cannot exceed quota for AccessKeysPerUser: ${accessKeysPerUser}`,
        );
      }
      const key = store.addAccessKey(user);
      return {
        AccessKey: {
          ...(accessKeyMetadata(user, key) as Record<string, XmlValue>),
          SecretAccessKey: key.secretAccessKey,
        },
      };
    }
    case "DeleteAccessKey": {
      const accessKeyId = params.get("AccessKeyId") ?? "";
      if (!store.deleteAccessKey(user, accessKeyId)) {
        throw new ServiceError(
          404,
          "NoSuchEntity",
          `The Access Key with id ${accessKeyId} cannot be found.`,
        );
      }
      return undefined;
    }
    default:
      throw new ServiceError(
        400,
        "InvalidAction",
        `Could not find operation ${action} for version 2010-05-08`,
      );
  }
}
