/**
 * The console and federation endpoints of each AWS partition. A region's
 * prefix names its partition, as in the SDKs' partitions.json.
 */
export interface Partition {
  id: "aws" | "aws-cn" | "aws-us-gov";
  signinUrl: string;
  consoleUrl: string;
}

const partitions: Record<Partition["id"], Partition> = {
  aws: {
    id: "aws",
    signinUrl: "https://signin.aws.amazon.com/federation",
    consoleUrl: "https://console.aws.amazon.com/",
  },
  "aws-cn": {
    id: "aws-cn",
    signinUrl: "https://signin.amazonaws.cn/federation",
    consoleUrl: "https://console.amazonaws.cn/",
  },
  "aws-us-gov": {
    id: "aws-us-gov",
    signinUrl: "https://signin.amazonaws-us-gov.com/federation",
    consoleUrl: "https://console.amazonaws-us-gov.com/",
  },
};

export function partitionOfRegion(region: string | undefined): Partition {
  if (region?.startsWith("cn-")) return partitions["aws-cn"];
  if (region?.startsWith("us-gov-")) return partitions["aws-us-gov"];
  return partitions.aws;
}

export function partitionOfArn(arn: string): Partition {
  const id = arn.split(":")[1];
  return id === "aws-cn" || id === "aws-us-gov" ? partitions[id] : partitions.aws;
}
