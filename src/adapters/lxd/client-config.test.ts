import { describe, expect, it } from 'vitest';
import { TokenTuiError } from '../../core/errors.ts';
import { LXC_CONFIG } from '../../../test/support/lxd-fixtures.ts';
import { discoverLxdContexts, lxdSettingsFromServer, type LxdFiles } from './client-config.ts';


function memoryFiles(files: Record<string, string>): LxdFiles {
  return {
    exists: (path) => Object.hasOwn(files, path),
    readText: (path) => {
      if (!Object.hasOwn(files, path)) throw Object.assign(new Error(`ENOENT ${path}`), { code: 'ENOENT' });
      return files[path]!;
    },
  };
}

const home = '/home/sre';
const lxcDir = `${home}/.config/lxc`;

describe('lxc and incus client configs as contexts', () => {
  it('finds every LXD remote with its certificates, pinned where lxc pinned it, and the local socket', () => {
    const files = memoryFiles({
      [`${lxcDir}/config.yml`]: LXC_CONFIG,
      [`${lxcDir}/client.crt`]: 'c',
      [`${lxcDir}/client.key`]: 'k',
      [`${lxcDir}/servercerts/prod.crt`]: 's',
      '/var/lib/lxd/unix.socket': '',
    });
    const { contexts, problems } = discoverLxdContexts({ env: {}, home }, files);
    expect(problems).toEqual([]);
    expect(contexts.map((context) => [context.name, context.current])).toEqual([['lxc:local', false], ['lxc:prod', true], ['lxc:lab', false]]);
    expect(contexts[0]!.settings.endpoint).toEqual({ kind: 'unix', socketPath: '/var/lib/lxd/unix.socket' });
    expect(contexts[1]!.settings).toEqual({
      adapter: 'lxd',
      context: 'lxc:prod',
      endpoint: { kind: 'https', url: 'https://10.0.0.5:8443', clientCertFile: `${lxcDir}/client.crt`, clientKeyFile: `${lxcDir}/client.key`, serverCertFile: `${lxcDir}/servercerts/prod.crt` },
    });
    expect(contexts[2]!.settings.endpoint).toMatchObject({ url: 'https://lab.example:8443' });
    expect(contexts[2]!.settings.endpoint).not.toHaveProperty('serverCertFile');
  });

  it('honours LXD_CONF, LXD_DIR and INCUS_DIR, prefers the snap socket, and reports unusable remotes', () => {
    const files = memoryFiles({
      '/etc/lxc-alt/config.yml': 'remotes:\n  local:\n    addr: unix://\n  far:\n    addr: https://far:8443\n    protocol: lxd\n',
      '/srv/lxd/unix.socket': '',
      '/srv/incus/unix.socket': '',
    });
    const { contexts, problems } = discoverLxdContexts({ env: { LXD_CONF: '/etc/lxc-alt', LXD_DIR: '/srv/lxd', INCUS_DIR: '/srv/incus' }, home }, files);
    expect(contexts.map((context) => [context.name, context.settings.endpoint])).toEqual([
      ['lxc:local', { kind: 'unix', socketPath: '/srv/lxd/unix.socket' }],
      ['incus:local', { kind: 'unix', socketPath: '/srv/incus/unix.socket' }],
    ]);
    expect(problems).toEqual(['lxc remote far: no client certificate in /etc/lxc-alt']);
    const snap = discoverLxdContexts({ env: {}, home }, memoryFiles({ '/var/snap/lxd/common/lxd/unix.socket': '', '/var/lib/lxd/unix.socket': '' }));
    expect(snap.contexts[0]!.settings.endpoint).toEqual({ kind: 'unix', socketPath: '/var/snap/lxd/common/lxd/unix.socket' });
  });

  it('names a broken config file in one problem line and keeps going', () => {
    const files = memoryFiles({ [`${lxcDir}/config.yml`]: 'remotes: [unclosed', '/var/lib/incus/unix.socket': '' });
    const { contexts, problems } = discoverLxdContexts({ env: {}, home }, files);
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^lxc config ${lxcDir}/config.yml: .*not valid YAML`))]);
    expect(contexts.map((context) => context.name)).toEqual(['incus:local']);
  });

  it('turns --server into settings: the pinned remote with the same address, or a clear refusal', () => {
    const files = memoryFiles({ [`${lxcDir}/config.yml`]: LXC_CONFIG, [`${lxcDir}/client.crt`]: 'c', [`${lxcDir}/servercerts/prod.crt`]: 's', '/var/lib/lxd/unix.socket': '' });
    expect(lxdSettingsFromServer('https://10.0.0.5', { env: {}, home }, files).endpoint).toMatchObject({ serverCertFile: `${lxcDir}/servercerts/prod.crt` });
    expect(lxdSettingsFromServer('unix://', { env: {}, home }, files)).toEqual({ adapter: 'lxd', context: 'unix:///var/lib/lxd/unix.socket', endpoint: { kind: 'unix', socketPath: '/var/lib/lxd/unix.socket' } });
    let error: unknown;
    try {
      lxdSettingsFromServer('https://other:8443', { env: {}, home: '/nobody' }, memoryFiles({}));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TokenTuiError);
    expect(error).toMatchObject({ kind: 'validation', field: 'server', hint: expect.stringMatching(/lxc remote add NAME https:\/\/other:8443/) });
  });
});
