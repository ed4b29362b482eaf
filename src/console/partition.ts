import {
  partitionOfArn as partitionIdOfArn,
  partitionOfRegion as partitionIdOfRegion,
} from "../aws/arn.js";

/**
 * The console and federation endpoints of each AWS partition.
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

/** The console endpoints of a region's partition. */
export function partitionOfRegion(region: string | undefined): Partition {
  return consolePartition(partitionIdOfRegion(region));
}

/** The console endpoints of an ARN's partition. */
export function partitionOfArn(arn: string): Partition {
  return consolePartition(partitionIdOfArn(arn));
}

// The isolated partitions have no public console: their ARNs get the commercial endpoints, as before.
function consolePartition(id: string | undefined): Partition {
  return id === "aws-cn" || id === "aws-us-gov" ? partitions[id] : partitions.aws;
}
