// Which proxy a request to a URL goes through, decided exactly as Go's http.ProxyFromEnvironment
// (golang.org/x/net/http/httpproxy) decides it for kubectl: HTTPS_PROXY before https_proxy,
// HTTP_PROXY only for http: URLs (and never in a CGI environment), NO_PROXY entries as domains
// (`example.com` and `.example.com` match subdomains, `*` matches all), IPs, CIDRs and `:port`
// suffixes, and localhost and loopback addresses never proxied. Pure: the caller passes the env.
import { BlockList, isIP } from 'node:net';

export type ProxyEnvironment = Readonly<Record<string, string | undefined>>;

export interface ProxyChoice {
  /** The proxy URL as configured (may carry user:password). */
  readonly url: string;
  /** The variable it came from. */
  readonly origin: string;
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443', 'socks5:': '1080' };
const PROXY_SCHEMES = new Set(['http:', 'https:', 'socks5:']);

/** Go's getEnvAny: the first variable that is set and not empty. */
function firstSet(env: ProxyEnvironment, names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== '') return { name, value };
  }
  return undefined;
}

/** Go's parseProxy: a value without a known scheme is read as http://VALUE. */
export function normalizeProxyUrl(value: string): string {
  try {
    if (PROXY_SCHEMES.has(new URL(value).protocol)) return value;
  } catch {
    // fall through to the http:// reading
  }
  return `http://${value}`;
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function isLoopback(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return ip.startsWith('127.');
  if (family === 6) {
    const loopback = new BlockList();
    loopback.addAddress('::1', 'ipv6');
    loopback.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');
    return loopback.check(ip, 'ipv6');
  }
  return false;
}

/** "host:port" of an entry, Go's net.SplitHostPort; undefined when it has no port. */
function splitHostPort(entry: string): { host: string; port: string } | undefined {
  const bracketed = /^\[([^\]]*)\]:(\d*)$/.exec(entry);
  if (bracketed) return { host: bracketed[1] ?? '', port: bracketed[2] ?? '' };
  const colon = entry.lastIndexOf(':');
  if (colon === -1 || entry.indexOf(':') !== colon) return undefined;
  return { host: entry.slice(0, colon), port: entry.slice(colon + 1) };
}

function ipMatches(entryIp: string, ip: string): boolean {
  const entryFamily = isIP(entryIp) === 6 ? 'ipv6' : 'ipv4';
  const list = new BlockList();
  list.addAddress(entryIp, entryFamily);
  return list.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
}

function cidrMatches(entry: string, ip: string): boolean | undefined {
  const slash = entry.indexOf('/');
  if (slash === -1) return undefined;
  const network = entry.slice(0, slash);
  const prefix = Number(entry.slice(slash + 1));
  const family = isIP(network);
  if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) return undefined;
  const list = new BlockList();
  list.addSubnet(network, prefix, family === 4 ? 'ipv4' : 'ipv6');
  return list.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
}

/** Go's useProxy: false when NO_PROXY (or loopback) exempts host:port. */
export function bypassesProxy(host: string, port: string, noProxy: string): boolean {
  const bare = stripBrackets(host).toLowerCase();
  if (bare === 'localhost') return true;
  const ip = isIP(bare) === 0 ? undefined : bare;
  if (ip !== undefined && isLoopback(ip)) return true;
  for (const raw of noProxy.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    const cidr = ip === undefined ? undefined : cidrMatches(entry, ip);
    if (cidr !== undefined) {
      if (cidr) return true;
      continue;
    }
    const split = splitHostPort(entry);
    const entryHost = stripBrackets(split?.host ?? entry);
    const entryPort = split?.port ?? '';
    if (entryHost === '') continue;
    const portMatches = entryPort === '' || entryPort === port;
    if (isIP(entryHost) !== 0) {
      if (ip !== undefined && ipMatches(entryHost, ip) && portMatches) return true;
      continue;
    }
    // `*.example.com` is `.example.com`; `example.com` also matches example.com itself.
    const withoutStar = entryHost.startsWith('*.') ? entryHost.slice(1) : entryHost;
    const suffix = withoutStar.startsWith('.') ? withoutStar : `.${withoutStar}`;
    const matchesItself = !withoutStar.startsWith('.');
    if ((bare.endsWith(suffix) || (matchesItself && bare === suffix.slice(1))) && portMatches) return true;
  }
  return false;
}

/** The proxy for `target` from the environment, or undefined for a direct connection. */
export function proxyFromEnvironment(target: URL, env: ProxyEnvironment): ProxyChoice | undefined {
  let chosen: { name: string; value: string } | undefined;
  if (target.protocol === 'https:') chosen = firstSet(env, ['HTTPS_PROXY', 'https_proxy']);
  else if (target.protocol === 'http:') {
    chosen = firstSet(env, ['HTTP_PROXY', 'http_proxy']);
    // Go refuses HTTP_PROXY when REQUEST_METHOD says it runs as CGI (a client-set Proxy header).
    if (chosen !== undefined && (env.REQUEST_METHOD ?? '') !== '') chosen = undefined;
  }
  if (chosen === undefined) return undefined;
  const port = target.port === '' ? (DEFAULT_PORTS[target.protocol] ?? '') : target.port;
  if (bypassesProxy(target.hostname, port, firstSet(env, ['NO_PROXY', 'no_proxy'])?.value ?? '')) return undefined;
  return { url: normalizeProxyUrl(chosen.value), origin: chosen.name };
}

/** The proxy URL without user:password, for messages. */
export function proxyLabel(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '(an unparsable proxy URL)';
  }
}
