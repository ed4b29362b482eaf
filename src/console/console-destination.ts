import { UsageError } from "../errors.js";
import type { Partition } from "./partition.js";
import { partitionOfRegion } from "./partition.js";

export interface DestinationRequest {
  partition: Partition;
  /** A console service (s3, ec2, lambda, cloudwatch, iam, ...): lands on its home page. */
  service?: string;
  /** Any console path, as in https://console.aws.amazon.com/<path>. */
  path?: string;
  /** Any URL, taken as given. */
  destination?: string;
  region?: string;
}

/**
 * Where the console lands after sign-in: the sign-in URL's Destination. The
 * console host is the partition's, so aws-cn and aws-us-gov land on their own
 * consoles; the region goes in the query, as the console's own links carry it.
 */
export function consoleDestination(request: DestinationRequest): string {
  const url = destinationUrl(request);
  if (request.region !== undefined && !url.searchParams.has("region"))
    url.searchParams.set("region", request.region);
  return url.toString();
}

/** The landing options alone, checked before any AWS call: one of them at most, each well formed. */
export function checkLanding(request: Omit<DestinationRequest, "partition" | "region">): void {
  destinationUrl({ ...request, partition: partitionOfRegion(undefined) });
}

function destinationUrl(request: DestinationRequest): URL {
  const chosen = [request.service, request.path, request.destination].filter(
    (value) => value !== undefined,
  );
  if (chosen.length > 1)
    throw new UsageError("Give one of --service, --path and --destination, not several.");
  const { consoleUrl } = request.partition;
  if (request.destination !== undefined) return parsedUrl(request.destination);
  if (request.service !== undefined) {
    const service = request.service.trim().toLowerCase();
    if (!/^[a-z0-9][a-z0-9-]*$/.test(service))
      throw new UsageError(
        `Not a console service name: ${request.service}`,
        "Use the name in the console's address, such as s3, ec2, lambda, cloudwatch or iam.",
      );
    return new URL(`${service}/home`, consoleUrl);
  }
  if (request.path !== undefined) return new URL(request.path.replace(/^\/+/, ""), consoleUrl);
  return new URL(consoleUrl);
}

function parsedUrl(value: string): URL {
  try {
    const url = new URL(value);
    if (url.protocol === "https:" || url.protocol === "http:") return url;
  } catch {
    // Reported below with the same message as a non-web URL.
  }
  throw new UsageError(`Not a web address: ${value}`, "Give --destination as https://...");
}
