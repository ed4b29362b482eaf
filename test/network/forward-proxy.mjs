/**
 * A forward proxy for the network tests, in its own process: the `proxy`
 * package (HTTP forwarding and CONNECT tunnels) with one change, a name
 * service of its own in which every host under FORWARD_PROXY_DOMAIN is
 * 127.0.0.1. Those names resolve nowhere else, so a request for one can only
 * succeed through this proxy. FORWARD_PROXY_AUTH ("user:password") makes it
 * demand Basic proxy authentication. Prints {"port":N} on the first line,
 * then one line per request it handles ("CONNECT host:port", "GET http://...").
 */
import { Buffer } from "node:buffer";
import dns from "node:dns";
import { createServer } from "node:http";
import process from "node:process";
import { createProxy } from "proxy";

const domain = process.env.FORWARD_PROXY_DOMAIN ?? ".credo.test";
const systemLookup = dns.lookup;
dns.lookup = (hostname, options, callback) => {
  const done = typeof options === "function" ? options : callback;
  const settings = typeof options === "object" && options !== null ? options : {};
  if (!hostname.endsWith(domain)) return systemLookup(hostname, options, callback);
  process.nextTick(() =>
    settings.all ? done(null, [{ address: "127.0.0.1", family: 4 }]) : done(null, "127.0.0.1", 4),
  );
  return undefined;
};

const server = createProxy(createServer());
const auth = process.env.FORWARD_PROXY_AUTH;
if (auth) {
  const expected = `Basic ${Buffer.from(auth).toString("base64")}`;
  server.authenticate = (req) => req.headers["proxy-authorization"] === expected;
}
server.on("request", (req) => process.stdout.write(`${req.method} ${req.url}\n`));
server.on("connect", (req) => process.stdout.write(`CONNECT ${req.url}\n`));
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.once("SIGTERM", () => process.exit(0));
