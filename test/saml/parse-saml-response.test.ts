import { describe, expect, it } from "vitest";
import { chooseSamlRole } from "../../src/saml/choose-saml-role.js";
import { parseSamlResponse } from "../../src/saml/parse-saml-response.js";
import type { CredoError } from "../../src/errors.js";

const role = "arn:aws:iam::123456789012:role/Dev";
const provider = "arn:aws:iam::123456789012:saml-provider/Okta";
const other = "arn:aws:iam::210987654321:role/Ops";
const otherProvider = "arn:aws:iam::210987654321:saml-provider/Okta";

/** A response as providers send it, prefixes and all; unsigned (credo leaves the signature to AWS). */
function response(attributes: string, conditions = ""): string {
  const xml =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">` +
    `<Assertion xmlns="urn:oasis:names:tc:SAML:2.0:assertion">${conditions}` +
    `<AttributeStatement>${attributes}</AttributeStatement></Assertion></samlp:Response>`;
  return Buffer.from(xml).toString("base64");
}

const attribute = (name: string, ...values: string[]) =>
  `<Attribute Name="${name}">${values.map((value) => `<AttributeValue>${value}</AttributeValue>`).join("")}</Attribute>`;
const roleAttribute = (...values: string[]) =>
  attribute("https://aws.amazon.com/SAML/Attributes/Role", ...values);

describe("parseSamlResponse", () => {
  it("reads role,provider pairs in either order, trimmed", () => {
    expect(
      parseSamlResponse(
        response(roleAttribute(`${role},${provider}`, ` ${otherProvider} , ${other} `)),
      ).roles,
    ).toEqual([
      { roleArn: role, principalArn: provider },
      { roleArn: other, principalArn: otherProvider },
    ]);
  });

  it("skips values that are not a role and a SAML provider", () => {
    expect(
      parseSamlResponse(response(roleAttribute(role, `${role},${role}`, `${provider},x,${role}`)))
        .roles,
    ).toEqual([]);
  });

  it("reads SessionDuration and the earliest NotOnOrAfter", () => {
    const parsed = parseSamlResponse(
      response(
        roleAttribute(`${role},${provider}`) +
          attribute("https://aws.amazon.com/SAML/Attributes/SessionDuration", "7200"),
        `<Subject><SubjectConfirmation><SubjectConfirmationData NotOnOrAfter="2026-01-01T00:05:00Z"/></SubjectConfirmation></Subject>` +
          `<Conditions NotOnOrAfter="2026-01-01T00:10:00Z"/>`,
      ),
    );
    expect(parsed.sessionDurationSeconds).toBe(7200);
    expect(parsed.notOnOrAfter?.toISOString()).toBe("2026-01-01T00:05:00.000Z");
  });

  it("ignores a Role attribute outside the assertion's attribute statement", () => {
    const xml =
      `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">` +
      `<samlp:Extensions xmlns="urn:oasis:names:tc:SAML:2.0:assertion">${roleAttribute(`${role},${provider}`)}</samlp:Extensions>` +
      `</samlp:Response>`;
    expect(parseSamlResponse(Buffer.from(xml).toString("base64")).roles).toEqual([]);
  });

  it("refuses what is not XML with one message", () => {
    const failure = (() => {
      try {
        parseSamlResponse(Buffer.from("<samlp:Response><unclosed").toString("base64"));
      } catch (error) {
        return error as CredoError;
      }
      return undefined;
    })();
    expect(failure?.message).toBe("The identity provider's SAML response is not well-formed XML.");
    expect(failure?.exitCode).toBe("auth");
  });
});

describe("chooseSamlRole", () => {
  const roles = [
    { roleArn: role, principalArn: provider },
    { roleArn: other, principalArn: otherProvider },
  ];
  const never = () => Promise.reject(new Error("must not ask"));

  it("takes the profile's role when granted, and refuses one that is not", async () => {
    expect(await chooseSamlRole("corp", other, roles, never)).toEqual(roles[1]);
    await expect(
      chooseSamlRole("corp", "arn:aws:iam::123456789012:role/Admin", roles, never),
    ).rejects.toMatchObject({ exitCode: "config" });
  });

  it("takes the only role without asking, else asks the picker", async () => {
    expect(await chooseSamlRole("corp", undefined, roles.slice(0, 1), never)).toEqual(roles[0]);
    const asked: string[] = [];
    const picked = await chooseSamlRole("corp", undefined, roles, async (message, choices) => {
      asked.push(message, ...choices.map((choice) => choice.name));
      return choices[1]!.value;
    });
    expect(picked).toEqual(roles[1]);
    expect(asked).toEqual(["Role for corp:", role, other]);
  });

  it("without a terminal, several roles and none named is a configuration error naming them", async () => {
    await expect(chooseSamlRole("corp", undefined, roles, undefined)).rejects.toThrow(
      `The identity provider grants 2 roles and profile "corp" names none, with no terminal to ask on.`,
    );
  });
});
