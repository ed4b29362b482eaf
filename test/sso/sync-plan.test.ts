import { describe, expect, it } from "vitest";
import { listSsoAssignments } from "../../src/sso/sso-assignments.js";
import type { SsoPortalApi } from "../../src/sso/sso-portal-api.js";
import { defaultNameTemplate, normaliseProfileName, planSsoSync } from "../../src/sso/sync-plan.js";

const managed = (account: string, role: string) => ({
  sso_session: "corp",
  sso_account_id: account,
  sso_role_name: role,
  region: "eu-west-1",
  credo_managed: "sso-sync:corp",
});

describe("planSsoSync", () => {
  const base = { sessionName: "corp", region: "eu-west-1", template: defaultNameTemplate };

  it("names profiles from the template, normalised, and marks them", () => {
    const plan = planSsoSync({
      ...base,
      assignments: [
        { accountId: "111111111111", accountName: "Prod Account", roleName: "AdministratorAccess" },
      ],
      existing: {},
    });
    expect(plan.write).toEqual([
      {
        name: "prod-account-administratoraccess",
        properties: [
          ["sso_session", "corp"],
          ["sso_account_id", "111111111111"],
          ["sso_role_name", "AdministratorAccess"],
          ["region", "eu-west-1"],
          ["credo_managed", "sso-sync:corp"],
        ],
      },
    ]);
  });

  it("renames a managed profile whose account was renamed and removes one whose role is gone", () => {
    const plan = planSsoSync({
      ...base,
      assignments: [{ accountId: "111111111111", accountName: "Production", roleName: "Admin" }],
      existing: {
        "prod-admin": managed("111111111111", "Admin"),
        "prod-readonly": managed("111111111111", "ReadOnly"),
        mine: { region: "us-east-1" },
        "other-session": { ...managed("1", "X"), credo_managed: "sso-sync:other" },
      },
    });
    expect(plan.write.map((p) => p.name)).toEqual(["production-admin"]);
    expect(plan.remove.sort()).toEqual(["prod-admin", "prod-readonly"]);
  });

  it("never takes over a profile it did not write, and leaves up-to-date ones alone", () => {
    const plan = planSsoSync({
      ...base,
      assignments: [
        { accountId: "1", accountName: "dev", roleName: "admin" },
        { accountId: "2", accountName: "ops", roleName: "admin" },
      ],
      existing: { "dev-admin": { region: "us-east-1" }, "ops-admin": managed("2", "admin") },
    });
    expect(plan.conflicts.map((c) => c.name)).toEqual(["dev-admin"]);
    expect(plan.unchanged).toEqual(["ops-admin"]);
    expect(plan.write).toEqual([]);
    expect(plan.remove).toEqual([]);
  });

  it("keeps two assignments that normalise alike apart", () => {
    const plan = planSsoSync({
      ...base,
      template: "{role_name}",
      assignments: [
        { accountId: "1", accountName: "a", roleName: "Admin" },
        { accountId: "2", accountName: "b", roleName: "admin" },
      ],
      existing: {},
    });
    expect(plan.write.map((p) => p.name)).toEqual(["admin", "admin-2"]);
  });

  it("normalises to characters the SDKs accept in a profile name", () => {
    expect(normaliseProfileName("  My Team (EU)  --  Power User!  ")).toBe("my-team-eu-power-user");
  });
});

describe("listSsoAssignments", () => {
  it("follows nextToken on accounts and on roles", async () => {
    const calls: string[] = [];
    const portal: SsoPortalApi = {
      listAccounts: async ({ nextToken }) => {
        calls.push(`accounts:${nextToken ?? ""}`);
        return nextToken === undefined
          ? { accountList: [{ accountId: "1", accountName: "one" }], nextToken: "p2" }
          : { accountList: [{ accountId: "2", accountName: "two" }] };
      },
      listAccountRoles: async ({ accountId, nextToken }) => {
        calls.push(`roles:${accountId}:${nextToken ?? ""}`);
        return accountId === "1" && nextToken === undefined
          ? { roleList: [{ roleName: "A" }], nextToken: "r2" }
          : { roleList: [{ roleName: `B${accountId}` }] };
      },
      logout: async () => ({}),
    };
    expect(await listSsoAssignments(portal, "token")).toEqual([
      { accountId: "1", accountName: "one", roleName: "A" },
      { accountId: "1", accountName: "one", roleName: "B1" },
      { accountId: "2", accountName: "two", roleName: "B2" },
    ]);
    expect(calls).toEqual(["accounts:", "roles:1:", "roles:1:r2", "accounts:p2", "roles:2:"]);
  });
});
