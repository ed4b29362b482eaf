import type { Emulator, EmulatedUserCredentials } from "./start-emulator.js";

export interface DemoIdentities {
  hub: EmulatedUserCredentials;
  roles: { dev: string; prod: string };
  sso: {
    startUrl: string;
    accounts: Array<{ accountId: string; accountName: string; roles: string[] }>;
  };
}

export const demoAccounts = {
  hub: "111111111111",
  dev: "222222222222",
  prod: "333333333333",
} as const;

/**
 * The seeds' hub-and-spoke story: one IAM user with a virtual MFA device in a
 * hub account, a dev role and an MFA-protected prod role that trust it, and
 * an Identity Center with both spoke accounts.
 */
export function seedDemoIdentities(emu: Emulator): DemoIdentities {
  const hub = emu.createUser({ account: demoAccounts.hub, userName: "alice", mfa: true });
  const dev = emu.createRole({
    arn: `arn:aws:iam::${demoAccounts.dev}:role/Developer`,
    trustAccounts: [demoAccounts.hub],
    maxSessionDuration: 43200,
  });
  const prod = emu.createRole({
    arn: `arn:aws:iam::${demoAccounts.prod}:role/Admin`,
    trustAccounts: [demoAccounts.hub],
    requireMfa: true,
  });
  emu.sso.addAccount({ accountId: demoAccounts.dev, accountName: "acme-dev" });
  emu.sso.addRole({ accountId: demoAccounts.dev, roleName: "Developer" });
  emu.sso.addRole({ accountId: demoAccounts.dev, roleName: "ReadOnly" });
  emu.sso.addAccount({ accountId: demoAccounts.prod, accountName: "acme-prod" });
  emu.sso.addRole({ accountId: demoAccounts.prod, roleName: "ReadOnly" });
  return {
    hub,
    roles: { dev: dev.arn, prod: prod.arn },
    sso: {
      startUrl: emu.sso.startUrl,
      accounts: [...emu.sso.accounts.values()].map(({ accountId, accountName, roles }) => ({
        accountId,
        accountName,
        roles: [...roles],
      })),
    },
  };
}
