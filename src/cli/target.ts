// Which backend a subcommand talks to, from the global flags: `--server URL` = the rest
// adapter; otherwise the kubeconfig's (or --context's) context with the kubeadm adapter.
// Resolution only reads files; the adapter is created without sending a request.
import { resolve } from 'node:path';
import type { TokenAdapter } from '../adapters/contract.ts';
import { createAdapter } from '../adapters/registry.ts';
import type { AdapterSettings } from '../adapters/registry.ts';
import type { Clock } from '../core/clock.ts';
import { loadKubeconfigFor, resolveKubeConnection } from '../config/kubeconfig.ts';
import type { Kubeconfig } from '../config/kubeconfig.ts';
import { usageError } from './args.ts';
import type { GlobalOptions } from './args.ts';
import type { CliEnv } from './io.ts';

export const API_KEY_VARIABLE = 'TOKENTUI_API_KEY';

function restServer(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError(`--server "${value}" is not a URL (e.g. --server https://tokens.example.com)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw usageError(`--server "${value}" is not an http(s) URL`);
  return value.replace(/\/+$/, '');
}

/** The kubeconfig(s) the flags point at; fails (exit 2) when none exists, saying where it looked. */
export function loadTargetKubeconfig(globals: GlobalOptions, env: CliEnv, cwd: string): Kubeconfig {
  const kubeconfig = globals.kubeconfig === undefined ? undefined : resolve(cwd, globals.kubeconfig);
  const config = loadKubeconfigFor(env, { kubeconfig });
  if (config.loadedFiles.length === 0) {
    throw usageError(
      `no kubeconfig found (looked for ${config.missingFiles.join(', ')})`,
      'pass --kubeconfig PATH or set KUBECONFIG; run `tokentui --demo` to try the demo backend',
    );
  }
  return config;
}

export function resolveTargetSettings(globals: GlobalOptions, env: CliEnv, cwd: string): AdapterSettings {
  // TODO(demo backend): start the embedded reference server here once it exists.
  if (globals.demo) throw usageError('the demo backend is not available in this build yet', 'pass --kubeconfig PATH or --server URL');
  if (globals.server !== undefined) {
    if (globals.adapter !== undefined && globals.adapter !== 'rest') {
      throw usageError(`--server is for the rest adapter; the ${globals.adapter} adapter reads its server from the kubeconfig`, 'use --context NAME');
    }
    if (globals.context !== undefined) throw usageError('--context selects a kubeconfig context; it cannot be combined with --server');
    return { adapter: 'rest', context: 'cli', server: restServer(globals.server), apiKey: env[API_KEY_VARIABLE] ?? '' };
  }
  if (globals.adapter === 'rest') throw usageError('the rest adapter needs --server URL');
  const kube = resolveKubeConnection(loadTargetKubeconfig(globals, env, cwd), globals.context);
  return { adapter: 'kubeadm', kube };
}

export async function openTargetAdapter(globals: GlobalOptions, io: { readonly env: CliEnv; readonly cwd: string }, clock: Clock): Promise<TokenAdapter> {
  return createAdapter(resolveTargetSettings(globals, io.env, io.cwd), { clock });
}
