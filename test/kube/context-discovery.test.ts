// Discovery over real files: every KUBECONFIG file, the control-plane files when readable, and
// one problem line per broken file while the others stay usable.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverKubeContexts, findKubeconfigSource } from '../../src/kube/context-discovery.ts';
import { resolveKubeConnection } from '../../src/kube/kubeconfig-resolve.ts';
import { removeScratch } from '../support/at-rest.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokentui-discovery-'));
});

afterEach(() => {
  removeScratch(dir);
});

function kubeconfigFile(name: string, context: string, server: string, current = true): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{name: ${context}-cluster, cluster: {server: '${server}'}}]`,
      `users: [{name: ${context}-user, user: {token: t}}]`,
      `contexts: [{name: ${context}, context: {cluster: ${context}-cluster, user: ${context}-user}}]`,
      current ? `current-context: ${context}` : '',
      '',
    ].join('\n'),
  );
  return path;
}

describe('discoverKubeContexts', () => {
  it('lists the contexts of every KUBECONFIG file; the first file names the current one', () => {
    const first = kubeconfigFile('a.yaml', 'alpha', 'https://alpha:6443');
    const second = kubeconfigFile('b.yaml', 'beta', 'https://beta:6443');
    const discovery = discoverKubeContexts({ KUBECONFIG: [first, second].join(delimiter) }, { systemKubeconfigs: [] });
    expect(discovery.problems).toEqual([]);
    expect(discovery.contexts.map(({ name, server, current, sourceFile }) => ({ name, server, current, sourceFile }))).toEqual([
      { name: 'alpha', server: 'https://alpha:6443', current: true, sourceFile: first },
      { name: 'beta', server: 'https://beta:6443', current: false, sourceFile: second },
    ]);
    const source = findKubeconfigSource(discovery, 'beta');
    expect(source && resolveKubeConnection(source.config, 'beta').server).toBe('https://beta:6443');
  });

  it('a broken file is one problem line naming it; the other files still resolve', () => {
    const good = kubeconfigFile('good.yaml', 'good', 'https://good:6443');
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'apiVersion: v1\nclusters: [\n');
    const discovery = discoverKubeContexts({ KUBECONFIG: [broken, good].join(delimiter) }, { systemKubeconfigs: [] });
    expect(discovery.problems).toHaveLength(1);
    expect(discovery.problems[0]).toMatch(new RegExp(`^kubeconfig ${broken}: .+`));
    expect(discovery.problems[0]).not.toContain('\n');
    expect(discovery.contexts.map((context) => context.name)).toEqual(['good']);
    const source = findKubeconfigSource(discovery, 'good');
    expect(source && resolveKubeConnection(source.config, 'good').server).toBe('https://good:6443');
  });

  it('adds readable control-plane files, skips absent ones, and never lets them shadow kubectl names', () => {
    const user = kubeconfigFile('config', 'default', 'https://user:6443');
    const k3s = kubeconfigFile('k3s.yaml', 'default', 'https://127.0.0.1:6443');
    const admin = kubeconfigFile('admin.conf', 'kubernetes-admin@kubernetes', 'https://10.0.0.1:6443');
    const discovery = discoverKubeContexts({ KUBECONFIG: user }, { systemKubeconfigs: [k3s, admin, join(dir, 'absent.yaml')] });
    expect(discovery.problems).toEqual([]);
    expect(discovery.contexts.map(({ name, sourceFile, current }) => [name, sourceFile, current])).toEqual([
      ['default', user, true],
      ['kubernetes-admin@kubernetes', admin, false],
    ]);
    expect(findKubeconfigSource(discovery, 'kubernetes-admin@kubernetes')?.system).toBe(true);
  });

  it('a control-plane path that cannot be parsed is a problem line too', () => {
    const directory = join(dir, 'admin.conf');
    mkdirSync(directory);
    const discovery = discoverKubeContexts({ KUBECONFIG: join(dir, 'none') }, { systemKubeconfigs: [directory] });
    expect(discovery.problems).toEqual([`kubeconfig ${directory}: is a directory`]);
    expect(discovery.contexts).toEqual([]);
  });
});
