// client.authentication.k8s.io exec plugins (aws eks get-token, gke-gcloud-auth-plugin,
// kubelogin, ...): run the command, read an ExecCredential from its stdout.
import { isAbsolute, resolve } from 'node:path';
import { TokenTuiError } from '../core/errors.ts';
import type { ExecCredentialConfig } from './connection.ts';
import { nodeChildProcess } from './node-builtins.ts';

export interface ExecCredential {
  readonly token?: string;
  readonly clientCertificatePem?: string;
  readonly clientKeyPem?: string;
  /** Epoch ms; undefined = valid until the apiserver says otherwise. */
  readonly expiresAtMs?: number;
}

export interface ExecPluginContext {
  readonly source: string;
  readonly contextName: string;
  /** Generous: cloud plugins may refresh an SSO session first. */
  readonly timeoutMs?: number;
}

const MAX_OUTPUT_BYTES = 1024 * 1024;

/** Plugin stderr can echo credentials: keep one line and blank anything token-shaped. */
export function redactPluginOutput(stderr: string): string {
  const firstLine = stderr.split('\n').map((line) => line.trim()).find((line) => line !== '') ?? '';
  return firstLine
    .replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[redacted]')
    .replace(/\b(bearer|token|password|secret)([=:\s]+)\S+/gi, '$1$2[redacted]')
    .replace(/[A-Za-z0-9+_=-]{40,}/g, '[redacted]')
    .slice(0, 240);
}

function fail(message: string, context: ExecPluginContext, cause?: unknown): TokenTuiError {
  return new TokenTuiError('unauthorized', message, {
    source: context.source,
    cause,
    hint: `run the exec plugin of context "${context.contextName}" by hand to see why it fails`,
  });
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
export function execCommandPath(exec: ExecCredentialConfig): string {
  return exec.command.includes('/') && !isAbsolute(exec.command) ? resolve(exec.baseDir, exec.command) : exec.command;
}

export function runExecPlugin(exec: ExecCredentialConfig, context: ExecPluginContext): Promise<ExecCredential> {
  const command = execCommandPath(exec);
  const execInfo = { apiVersion: exec.apiVersion, kind: 'ExecCredential', spec: { interactive: false } };
  const env: NodeJS.ProcessEnv = { ...process.env, KUBERNETES_EXEC_INFO: JSON.stringify(execInfo) };
  for (const { name, value } of exec.env) env[name] = value;
  return new Promise((resolvePromise, reject) => {
    // stdin is closed: tokentui owns the terminal, a plugin cannot prompt through it.
    const child = nodeChildProcess().spawn(command, [...exec.args], { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: context.timeoutMs ?? 60_000 });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let size = 0;
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_OUTPUT_BYTES) into.push(chunk);
    };
    child.stdout.on('data', collect(stdout));
    child.stderr.on('data', collect(stderr));
    child.on('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'ENOENT' ? 'was not found (is it installed and on PATH?)' : `could not start (${error.code ?? error.message})`;
      reject(fail(`exec plugin "${exec.command}" ${why}`, context, error));
    });
    child.on('close', (exitCode, signal) => {
      const detail = redactPluginOutput(Buffer.concat(stderr).toString('utf8'));
      if (exitCode !== 0) {
        const how = signal !== null ? `was killed by ${signal}` : `exited with ${exitCode}`;
        reject(fail(`exec plugin "${exec.command}" ${how}${detail === '' ? '' : `: ${detail}`}`, context));
        return;
      }
      try {
        resolvePromise(parseExecCredential(Buffer.concat(stdout).toString('utf8'), exec.apiVersion));
      } catch (error) {
        reject(fail(`exec plugin "${exec.command}" failed: ${(error as Error).message}`, context, error));
      }
    });
  });
}
