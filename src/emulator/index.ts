export {
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type EmulatedUserCredentials,
  type EmulatedLogin,
  type EmulatedSaml,
} from "./start-emulator.js";
export type { SamlAssertionFlaw } from "./saml-identity-provider.js";
export type { CliLoginCacheToken, LoginDenial, LoginSignIn } from "./signin-oauth.js";
export { totp, verifyTotp, base32Encode, base32Decode } from "./totp.js";
export type { FaultSpec } from "./faults.js";
export type {
  AssumeRoleRecord,
  CreateRoleInput,
  CreateUserInput,
  TrustAction,
} from "./identity-store.js";
export type { SsoDirectory, SsoOptions } from "./sso-directory.js";
export type { ConsoleSignin } from "./signin-federation.js";
export { seedDemoIdentities, demoAccounts, type DemoIdentities } from "./seed-demo-identities.js";
export type { OrganizationDirectory, OrganizationAccount } from "./organizations.js";
