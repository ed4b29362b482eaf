import { describe, expect, it } from "vitest";
import {
  accountOfArn,
  formatRoleArn,
  parseRoleArn,
  partitionOfArn,
  partitionOfRegion,
  roleNameOfArn,
  roleNameOfSessionArn,
} from "../../src/aws/arn.js";

describe("ARNs", () => {
  it("parses role ARNs of every partition, with and without a path", () => {
    expect(parseRoleArn("arn:aws:iam::123456789012:role/Developer")).toEqual({
      partition: "aws",
      account: "123456789012",
      path: "/",
      roleName: "Developer",
    });
    expect(parseRoleArn("arn:aws-us-gov:iam::123456789012:role/team/ops/Admin")).toEqual({
      partition: "aws-us-gov",
      account: "123456789012",
      path: "/team/ops/",
      roleName: "Admin",
    });
    expect(parseRoleArn("arn:aws-iso-b:iam::123456789012:role/x")?.partition).toBe("aws-iso-b");
  });

  it("refuses what IAM would refuse", () => {
    for (const arn of [
      "arn:aws:iam::12345678901:role/short-account",
      "arn:aws:iam::123456789012:user/alice",
      "arn:other:iam::123456789012:role/x",
      "arn:aws:iam::123456789012:role/",
      "arn:aws:iam::123456789012:role/has space",
      `arn:aws:iam::123456789012:role/${"n".repeat(65)}`,
    ]) {
      expect(parseRoleArn(arn), arn).toBeUndefined();
    }
  });

  it("writes a role ARN in the region's partition", () => {
    expect(
      formatRoleArn({
        partition: partitionOfRegion("us-gov-west-1"),
        account: "1".repeat(12),
        roleName: "R",
      }),
    ).toBe("arn:aws-us-gov:iam::111111111111:role/R");
    expect(partitionOfRegion("cn-north-1")).toBe("aws-cn");
    expect(partitionOfRegion(undefined)).toBe("aws");
    expect(partitionOfArn("arn:aws-cn:iam::111111111111:role/R")).toBe("aws-cn");
    expect(partitionOfArn("not-an-arn")).toBeUndefined();
  });

  it("reads accounts and role names out of IAM and STS ARNs", () => {
    expect(accountOfArn("arn:aws:iam::111111111111:mfa/alice")).toBe("111111111111");
    expect(accountOfArn("arn:aws:iam::aws:policy/x")).toBeUndefined();
    expect(roleNameOfArn("arn:aws:iam::111111111111:role/path/Dev")).toBe("Dev");
    expect(roleNameOfSessionArn("arn:aws:sts::111111111111:assumed-role/Dev/alice")).toBe("Dev");
  });
});
