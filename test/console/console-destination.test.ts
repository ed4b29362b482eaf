import { describe, expect, it } from "vitest";
import { consoleDestination } from "../../src/console/console-destination.js";
import { partitionOfRegion } from "../../src/console/partition.js";
import { UsageError } from "../../src/errors.js";

const aws = partitionOfRegion("eu-west-1");

describe("where the console lands", () => {
  it("lands on a service's home in a region", () => {
    expect(consoleDestination({ partition: aws, service: "s3", region: "eu-west-1" })).toBe(
      "https://console.aws.amazon.com/s3/home?region=eu-west-1",
    );
    expect(consoleDestination({ partition: aws, service: "CloudWatch" })).toBe(
      "https://console.aws.amazon.com/cloudwatch/home",
    );
  });

  it("lands on any console path, keeping its fragment", () => {
    expect(
      consoleDestination({ partition: aws, path: "/vpc/home#RouteTables:", region: "us-west-2" }),
    ).toBe("https://console.aws.amazon.com/vpc/home?region=us-west-2#RouteTables:");
  });

  it("takes a destination URL as given, adding the region only when it has none", () => {
    expect(
      consoleDestination({
        partition: aws,
        destination: "https://console.aws.amazon.com/s3/?region=us-east-1",
        region: "eu-west-1",
      }),
    ).toBe("https://console.aws.amazon.com/s3/?region=us-east-1");
  });

  it("uses the partition's console for aws-cn and aws-us-gov", () => {
    expect(consoleDestination({ partition: partitionOfRegion("cn-north-1"), service: "ec2" })).toBe(
      "https://console.amazonaws.cn/ec2/home",
    );
    expect(consoleDestination({ partition: partitionOfRegion("us-gov-west-1") })).toBe(
      "https://console.amazonaws-us-gov.com/",
    );
  });

  it("refuses two landing places at once, a bad service name and a non-web destination", () => {
    expect(() => consoleDestination({ partition: aws, service: "s3", path: "ec2/home" })).toThrow(
      UsageError,
    );
    expect(() => consoleDestination({ partition: aws, service: "s3/../iam" })).toThrow(
      "Not a console service name: s3/../iam",
    );
    expect(() =>
      consoleDestination({ partition: aws, destination: "javascript:alert(1)" }),
    ).toThrow("Not a web address: javascript:alert(1)");
  });
});
