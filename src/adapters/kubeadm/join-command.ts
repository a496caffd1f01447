// `kubeadm join` for a new token, the same line `kubeadm token create --print-join-command`
// prints, built from what the joining node will actually see.
//
// Source of the endpoint and CA: kube-public/cluster-info first, because discovery uses it and
// it is what the bootstrapsigner signs. When it is absent or unreadable (404/403: no kubeadm
// init, or RBAC) we fall back to the kubeconfig's server and CA, which is exactly what kubeadm
// itself does for --print-join-command. Only when neither has a CA do we fail.
//
// Whitespace: kubeadm leaves a space after every hash, so its line ends in a space. We print the
// same single line without that trailing space (it only makes copy-paste and comparisons worse).
import { nodeCrypto } from '../../kube/node-builtins.ts';
import { BOOTSTRAP_TOKEN_SECRET_LENGTH } from '../../core/bootstrap-token.ts';
import { isTokenTuiError, TokenTuiError } from '../../core/errors.ts';
import { serverWords } from '../../core/terminal-text.ts';
import { parseYaml } from '../../kube/yaml.ts';
import type { KubeClient } from '../../kube/client.ts';
import { KUBEADM_SOURCE } from './secret-mapping.ts';

export const CLUSTER_INFO_PATH = '/api/v1/namespaces/kube-public/configmaps/cluster-info';

interface ClusterInfoConfigMap {
  readonly data?: { readonly kubeconfig?: string };
}

interface DiscoveryCluster {
  readonly server: string;
  readonly caPem: string;
}

// ---- a minimal DER walker: just enough to cut the SubjectPublicKeyInfo out of a certificate ----

interface DerElement {
  readonly tag: number;
  /** Offset of the first content byte. */
  readonly start: number;
  /** Offset just past the element. */
  readonly end: number;
  /** Offset of the tag byte. */
  readonly headerStart: number;
}

function readElement(der: Uint8Array, offset: number): DerElement {
  const tag = der[offset];
  let lengthByte = der[offset + 1];
  if (tag === undefined || lengthByte === undefined) throw new Error('truncated DER');
  let start = offset + 2;
  let length = lengthByte;
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    if (count === 0 || count > 4) throw new Error('unsupported DER length');
    length = 0;
    for (let index = 0; index < count; index++) {
      lengthByte = der[start + index];
      if (lengthByte === undefined) throw new Error('truncated DER');
      length = length * 256 + lengthByte;
    }
    start += count;
  }
  if (start + length > der.length) throw new Error('truncated DER');
  return { tag, start, end: start + length, headerStart: offset };
}

const SEQUENCE = 0x30;
const EXPLICIT_VERSION = 0xa0;

/** The raw DER SubjectPublicKeyInfo of an X.509 certificate (Go's RawSubjectPublicKeyInfo). */
export function subjectPublicKeyInfoDer(certificateDer: Uint8Array): Uint8Array {
  const certificate = readElement(certificateDer, 0);
  const tbs = readElement(certificateDer, certificate.start);
  if (certificate.tag !== SEQUENCE || tbs.tag !== SEQUENCE) throw new Error('not an X.509 certificate');
  let element = readElement(certificateDer, tbs.start);
  if (element.tag === EXPLICIT_VERSION) element = readElement(certificateDer, element.end);
  // serialNumber, signature, issuer, validity, subject, then subjectPublicKeyInfo.
  for (let skipped = 0; skipped < 5; skipped++) element = readElement(certificateDer, element.end);
  if (element.tag !== SEQUENCE) throw new Error('certificate has no SubjectPublicKeyInfo');
  return certificateDer.subarray(element.headerStart, element.end);
}

/** Every certificate in a PEM bundle, as DER. */
export function pemCertificatesToDer(pem: string): Uint8Array[] {
  const blocks = pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g);
  return [...blocks].map((block) => new Uint8Array(Buffer.from((block[1] ?? '').replace(/\s+/g, ''), 'base64')));
}

/** `sha256:<hex>` per CA certificate: kubeadm's pubkeypin.Hash over the SPKI. */
export function caCertHashes(caPem: string): string[] {
  return pemCertificatesToDer(caPem).map(
    (der) => `sha256:${nodeCrypto().createHash('sha256').update(subjectPublicKeyInfoDer(der)).digest('hex')}`,
  );
}

/** The single line kubeadm prints, minus its trailing space. */
export function formatJoinCommand(server: string, fullToken: string, hashes: readonly string[]): string {
  // kubeadm: strings.Replace(server, "https://", "", -1).
  const endpoint = server.replaceAll('https://', '');
  const pins = hashes.map((hash) => ` --discovery-token-ca-cert-hash ${hash}`).join('');
  return `kubeadm join ${endpoint} --token ${fullToken}${pins}`;
}

interface KubeconfigClusters {
  readonly clusters?: readonly { readonly cluster?: { readonly server?: string; readonly 'certificate-authority-data'?: string } }[];
}

/** Server and CA from cluster-info's `kubeconfig` key; throws when it is not a usable kubeconfig. */
export function parseClusterInfo(kubeconfigYaml: string): DiscoveryCluster {
  const parsed = parseYaml(kubeconfigYaml) as KubeconfigClusters | null;
  const cluster = parsed?.clusters?.[0]?.cluster;
  const caData = cluster?.['certificate-authority-data'];
  if (!cluster?.server || !caData) {
    throw new TokenTuiError('server', 'kube-public/cluster-info has no cluster server and certificate-authority-data', {
      source: KUBEADM_SOURCE,
      hint: 'recreate cluster-info (kubeadm init phase bootstrap-token); kubeadm join discovery needs it too',
    });
  }
  return { server: cluster.server, caPem: Buffer.from(caData, 'base64').toString('utf8') };
}

async function discoveryCluster(client: KubeClient): Promise<DiscoveryCluster> {
  try {
    const configMap = await client.request<ClusterInfoConfigMap>('GET', CLUSTER_INFO_PATH);
    return parseClusterInfo(configMap.data?.kubeconfig ?? '');
  } catch (error) {
    if (!isTokenTuiError(error) || (error.kind !== 'not-found' && error.kind !== 'forbidden')) throw error;
    const { server, caPem } = client.connection;
    if (caPem === undefined || caPem.trim() === '') {
      throw new TokenTuiError('not-found', `kube-public/cluster-info is not readable (${error.kind}) and the kubeconfig has no CA to pin`, {
        source: KUBEADM_SOURCE,
        hint: 'run `kubeadm init phase bootstrap-token` on a control-plane node, or add certificate-authority-data to the kubeconfig',
        cause: error,
      });
    }
    return { server, caPem };
  }
}

/**
 * The endpoint goes into a command the operator pastes into a shell on a new node, and it comes
 * from the cluster (cluster-info is a ConfigMap): it must be an https://host[:port] URL and
 * nothing else, or there is no join command.
 */
export function checkDiscoveryServer(server: string): void {
  if (/^https:\/\/(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?\/?$/.test(server)) return;
  throw new TokenTuiError('server', `kube-public/cluster-info names the server "${serverWords(server)}", which is not an https://host:port URL; no join command is built from it`, {
    source: KUBEADM_SOURCE,
    hint: 'fix the cluster-info ConfigMap (kubeadm init phase bootstrap-token rewrites it)',
  });
}

/** The join shape shown in a token's details: the secret masked, the CA hash a placeholder (no request). */
export function maskedJoinCommand(server: string, tokenId: string): string {
  const endpoint = server.replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');
  const masked = `${tokenId}.${'*'.repeat(BOOTSTRAP_TOKEN_SECRET_LENGTH)}`;
  return `kubeadm join ${endpoint} --token ${masked} --discovery-token-ca-cert-hash sha256:<ca-cert-hash>`;
}

export async function buildJoinCommand(client: KubeClient, fullToken: string): Promise<string> {
  const cluster = await discoveryCluster(client);
  checkDiscoveryServer(cluster.server);
  const hashes = caCertHashes(cluster.caPem);
  if (hashes.length === 0) {
    throw new TokenTuiError('server', 'the cluster CA bundle holds no certificate to pin', { source: KUBEADM_SOURCE });
  }
  return formatJoinCommand(cluster.server, fullToken, hashes);
}
