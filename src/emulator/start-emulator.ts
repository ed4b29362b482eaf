import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { systemClock, type Clock } from "../io/clock.js";
import { FaultPlan, type FaultSpec } from "./faults.js";
import { htmlResponse, redirectResponse, type EmulatorResponse } from "./http-response.js";
import { runIamAction } from "./iam-actions.js";
import {
  IdentityStore,
  type AssumeRoleRecord,
  type CreateRoleInput,
  type CreateUserInput,
} from "./identity-store.js";
import { requestId } from "./ids.js";
import { authenticate, readAuthorization } from "./query-auth.js";
import { queryError, querySuccess, type QueryService } from "./query-protocol.js";
import { restJsonError } from "./rest-json.js";
import { ServiceError } from "./service-error.js";
import { SigninFederation, type ConsoleSignin } from "./signin-federation.js";
import {
  SigninOAuth,
  signinOAuthError,
  type LoginDenial,
  type LoginGrantInput,
  type LoginSignIn,
} from "./signin-oauth.js";
import { headerValue, type ReceivedRequest } from "./sigv4.js";
import { SsoDirectory, type SsoOptions } from "./sso-directory.js";
import {
  beginAuthorization,
  completeAuthorization,
  oidcOperation,
  runOidcOperation,
} from "./sso-oidc.js";
import { authorizationPage, deviceDecision, devicePage } from "./sso-pages.js";
import { portalOperation, runPortalOperation } from "./sso-portal.js";
import { awsJsonError, OrganizationDirectory, organizationsTargetPrefix } from "./organizations.js";
import { runStsAction, unsignedStsActions } from "./sts-actions.js";
import { SamlIdentityProvider, type SamlAssertionFlaw } from "./saml-identity-provider.js";

export interface EmulatorOptions {
  clock?: Clock;
  /** 0 (default) picks a free port. */
  port?: number;
  sso?: SsoOptions;
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP. */
  tls?: { key: string; cert: string };
  /** The host name in `url` (default 127.0.0.1); the server still listens on 127.0.0.1 only. */
  hostname?: string;
}

export interface EmulatedUserCredentials {
  account: string;
  userName: string;
  arn: string;
  accessKeyId: string;
  secretAccessKey: string;
  mfaSerial: string | undefined;
  mfaSecret: string | undefined;
}

export interface Emulator {
  /** http://127.0.0.1:PORT (or https://, or the host name given): the value for AWS_ENDPOINT_URL and CREDO_SIGNIN_URL's host. */
  readonly url: string;
  readonly port: number;
  readonly sso: SsoDirectory;
  /** The organisation `organizations:ListAccounts` lists. */
  readonly organizations: OrganizationDirectory;
  createUser(input: CreateUserInput): EmulatedUserCredentials;
  createRole(input: CreateRoleInput): { arn: string; account: string; roleName: string };
  /** Every AssumeRole granted, oldest first, with its source identity and session tags. */
  assumedRoles(): readonly AssumeRoleRecord[];
  /** Calls received for "service:Action" (e.g. "sts:AssumeRole"), counted before authentication; all calls without an argument. */
  calls(action?: string): number;
  /**
   * The SDK's `amz-sdk-request` header ("attempt=N; max=M") of each call received for
   * "service:Action", oldest first: which attempt of its retry strategy each call was.
   */
  attempts(action: string): readonly string[];
  resetCalls(): void;
  failNext(action: string, fault: FaultSpec): void;
  clearFaults(): void;
  /** `aws login` sessions: the sign-in service's token endpoint (POST /v1/token). */
  readonly login: EmulatedLogin;
  readonly saml: EmulatedSaml;
  /** Console sign-ins completed through /federation?Action=login. */
  signins(): readonly ConsoleSignin[];
  /** Views of the emulated console page, with the identity each browser's cookie stood for. */
  consoleViews(): readonly { arn: string; at: number }[];
  /** The access keys a user holds now (rotation tests). */
  accessKeyIds(account: string, userName: string): string[];
  stop(): Promise<void>;
}

/** The SAML identity provider and the IAM SAML providers that trust it. */
export interface EmulatedSaml {
  /** The provider's AWS application: open it in a browser to sign in and be sent to AWS. */
  readonly appUrl: string;
  /** The provider's one user: user name, password and TOTP seed (base32). */
  readonly user: { userName: string; password: string; totpSecret: string };
  /** Registers an IAM SAML provider holding this IdP's certificate; returns its ARN. */
  registerProvider(account: string, name: string): Promise<string>;
  /** The roles the assertion grants (the Role attribute's `role,provider` pairs). */
  setRoles(roles: readonly { roleArn: string; providerArn: string }[]): void;
  /** The SessionDuration attribute (left out when undefined). */
  setSessionDuration(seconds: number | undefined): void;
  /** The next assertion issued carries this flaw. */
  flawNext(flaw: SamlAssertionFlaw): void;
  /** Forgets every browser session: the next visit asks for the password again. */
  endSessions(): void;
  /** Completed sign-ins (password and code accepted). */
  signIns(): number;
  /** A base64 SAML response as the provider would post it now. */
  assertion(): Promise<string>;
}

export interface EmulatedLogin {
  /** Signs in to an assumed-role session as `aws login` does; returns what the AWS CLI caches. */
  signIn(input: { account: string; roleName: string; sessionName: string }): LoginSignIn;
  /** Registers a refresh token bound to a known DPoP key (conformance vectors). */
  grant(input: LoginGrantInput): void;
  /** Every later refresh with this refresh token is refused with the given AccessDeniedException error. */
  deny(refreshToken: string, denial: LoginDenial): void;
  /** The refresh token stops working now (the sign-in session ended). */
  expire(refreshToken: string): void;
}

/** A call the router recognised: its counted name, how to answer errors, and how to answer it. */
interface Route {
  action: string;
  formatError(error: ServiceError): EmulatorResponse;
  malformedBody: string;
  handle(): EmulatorResponse | Promise<EmulatorResponse>;
}

const maxBodyBytes = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) req.destroy(new Error("request body too large"));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function receivedRequest(req: IncomingMessage, body: Buffer): ReceivedRequest {
  const target = req.url ?? "/";
  const question = target.indexOf("?");
  const headers: Array<[string, string]> = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
    headers.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
  return {
    method: req.method ?? "GET",
    path: question === -1 ? target : target.slice(0, question),
    query: question === -1 ? "" : target.slice(question + 1),
    headers,
    body,
  };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clock = options.clock ?? systemClock;
  const store = new IdentityStore(() => clock.now());
  const sso = new SsoDirectory(options.sso);
  const organizations = new OrganizationDirectory();
  const signin = new SigninFederation(store);
  const signinOAuth = new SigninOAuth(store);
  const faults = new FaultPlan();
  const counts = new Map<string, number>();
  const attempts = new Map<string, string[]>();
  let baseUrl = "";
  const samlIdp = new SamlIdentityProvider(() => `${baseUrl}/saml/idp`);
  const samlProviders = new Map<string, string>();

  function queryRoute(request: ReceivedRequest, params: URLSearchParams): Route {
    const auth = readAuthorization(request);
    const service: QueryService = auth?.service === "iam" ? "iam" : "sts";
    const actionName = params.get("Action") ?? "";
    const id = requestId();
    return {
      action: `${service}:${actionName}`,
      formatError: (error) => queryError(service, error, id),
      malformedBody: `<${actionName}Response><${actionName}Result><Credentials><AccessKeyId>`,
      handle: () => {
        const now = clock.now();
        const unsigned = service === "sts" && unsignedStsActions.has(actionName);
        if (unsigned)
          return querySuccess(
            "sts",
            actionName,
            runStsAction(actionName, params, undefined, { store, now, samlProviders }),
            id,
          );
        if (auth === undefined) {
          throw new ServiceError(
            403,
            "MissingAuthenticationToken",
            "Request is missing Authentication Token",
          );
        }
        const caller = authenticate(request, auth, store, now);
        if (service === "iam")
          return querySuccess(
            "iam",
            actionName,
            runIamAction(actionName, params, caller, { store }),
            id,
          );
        return querySuccess(
          "sts",
          actionName,
          runStsAction(actionName, params, caller, { store, now, samlProviders }),
          id,
        );
      },
    };
  }

  function restJsonRoute(action: string, handle: Route["handle"]): Route {
    const id = requestId();
    return {
      action,
      formatError: (error) => restJsonError(error, id),
      malformedBody: '{"accessToken": "',
      handle,
    };
  }

  function route(request: ReceivedRequest): Route | undefined {
    const url = new URL(`${request.path}?${request.query}`, "http://emulator.invalid");
    const { pathname, searchParams: query } = url;
    const method = request.method;
    const deps = () => ({ sso, store, now: clock.now(), baseUrl });
    const signinAction = query.get("Action")?.toLowerCase();
    // The portal's GetRoleCredentials is also under /federation, so sign-in is told apart by its Action parameter.
    if (
      pathname === "/federation" &&
      (signinAction === "getsignintoken" || signinAction === "login")
    ) {
      return restJsonRoute(`signin:${signinAction === "login" ? "Login" : "GetSigninToken"}`, () =>
        signin.handle(signinAction, query, clock.now()),
      );
    }
    if (pathname === "/v1/token" && method === "POST") {
      const id = requestId();
      return {
        action: "signin:CreateOAuth2Token",
        formatError: (error) => signinOAuthError(error, id),
        malformedBody: '{"accessToken": {"accessKeyId": "',
        handle: () =>
          signinOAuth.createToken(request.body, headerValue(request, "dpop"), {
            url: `${baseUrl}/v1/token`,
            now: clock.now(),
          }),
      };
    }
    if (pathname === "/console" && method === "GET") {
      return restJsonRoute("signin:Console", () =>
        signin.console(headerValue(request, "cookie"), clock.now()),
      );
    }
    if (pathname === "/oauth" && signinAction === "logout") {
      return restJsonRoute("signin:Logout", () =>
        signin.logout(headerValue(request, "cookie"), query),
      );
    }
    if (pathname.startsWith("/saml/idp/")) {
      const form = new URLSearchParams(request.body.toString("utf8"));
      if (pathname === "/saml/idp/app/aws" && method === "GET")
        return restJsonRoute("saml-idp:Application", () =>
          samlIdp.application(headerValue(request, "cookie"), clock.now()),
        );
      if (pathname === "/saml/idp/login" && method === "POST")
        return restJsonRoute("saml-idp:Password", () => samlIdp.passwordStep(form));
      if (pathname === "/saml/idp/totp" && method === "POST")
        return restJsonRoute("saml-idp:Totp", () => samlIdp.totp(form, clock.now()));
    }
    const portal = portalOperation(method, pathname);
    if (portal !== undefined) {
      return restJsonRoute(`sso:${portal}`, () =>
        runPortalOperation(portal, query, headerValue(request, "x-amz-sso_bearer_token"), deps()),
      );
    }
    const oidc = oidcOperation(method, pathname);
    if (oidc !== undefined)
      return restJsonRoute(`sso-oidc:${oidc}`, () => runOidcOperation(oidc, request.body, deps()));
    const form = new URLSearchParams(request.body.toString("utf8"));
    if (pathname === "/authorize" && method === "GET") {
      return restJsonRoute("sso-oidc:Authorize", () =>
        redirectResponse(`${baseUrl}/approve?request=${beginAuthorization(query, deps())}`),
      );
    }
    if (pathname === "/approve") {
      return restJsonRoute("sso-oidc:Approve", () =>
        method === "POST"
          ? redirectResponse(
              completeAuthorization(
                form.get("request") ?? "",
                form.get("decision") === "allow",
                deps(),
              ),
            )
          : authorizationPage(sso, query.get("request") ?? ""),
      );
    }
    if (pathname === "/device") {
      return restJsonRoute("sso-oidc:DevicePage", () =>
        method === "POST" ? deviceDecision(sso, form) : devicePage(sso, query.get("user_code")),
      );
    }
    const target = headerValue(request, "x-amz-target");
    if (pathname === "/" && method === "POST" && target?.startsWith(organizationsTargetPrefix)) {
      const operation = target.slice(organizationsTargetPrefix.length);
      const id = requestId();
      return {
        action: `organizations:${operation}`,
        formatError: (error) => awsJsonError(error, id),
        malformedBody: '{"Accounts": [',
        handle: () => {
          const auth = readAuthorization(request);
          if (auth === undefined) {
            throw new ServiceError(
              403,
              "MissingAuthenticationTokenException",
              "Missing Authentication Token",
            );
          }
          authenticate(request, auth, store, clock.now());
          return organizations.handle(operation, request.body);
        },
      };
    }
    if (pathname === "/") {
      const params = new URLSearchParams(request.query);
      for (const [key, value] of form) params.append(key, value);
      if (params.has("Action")) return queryRoute(request, params);
    }
    return undefined;
  }

  function write(res: ServerResponse, response: EmulatorResponse): void {
    // Date comes from the emulator's clock: the SDKs read it to correct clock skew.
    res.writeHead(response.status, {
      ...response.headers,
      date: new Date(clock.now()).toUTCString(),
      "content-length": Buffer.byteLength(response.body),
    });
    res.end(response.body);
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = receivedRequest(req, await readBody(req));
    const matched = route(request);
    if (matched === undefined) {
      write(res, htmlResponse(404, "<!doctype html><title>Not found</title><h1>Not found</h1>"));
      return;
    }
    counts.set(matched.action, (counts.get(matched.action) ?? 0) + 1);
    const attempt = request.headers.find(([name]) => name.toLowerCase() === "amz-sdk-request");
    const received = attempts.get(matched.action) ?? [];
    received.push(attempt?.[1] ?? "");
    attempts.set(matched.action, received);
    const fault = faults.take(matched.action);
    if (fault?.delayMs !== undefined)
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.closeConnection === true) {
      req.socket.destroy();
      return;
    }
    if (fault?.malformedBody === true) {
      write(res, {
        status: 200,
        headers: { "content-type": "application/octet-stream" },
        body: matched.malformedBody,
      });
      return;
    }
    if (fault?.status !== undefined) {
      write(
        res,
        matched.formatError(
          new ServiceError(
            fault.status,
            fault.code ?? "InternalFailure",
            fault.message ?? "Injected fault",
          ),
        ),
      );
      return;
    }
    try {
      write(res, await matched.handle());
    } catch (error) {
      const failure =
        error instanceof ServiceError
          ? error
          : new ServiceError(500, "InternalFailure", "The emulator failed to handle the request");
      write(res, matched.formatError(failure));
    }
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    serve(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  };
  const server =
    options.tls === undefined
      ? createServer(handler)
      : createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, handler);
  // Node closes a kept-alive connection after 5 idle seconds, and a client that
  // sends on it at that moment gets ECONNRESET (a test's SDK client that waited on a
  // browser did, once). AWS's endpoints keep idle connections far longer; so does this.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const scheme = options.tls === undefined ? "http" : "https";
  baseUrl = `${scheme}://${options.hostname ?? "127.0.0.1"}:${port}`;

  return {
    url: baseUrl,
    port,
    sso,
    login: {
      signIn: (input) => signinOAuth.signIn(input, clock.now()),
      grant: (input) => signinOAuth.grant(input, clock.now()),
      deny: (refreshToken, denial) => signinOAuth.deny(refreshToken, denial),
      expire: (refreshToken) => signinOAuth.expire(refreshToken, clock.now()),
    },
    saml: {
      get appUrl() {
        return `${baseUrl}/saml/idp/app/aws`;
      },
      user: {
        userName: samlIdp.userName,
        password: samlIdp.password,
        totpSecret: samlIdp.totpSecret,
      },
      async registerProvider(account, name) {
        const arn = `arn:aws:iam::${account}:saml-provider/${name}`;
        samlProviders.set(arn, (await samlIdp.key()).certificatePem);
        return arn;
      },
      setRoles: (roles) => {
        samlIdp.roles = [...roles];
      },
      setSessionDuration: (seconds) => {
        samlIdp.sessionDurationSeconds = seconds;
      },
      flawNext: (flaw) => samlIdp.flawNext(flaw),
      endSessions: () => samlIdp.endSessions(),
      signIns: () => samlIdp.signIns,
      assertion: () => samlIdp.assertion(clock.now()),
    },
    organizations,
    createUser(input) {
      const user = store.createUser(input);
      const key = user.accessKeys[0]!;
      return {
        account: user.account,
        userName: user.userName,
        arn: user.arn,
        accessKeyId: key.accessKeyId,
        secretAccessKey: key.secretAccessKey,
        mfaSerial: user.mfa?.serial,
        mfaSecret: user.mfa?.secret,
      };
    },
    createRole(input) {
      const role = store.createRole(input);
      return { arn: role.arn, account: role.account, roleName: role.roleName };
    },
    assumedRoles: () => store.assumeRoleRecords,
    calls(action) {
      if (action !== undefined) return counts.get(action) ?? 0;
      return [...counts.values()].reduce((sum, count) => sum + count, 0);
    },
    attempts: (action) => attempts.get(action) ?? [],
    resetCalls: () => {
      counts.clear();
      attempts.clear();
    },
    failNext: (action, fault) => faults.add(action, fault),
    clearFaults: () => faults.clear(),
    signins: () => signin.signins,
    consoleViews: () => signin.consoleViews,
    accessKeyIds: (account, userName) =>
      store.findUser(account, userName)?.accessKeys.map((key) => key.accessKeyId) ?? [],
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}
