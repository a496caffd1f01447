// The kubeconfigs this repository writes (scripts/k8s/up.sh for the real control plane, the CLI
// harness for the fake one) must take parseSimpleYaml's fast path, or every start of the benchmark
// and of the CLI tests would quietly load js-yaml again.
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseSimpleYaml } from '../../src/kube/simple-yaml.ts';
import { writeKubeconfig } from '../cli/harness.ts';
import { putClusterInfo } from '../cli/fake-cluster-fixture.ts';
import type { FakeApiserver } from '../support/fake-apiserver.ts';

const upSh = readFileSync(new URL('../../scripts/k8s/up.sh', import.meta.url), 'utf8');
const CA_DATA = Buffer.from('fake ca').toString('base64');
const shellVariables: Readonly<Record<string, string>> = { SERVER: 'https://127.0.0.1:36443', CA_DATA, '2': 'admin', '3': 'admin-token-123' };
const expand = (text: string) => text.replace(/\$(\w+)/g, (whole, name: string) => shellVariables[name] ?? whole);

/** up.sh's write_kubeconfig heredoc with its variables filled in. */
function upShKubeconfig(): string {
  const heredoc = /write_kubeconfig\(\) \{[^\n]*\n\s*cat > "\$1" <<EOF\n([\s\S]*?)\nEOF\n/.exec(upSh)?.[1];
  if (heredoc === undefined) throw new Error('write_kubeconfig heredoc not found in scripts/k8s/up.sh');
  return `${expand(heredoc)}\n`;
}

/** up.sh's kube-public/cluster-info kubeconfig (a double-quoted shell string). */
function upShClusterInfo(): string {
  const quoted = /CLUSTER_INFO_KUBECONFIG="((?:[^"\\]|\\.)*)"/.exec(upSh)?.[1];
  if (quoted === undefined) throw new Error('CLUSTER_INFO_KUBECONFIG not found in scripts/k8s/up.sh');
  return expand(quoted.replace(/\\(.)/g, '$1'));
}

function harnessKubeconfig(): string {
  const fixture = writeKubeconfig({ url: 'https://127.0.0.1:41234', caPem: 'fake ca' } as FakeApiserver, ['fake-admin', 'staging']);
  try {
    return readFileSync(fixture.path, 'utf8');
  } finally {
    fixture.remove();
  }
}

function fakeClusterInfo(): string {
  let kubeconfig: string | undefined;
  putClusterInfo({ put: (_kind: string, object: { data: { kubeconfig: string } }) => (kubeconfig = object.data.kubeconfig) } as unknown as FakeApiserver);
  if (kubeconfig === undefined) throw new Error('putClusterInfo stored no kubeconfig');
  return kubeconfig;
}

describe('kubeconfigs written by this repository take the fast path', () => {
  it.each([
    ['scripts/k8s/up.sh write_kubeconfig', upShKubeconfig],
    ['scripts/k8s/up.sh cluster-info', upShClusterInfo],
    ['test/cli/harness.ts writeKubeconfig', harnessKubeconfig],
    ['test/cli/fake-cluster-fixture.ts putClusterInfo', fakeClusterInfo],
  ])('%s', (_, write) => {
    const text = write();
    expect(text).toContain('certificate-authority-data: ');
    const fast = parseSimpleYaml(text);
    expect(fast).not.toBeUndefined();
    expect(fast).toStrictEqual(load(text));
  });
});
