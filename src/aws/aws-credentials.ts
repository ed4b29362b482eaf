/** Credentials as every provider returns them (the shape of the JS SDK's AwsCredentialIdentity). */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Absent for long-term keys. */
  expiration?: Date;
  accountId?: string;
}
