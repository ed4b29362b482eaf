import { envValue } from "../io/env.js";
import type { DoctorInputs, Finding } from "./finding.js";

/**
 * AWS_REGION wins in the JS SDK and the AWS CLI v2; boto3 reads only
 * AWS_DEFAULT_REGION. When they differ, tools on the same shell talk to
 * different regions.
 */
export function regionVariables({ env }: DoctorInputs): Finding[] {
  const region = envValue(env, "AWS_REGION");
  const defaultRegion = envValue(env, "AWS_DEFAULT_REGION");
  if (region === undefined || defaultRegion === undefined || region === defaultRegion) return [];
  return [
    {
      check: "region-variables",
      severity: "warning",
      what: `AWS_REGION=${region} and AWS_DEFAULT_REGION=${defaultRegion} disagree: the AWS CLI v2 and JS SDK use the first, boto3 the second.`,
      fix: `Set both to the same region, e.g. export AWS_DEFAULT_REGION=${region}`,
    },
  ];
}
