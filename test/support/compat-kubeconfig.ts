// Kubeconfig files for the compatibility matrix, written in the block YAML kubectl writes, and
// fake credential plugins (Node scripts) that log what they were given.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

type Yaml = string | number | boolean | null | readonly Yaml[] | { readonly [key: string]: Yaml | undefined };

function scalar(value: string | number | boolean | null): string {
  if (typeof value !== 'string') return String(value);
  return /^[A-Za-z/][\w./:@-]*$/.test(value) && !['true', 'false', 'null', 'yes', 'no', 'on', 'off'].includes(value.toLowerCase()) ? value : JSON.stringify(value);
}

/** Block-style YAML as kubectl writes it (sequences at their key's indent). */
export function toYaml(value: Yaml, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return `${indent}[]\n`;
    return value
      .map((item: Yaml) => {
        if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
          const body = toYaml(item, `${indent}  `);
          return `${indent}- ${body.slice(indent.length + 2)}`;
        }
        return `${indent}- ${scalar(item as string)}\n`;
      })
      .join('');
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, Yaml | undefined>).filter((entry): entry is [string, Yaml] => entry[1] !== undefined);
    if (entries.length === 0) return `${indent}{}\n`;
    return entries
      .map(([key, item]) => {
        if (Array.isArray(item)) return item.length === 0 ? `${indent}${key}: []\n` : `${indent}${key}:\n${toYaml(item, indent)}`;
        if (item !== null && typeof item === 'object') return Object.keys(item).length === 0 ? `${indent}${key}: {}\n` : `${indent}${key}:\n${toYaml(item, `${indent}  `)}`;
        return `${indent}${key}: ${scalar(item)}\n`;
      })
      .join('');
  }
  return `${indent}${scalar(value)}\n`;
}

export interface KubeconfigParts {
  readonly cluster: Record<string, Yaml | undefined>;
  readonly user?: Record<string, Yaml | undefined>;
  readonly names?: { readonly context?: string; readonly cluster?: string; readonly user?: string };
  /** Omit current-context (a KUBECONFIG merge may take it from another file). */
  readonly noCurrentContext?: boolean;
}

/** One cluster, one user, one context (current unless told otherwise). */
export function kubeconfigText(parts: KubeconfigParts): string {
  const context = parts.names?.context ?? 'compat';
  const cluster = parts.names?.cluster ?? 'compat-cluster';
  const user = parts.names?.user ?? 'compat-user';
  return toYaml({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: cluster, cluster: parts.cluster }],
    users: parts.user === undefined ? [] : [{ name: user, user: parts.user }],
    contexts: [{ name: context, context: { cluster, user: parts.user === undefined ? undefined : user } }],
    'current-context': parts.noCurrentContext === true ? undefined : context,
    preferences: {},
  });
}

export function writeFile(path: string, text: string, mode = 0o600): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text, { mode });
  return path;
}

export interface PluginBehaviour {
  /** The token to print; `${run}` is replaced by the run number (1, 2, ...). */
  readonly token?: string;
  readonly clientCert?: { readonly certPem: string; readonly keyPem: string };
  readonly apiVersion?: string;
  /** Written to stderr before answering (a device-code prompt). */
  readonly stderr?: string;
  /** Seconds until the credential expires. */
  readonly expiresInSeconds?: number;
}

/**
 * An exec plugin at dir/bin/NAME (a Node script) that appends one JSON line per run to
 * dir/NAME.log: its argv, KUBERNETES_EXEC_INFO and whether it saw a terminal.
 */
export function writePlugin(dir: string, name: string, behaviour: PluginBehaviour): { path: string; log: string } {
  const log = join(dir, `${name}.log`);
  const status = {
    ...(behaviour.clientCert === undefined ? {} : { clientCertificateData: behaviour.clientCert.certPem, clientKeyData: behaviour.clientCert.keyPem }),
  };
  const script = `#!/usr/bin/env node
const { appendFileSync, readFileSync, existsSync } = require('node:fs');
const log = ${JSON.stringify(log)};
const run = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\\n').length + 1 : 1;
const info = JSON.parse(process.env.KUBERNETES_EXEC_INFO || '{}');
appendFileSync(log, JSON.stringify({ argv: process.argv.slice(2), info, env: process.env.PLUGIN_MARK || null }) + '\\n');
${behaviour.stderr === undefined ? '' : `process.stderr.write(${JSON.stringify(behaviour.stderr)});`}
const status = ${JSON.stringify(status)};
const token = ${JSON.stringify(behaviour.token ?? null)};
if (token !== null) status.token = token.replace('\${run}', String(run));
${behaviour.expiresInSeconds === undefined ? '' : `status.expirationTimestamp = new Date(Date.now() + ${behaviour.expiresInSeconds} * 1000).toISOString().replace(/\\.\\d+Z$/, 'Z');`}
process.stdout.write(JSON.stringify({ apiVersion: ${JSON.stringify(behaviour.apiVersion ?? 'client.authentication.k8s.io/v1beta1')}, kind: 'ExecCredential', status }));
`;
  const path = writeFile(join(dir, 'bin', name), script, 0o755);
  chmodSync(path, 0o755);
  return { path, log };
}

/** A JWT-shaped OIDC id-token (unsigned: the fake apiserver only records it). */
export function idToken(expiresAtSeconds: number, subject = 'oidc-user'): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iss: 'https://issuer.test', sub: subject, aud: 'kubernetes', exp: expiresAtSeconds })}.c2lnbmF0dXJl`;
}
