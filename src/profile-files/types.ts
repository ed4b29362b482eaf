/**
 * The typed view of the AWS shared config and credentials files: what the
 * SDKs and botocore see after parsing and merging. Property names are
 * lowercased; profile and sso-session names keep their case. A property with
 * sub-properties (`s3 =\n  max_concurrent_requests = 10`) is a nested record.
 */
export type PropertyValue = string | Readonly<Record<string, string>>;
export type Properties = Readonly<Record<string, PropertyValue>>;

export interface ProfileSet {
  /** Profiles after merging: config file first, credentials file properties win. */
  profiles: Readonly<Record<string, Properties>>;
  /** The profiles of each file on its own (botocore tells `shared-credentials-file` from `config-file`). */
  configFileProfiles: Readonly<Record<string, Properties>>;
  credentialsFileProfiles: Readonly<Record<string, Properties>>;
  ssoSessions: Readonly<Record<string, Properties>>;
  services: Readonly<Record<string, Properties>>;
  /** Lines botocore reads and the SDKs that follow the profile-file SEP read otherwise (`credo doctor` warns). */
  readOnlyByBotocore?: readonly BotocoreOnlyFileLine[];
}

export interface BotocoreOnlyFileLine {
  file: "config" | "credentials";
  /** 1-based. */
  line: number;
  /** How the SEP SDKs read it, as a sentence fragment ("not at all (they skip the section)"). */
  sepReading: string;
}

export interface ProfileFileLocations {
  configFile: string;
  credentialsFile: string;
}
