import { Agent as HttpAgent, type ClientRequest } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { Agent as RoutingBase, type AgentConnectOpts } from "agent-base";
import { ConfigError } from "../errors.js";
import type { FileReader } from "../io/file-system.js";
import type { Logger } from "../io/logger.js";
import type { NetworkSettings } from "./network-settings.js";
import { proxyForUrl, redactProxyUrl, withProxyScheme } from "./network-settings.js";

/** The two agents an SDK client's Node handler (and credo's own requests) connect through. */
export interface HttpAgents {
  httpAgent: HttpAgent;
  httpsAgent: HttpAgent;
}

/**
 * Agents that honour the proxy variables and the CA bundle. Each request is
 * routed on its own (NO_PROXY depends on the host): through the proxy with
 * http-proxy-agent (plain HTTP, forwarded) or https-proxy-agent (CONNECT
 * tunnel, TLS to the endpoint inside it), or directly. The CA bundle replaces
 * Node's trusted authorities, as botocore's `verify` does.
 */
export async function createHttpAgents(
  settings: NetworkSettings,
  files: FileReader,
  logger: Logger,
): Promise<HttpAgents> {
  for (const proxy of [settings.httpsProxy, settings.httpProxy]) {
    if (proxy !== undefined && !validProxyUrl(proxy.value)) {
      throw new ConfigError(
        `${proxy.from} is not a proxy URL: ${redactProxyUrl(proxy.value)}.`,
        `Set ${proxy.from} to the proxy's URL, such as http://proxy.example.com:3128, or unset it.`,
      );
    }
  }
  const ca = settings.caBundle === undefined ? undefined : await readCaBundle(settings, files);
  if (settings.caBundle !== undefined) {
    logger.debug(`Trusting the CA bundle ${settings.caBundle.value} (${settings.caBundle.from})`);
  }
  const tlsOptions = ca === undefined ? {} : { ca };
  const route = new RouteLog(settings, logger);
  const proxies = await proxyAgentClasses(settings);
  const httpsAgent = new RoutingAgent(
    route,
    new HttpsAgent({ keepAlive: true, ...tlsOptions }),
    (proxy) =>
      new (proxies ?? noProxySet()).HttpsProxyAgent(proxy, { keepAlive: true, ...tlsOptions }),
    tlsOptions,
  );
  httpsAgent.protocol = "https:";
  const httpAgent = new RoutingAgent(
    route,
    new HttpAgent({ keepAlive: true }),
    (proxy) =>
      new (proxies ?? noProxySet()).HttpProxyAgent(proxy, { keepAlive: true, ...tlsOptions }),
    {},
  );
  httpAgent.protocol = "http:";
  return { httpAgent, httpsAgent };
}

/**
 * The proxy agents, loaded only where a proxy is set: they bring the `debug`
 * logger, which asks node:tty about the terminal as it loads, a cost every
 * direct AWS call would otherwise pay.
 */
async function proxyAgentClasses(settings: NetworkSettings) {
  if (settings.httpsProxy === undefined && settings.httpProxy === undefined) return undefined;
  const [{ HttpProxyAgent }, { HttpsProxyAgent }] = await Promise.all([
    import("http-proxy-agent"),
    import("https-proxy-agent"),
  ]);
  return { HttpProxyAgent, HttpsProxyAgent };
}

function noProxySet(): never {
  // proxyForUrl names a proxy only from the settings that made proxyAgentClasses load them.
  throw new Error("A request was routed through a proxy, and no proxy is set.");
}

function validProxyUrl(proxy: string): boolean {
  const url = proxyUrl(proxy);
  return (
    url !== undefined &&
    (url.protocol === "http:" || url.protocol === "https:") &&
    url.hostname !== ""
  );
}

function proxyUrl(proxy: string): URL | undefined {
  try {
    return new URL(withProxyScheme(proxy));
  } catch {
    return undefined;
  }
}

async function readCaBundle(settings: NetworkSettings, files: FileReader): Promise<string> {
  const bundle = settings.caBundle!;
  let text: string | undefined;
  try {
    text = await files.readText(bundle.value);
  } catch {
    text = undefined;
  }
  if (text === undefined || !text.includes("-----BEGIN CERTIFICATE-----")) {
    throw new ConfigError(
      `The CA bundle ${bundle.value} (from ${bundle.from}) is not a readable PEM file of certificates.`,
      `Point ${bundle.from} at the PEM file of your organisation's certificate authorities, or unset it.`,
    );
  }
  return text;
}

/** Decides each request's route and says it once per host in --debug. */
class RouteLog {
  private readonly logged = new Set<string>();

  constructor(
    private readonly settings: NetworkSettings,
    private readonly logger: Logger,
  ) {}

  proxyFor(url: URL): string | undefined {
    const proxy = proxyForUrl(this.settings, url);
    if (this.logger.enabled && !this.logged.has(url.origin)) {
      this.logged.add(url.origin);
      this.logger.debug(
        proxy === undefined
          ? `Connecting to ${url.host} directly${this.settings.noProxy === undefined ? "" : " (NO_PROXY)"}`
          : `Connecting to ${url.host} through the proxy ${redactProxyUrl(proxy.value)} (${proxy.from})`,
      );
    }
    return proxy?.value;
  }
}

class RoutingAgent extends RoutingBase {
  private readonly viaProxy = new Map<string, HttpAgent>();

  constructor(
    private readonly route: RouteLog,
    private readonly direct: HttpAgent,
    private readonly proxyAgent: (proxy: string) => HttpAgent,
    options: { ca?: string },
  ) {
    super({ keepAlive: true, ...options });
  }

  connect(_req: ClientRequest, options: AgentConnectOpts): HttpAgent {
    const scheme = options.secureEndpoint ? "https:" : "http:";
    const host = options.host ?? "localhost";
    const url = new URL(`${scheme}//${host.includes(":") ? `[${host}]` : host}:${options.port}`);
    const proxy = this.route.proxyFor(url);
    if (proxy === undefined) return this.direct;
    let agent = this.viaProxy.get(proxy);
    if (agent === undefined) {
      agent = this.proxyAgent(proxy);
      this.viaProxy.set(proxy, agent);
    }
    return agent;
  }

  override destroy(): void {
    for (const agent of this.viaProxy.values()) agent.destroy();
    this.direct.destroy();
    super.destroy();
  }
}
