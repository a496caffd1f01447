// k3s or kubeadm for a kubeconfig context: `--adapter` forces, otherwise one GET /version (cached
// per server). The HTTPS endpoint is the emulated k3s supervisor, which answers /version as the
// apiserver behind a real k3s port does (v1.31.4+k3s1).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clearFlavourCache } from '../../src/adapters/k3s/detect.ts';
import type { GlobalOptions } from '../../src/cli/args.ts';
import { openTargetAdapter, resolveTargetSettings } from '../../src/cli/target.ts';
import { systemClock } from '../../src/core/clock.ts';
import { startK3sSupervisor, type K3sSupervisor } from '../support/k3s-supervisor.ts';
import { removeScratch } from '../support/at-rest.ts';

let supervisor: K3sSupervisor;
let dir: string;
let kubeconfig: string;
const none: GlobalOptions = { readonly: false, demo: false, noColor: false };

beforeAll(async () => {
  supervisor = await startK3sSupervisor();
  dir = mkdtempSync(join(tmpdir(), 'tokentui-k3s-target-'));
  kubeconfig = join(dir, 'config');
  const caData = supervisor.caBundle.toString('base64');
  writeFileSync(kubeconfig, [
    'apiVersion: v1',
    'kind: Config',
    `clusters: [{ name: k3s, cluster: { server: "${supervisor.url}", certificate-authority-data: ${caData} } }]`,
    'users: [{ name: admin, user: { token: admin-token } }]',
    'contexts: [{ name: default, context: { cluster: k3s, user: admin } }]',
    'current-context: default',
    '',
  ].join('\n'));
});

afterAll(async () => {
  await supervisor.close();
  removeScratch(dir);
});

beforeEach(() => {
  clearFlavourCache();
  supervisor.requests.length = 0;
});

async function open(globals: Partial<GlobalOptions>) {
  const adapter = await openTargetAdapter({ ...none, kubeconfig, ...globals }, { env: { HOME: dir }, cwd: dir }, systemClock);
  await adapter.close?.();
  return adapter.id;
}

const versionRequests = () => supervisor.requests.filter((request) => request.path === '/version').length;

describe('adapter detection for kubeconfig contexts', () => {
  it('a +k3s /version selects k3s, asking once per server', async () => {
    expect(await open({})).toBe('k3s');
    expect(await open({})).toBe('k3s');
    expect(versionRequests()).toBe(1);
  });

  it('--adapter forces either one without asking', async () => {
    expect(await open({ adapter: 'kubeadm' })).toBe('kubeadm');
    expect(await open({ adapter: 'k3s' })).toBe('k3s');
    expect(versionRequests()).toBe(0);
  });

  it('resolving settings alone sends nothing', () => {
    expect(resolveTargetSettings({ ...none, kubeconfig }, { HOME: dir }, dir)).toMatchObject({ adapter: 'kubeadm' });
    expect(resolveTargetSettings({ ...none, kubeconfig, adapter: 'k3s' }, { HOME: dir }, dir)).toMatchObject({ adapter: 'k3s' });
    expect(supervisor.requests).toEqual([]);
  });
});
