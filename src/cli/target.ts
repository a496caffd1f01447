// Which backend a subcommand talks to, from the global flags: `--server URL` = the rest
// adapter; otherwise the kubeconfig's (or --context's) context with the kubeadm or k3s adapter.
// Resolution only reads files; the adapter is created without sending a request, except the one
// GET /version that tells k3s from kubeadm when no --adapter names one.
// `--demo` is the exception: it starts the embedded demo backend (demo-target.ts).
import { resolve } from 'node:path';
import type { TokenAdapter } from '../adapters/contract.ts';
import { createAdapter } from '../adapters/registry.ts';
import type { AdapterSettings } from '../adapters/registry.ts';
import type { Clock } from '../core/clock.ts';
import { loadKubeconfigFor, resolveKubeConnection } from '../config/kubeconfig.ts';
import type { Kubeconfig } from '../config/kubeconfig.ts';
import { flavourFromKubeconfig } from '../adapters/k3s/detect.ts';
// kubeadm or k3s for a context no flag pinned: one GET /version decides (detected-adapter.ts).
import { openDetectedKubeAdapter, type DetectedAdapterOptions } from '../adapters/k3s/detected-adapter.ts';
import { usageError } from './args.ts';
import type { GlobalOptions } from './args.ts';
import { selectContextTarget } from './context-selection.ts';
import { openDemoAdapter } from './demo-target.ts';
import type { CliEnv, CliIo } from './io.ts';

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
      'pass --kubeconfig PATH or set KUBECONFIG, or add --demo to use the embedded demo backend',
    );
  }
  return config;
}

export function resolveTargetSettings(globals: GlobalOptions, env: CliEnv, cwd: string): AdapterSettings {
  // The demo's settings exist only once its server runs: openTargetAdapter starts it.
  if (globals.demo) throw new Error('resolveTargetSettings: --demo has no static settings; use openTargetAdapter');
  if (globals.server !== undefined) {
    if (globals.adapter !== undefined && globals.adapter !== 'rest') {
      throw usageError(`--server is for the rest adapter; the ${globals.adapter} adapter reads its server from the kubeconfig`, 'use --context NAME');
    }
    if (globals.context !== undefined) throw usageError('--context selects a kubeconfig context; it cannot be combined with --server');
    const server = restServer(globals.server);
    const apiKey = env[API_KEY_VARIABLE];
    if (apiKey === undefined || apiKey === '') {
      throw usageError(`--server needs an API key in the ${API_KEY_VARIABLE} environment variable`, `export ${API_KEY_VARIABLE}=<key> (tokentui serve prints one when it generates it)`);
    }
    return { adapter: 'rest', context: 'cli', server, apiKey };
  }
  if (globals.adapter === 'rest') throw usageError('the rest adapter needs --server URL');
  const kube = resolveKubeConnection(loadTargetKubeconfig(globals, env, cwd), globals.context, env);
  // --adapter k3s forces k3s; k3s's own kubeconfig path implies it. Otherwise openTargetAdapter asks /version.
  const isK3s = globals.adapter === 'k3s' || (globals.adapter === undefined && flavourFromKubeconfig(kube)?.flavour === 'k3s');
  return isK3s ? { adapter: 'k3s', kube } : { adapter: 'kubeadm', kube };
}

/** --demo names its own target; any other target flag beside it is a contradiction. */
function rejectDemoConflicts(globals: GlobalOptions): void {
  const conflict = globals.server !== undefined ? '--server' : globals.context !== undefined ? '--context' : globals.kubeconfig !== undefined ? '--kubeconfig' : undefined;
  if (conflict !== undefined) throw usageError(`--demo cannot be combined with ${conflict}`);
  if (globals.adapter !== undefined && globals.adapter !== 'rest') throw usageError(`--demo uses the rest adapter, not ${globals.adapter}`);
}

/** What the caller does next, so the adapter can start it early (detected-adapter.ts). */
export type OpenAdapterOptions = DetectedAdapterOptions;

export async function openTargetAdapter(
  globals: GlobalOptions,
  io: Pick<CliIo, 'env' | 'cwd' | 'onStopSignal'>,
  clock: Clock,
  options: OpenAdapterOptions = {},
): Promise<TokenAdapter> {
  if (globals.demo) {
    rejectDemoConflicts(globals);
    return openDemoAdapter(io, clock);
  }
  // A saved or discovered context (--context NAME, or the remembered one) first; else the flags.
  const selected = await selectContextTarget(globals, io.env);
  if (selected !== undefined) {
    const { settings, detectFlavour, savedName } = selected;
    const adapter = detectFlavour && settings.adapter === 'kubeadm' ? await openDetectedKubeAdapter(settings.kube, clock, options) : await createAdapter(settings, { clock });
    // Adapters are plain objects (detected-adapter.ts spreads one the same way); errors keep naming the kubeconfig context.
    return savedName === undefined || savedName === adapter.target.context ? adapter : { ...adapter, target: { ...adapter.target, context: savedName } };
  }
  const settings = resolveTargetSettings(globals, io.env, io.cwd);
  if (settings.adapter === 'kubeadm' && globals.adapter === undefined) return openDetectedKubeAdapter(settings.kube, clock, options);
  return createAdapter(settings, { clock });
}
