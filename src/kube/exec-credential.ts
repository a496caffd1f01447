// client.authentication.k8s.io exec plugins (aws eks get-token, gke-gcloud-auth-plugin,
// kubelogin, ...): what a plugin prints and how its command is found. Running it: exec-plugin.ts.
import { isAbsolute, resolve } from 'node:path';
import type { ExecCredentialConfig } from './connection.ts';

export interface ExecCredential {
  readonly token?: string;
  readonly clientCertificatePem?: string;
  readonly clientKeyPem?: string;
  /** Epoch ms; undefined = valid until the apiserver says otherwise. */
  readonly expiresAtMs?: number;
}

/** Plugin stderr can echo credentials: keep one line and blank anything token-shaped. */
export function redactPluginOutput(stderr: string): string {
  const firstLine = stderr.split('\n').map((line) => line.trim()).find((line) => line !== '') ?? '';
  return firstLine
    .replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[redacted]')
    .replace(/\b(bearer|token|password|secret)([=:\s]+)\S+/gi, '$1$2[redacted]')
    .replace(/[A-Za-z0-9+_=-]{40,}/g, '[redacted]')
    .slice(0, 240);
}

/** Parses a plugin's stdout; throws a plain Error with the problem (the caller adds context). */
export function parseExecCredential(stdout: string, expectedApiVersion: string): ExecCredential {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw new Error('its output is not JSON');
  }
  const credential = parsed as { apiVersion?: unknown; kind?: unknown; status?: Record<string, unknown> };
  if (credential.kind !== 'ExecCredential') throw new Error('its output is not an ExecCredential');
  if (credential.apiVersion !== expectedApiVersion) {
    throw new Error(`it returned apiVersion "${String(credential.apiVersion)}" but is configured for "${expectedApiVersion}"`);
  }
  const status = credential.status;
  if (typeof status !== 'object' || status === null) throw new Error('its ExecCredential has no status');
  const text = (key: string): string | undefined => (typeof status[key] === 'string' && status[key] !== '' ? status[key] : undefined);
  const token = text('token');
  const clientCertificatePem = text('clientCertificateData');
  const clientKeyPem = text('clientKeyData');
  if ((clientCertificatePem === undefined) !== (clientKeyPem === undefined)) {
    throw new Error('its ExecCredential has only one of clientCertificateData and clientKeyData');
  }
  if (token === undefined && clientCertificatePem === undefined) throw new Error('its ExecCredential has neither a token nor a client certificate');
  const expiration = text('expirationTimestamp');
  const expiresAtMs = expiration === undefined ? undefined : Date.parse(expiration);
  if (expiresAtMs !== undefined && Number.isNaN(expiresAtMs)) throw new Error(`its expirationTimestamp "${expiration}" is not RFC 3339`);
  return { token, clientCertificatePem, clientKeyPem, expiresAtMs };
}

/** kubectl semantics: a command with a path separator is relative to the kubeconfig's directory. */
export function execCommandPath(exec: Pick<ExecCredentialConfig, 'command' | 'baseDir'>): string {
  return exec.command.includes('/') && !isAbsolute(exec.command) ? resolve(exec.baseDir, exec.command) : exec.command;
}
