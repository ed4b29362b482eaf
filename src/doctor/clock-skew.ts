import { stsLocation } from "../config/sts-location.js";
import { envValue } from "../io/env.js";
import type { DoctorInputs, Finding } from "./finding.js";

/** SigV4 rejects requests signed more than 5 minutes off; a minute already deserves a look. */
const toleratedSkewMs = 60_000;

/**
 * With --online: compares this machine's clock with the `Date` header of the
 * STS endpoint the selected profile would call (AWS_ENDPOINT_URL_STS,
 * AWS_ENDPOINT_URL and the config honoured). The request is unsigned, so no
 * credentials leave the machine.
 */
export async function clockSkew({
  serverDate,
  env,
  profileSet,
  now,
}: DoctorInputs): Promise<Finding[]> {
  if (serverDate === undefined) return [];
  const profile = profileSet.profiles[envValue(env, "AWS_PROFILE") ?? "default"];
  const sts = stsLocation(env, profile, profileSet);
  const url =
    sts.endpoint ??
    `https://sts.${sts.region}.amazonaws.com${sts.region.startsWith("cn-") ? ".cn" : ""}/`;
  let date: Date;
  try {
    date = await serverDate(url);
  } catch (error) {
    return [
      {
        check: "clock",
        severity: "warning",
        what: `Could not compare the clock with ${url}: ${(error as Error).message}.`,
        fix: "Check the network (or proxy) and run `credo doctor --online` again.",
      },
    ];
  }
  const skew = now - date.getTime();
  if (Math.abs(skew) <= toleratedSkewMs) return [];
  const seconds = Math.round(Math.abs(skew) / 1000);
  return [
    {
      check: "clock",
      severity: "error",
      what: `This machine's clock is ${seconds}s ${skew > 0 ? "ahead of" : "behind"} AWS (${url}); AWS refuses requests signed more than 5 minutes off.`,
      fix: "Turn on time synchronisation (e.g. `timedatectl set-ntp true`, or Date & Time settings).",
    },
  ];
}
