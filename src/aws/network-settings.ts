import { stringProperty } from "../profile-files/profile-property.js";
import type { Env } from "../io/env.js";
import { envValue } from "../io/env.js";
import type { Properties } from "../profile-files/types.js";

/** A setting's value and where it came from, for --debug and error messages. */
export interface SourcedValue {
  value: string;
  from: string;
}

/**
 * How credo reaches AWS endpoints, read the way the AWS CLI reads it: the
 * proxy variables from the environment (botocore asks urllib's getproxies)
 * and the CA bundle from AWS_CA_BUNDLE, else the profile's `ca_bundle`.
 */
export interface NetworkSettings {
  /** Proxy for https:// endpoints (HTTPS_PROXY). */
  httpsProxy?: SourcedValue;
  /** Proxy for http:// endpoints (HTTP_PROXY). */
  httpProxy?: SourcedValue;
  /** Comma-separated host suffixes reached directly (NO_PROXY). */
  noProxy?: string;
  /** A PEM file of the certificate authorities to trust instead of Node's own. */
  caBundle?: SourcedValue;
}

export function networkSettings(env: Env, profile: Properties | undefined): NetworkSettings {
  const settings: NetworkSettings = {};
  const httpsProxy = proxyVariable(env, "https_proxy");
  if (httpsProxy !== undefined) settings.httpsProxy = httpsProxy;
  const httpProxy = proxyVariable(env, "http_proxy");
  if (httpProxy !== undefined) settings.httpProxy = httpProxy;
  const noProxy = proxyVariable(env, "no_proxy");
  if (noProxy !== undefined) settings.noProxy = noProxy.value;
  const caFromEnv = envValue(env, "AWS_CA_BUNDLE");
  const caFromProfile = stringProperty(profile, "ca_bundle")?.trim();
  if (caFromEnv !== undefined) settings.caBundle = { value: caFromEnv, from: "AWS_CA_BUNDLE" };
  else if (caFromProfile) settings.caBundle = { value: caFromProfile, from: "ca_bundle" };
  return settings;
}

/** Whether any setting changes how credo connects (otherwise the SDK's defaults apply). */
export function changesConnections(settings: NetworkSettings | undefined): boolean {
  return (
    settings !== undefined &&
    (settings.httpsProxy !== undefined ||
      settings.httpProxy !== undefined ||
      settings.caBundle !== undefined)
  );
}

/** urllib prefers the lower-case variable; an empty value counts as unset. */
function proxyVariable(env: Env, lowerName: string): SourcedValue | undefined {
  for (const name of [lowerName, lowerName.toUpperCase()]) {
    const value = envValue(env, name)?.trim();
    if (value) return { value, from: name };
  }
  return undefined;
}

/**
 * The proxy for one request URL, or undefined to connect directly. Follows
 * botocore: NO_PROXY as urllib's proxy_bypass_environment reads it (`*`, or
 * host names matching exactly or as a domain suffix, a leading dot ignored,
 * with or without the port), then the proxy named for the URL's scheme, with
 * `http://` added to a proxy given without one (ProxyConfiguration._fix_proxy_url).
 */
export function proxyForUrl(settings: NetworkSettings, url: URL): SourcedValue | undefined {
  const proxy =
    url.protocol === "https:"
      ? settings.httpsProxy
      : url.protocol === "http:"
        ? settings.httpProxy
        : undefined;
  if (proxy === undefined || bypassesProxy(settings.noProxy, url)) return undefined;
  return { value: withProxyScheme(proxy.value), from: proxy.from };
}

export function bypassesProxy(noProxy: string | undefined, url: URL): boolean {
  if (noProxy === undefined) return false;
  if (noProxy.trim() === "*") return true;
  const hostOnly = url.hostname.toLowerCase().replace(/^\[|\]$/g, "");
  const hostWithPort = url.port === "" ? hostOnly : `${hostOnly}:${url.port}`;
  return noProxy.split(",").some((entry) => {
    const name = entry.trim().replace(/^\.+/, "").toLowerCase();
    if (name === "") return false;
    return [hostOnly, hostWithPort].some((host) => host === name || host.endsWith(`.${name}`));
  });
}

export function withProxyScheme(proxy: string): string {
  if (proxy.startsWith("http:") || proxy.startsWith("https:")) return proxy;
  if (proxy.startsWith("//")) return `http:${proxy}`;
  return `http://${proxy}`;
}

/** A proxy URL fit for --debug: any user name and password replaced. */
export function redactProxyUrl(proxy: string): string {
  try {
    const url = new URL(proxy);
    if (url.username === "" && url.password === "") return proxy;
    url.username = "****";
    url.password = url.password === "" ? "" : "****";
    return url.toString();
  } catch {
    return proxy.replace(/\/\/[^/@]*@/, "//****@");
  }
}
