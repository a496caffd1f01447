// What revoking one kubeadm bootstrap token would break, read from the Kubernetes API:
// joins in progress (pending CSRs by system:bootstrap:<id>),
// recent joins (approved CSRs), the cluster-info JWS signature, objects garbage-collected with
// the token Secret, and whether it is the last token that can authenticate joins.
// What cannot be read (RBAC) becomes an `unknown`, never a silent "no impact".
import { BOOTSTRAP_SECRET_TYPE } from '../../core/bootstrap-token.ts';
import type { Clock } from '../../core/clock.ts';
import { isTokenTuiError, TokenTuiError } from '../../core/errors.ts';
import type { ImpactItem, ImpactItemKind, KnownImpact } from '../../core/impact.ts';
import { revisionToFingerprint } from '../../core/fingerprint.ts';
import { tokenStatus } from '../../core/token.ts';
import type { KubeClient } from '../../kube/client.ts';
import { listPages } from '../../kube/paged-list.ts';
import { CSR_RETENTION_UNKNOWN, csrImpactItems, type CsrObject } from './csr-impact.ts';
import { CLUSTER_INFO_PATH } from './join-command.ts';
import { KUBEADM_SOURCE, parseRfc3339, secretNameForId, secretToToken, type SecretObject } from './secret-mapping.ts';
import { SECRETS_PATH } from './tokens-api.ts';
import { byCodeUnits } from '../../core/code-unit-order.ts';

export const CSRS_PATH = '/apis/certificates.k8s.io/v1/certificatesigningrequests';
export const KUBE_SYSTEM_CONFIGMAPS_PATH = '/api/v1/namespaces/kube-system/configmaps';
export const LIST_PAGE_SIZE = 500;
/** The description `kubeadm init phase upload-certs` gives its kubeadm-certs TTL proxy token. */
export const UPLOAD_CERTS_TOKEN_DESCRIPTION = 'Proxy for managing TTL for the kubeadm-certs secret';

interface ObjectMeta {
  readonly name?: string;
  readonly namespace?: string;
  readonly uid?: string;
  readonly resourceVersion?: string;
  readonly ownerReferences?: readonly { readonly uid?: string; readonly kind?: string; readonly name?: string }[];
}

interface MetaObject {
  readonly metadata?: ObjectMeta;
  readonly type?: string;
  readonly data?: Readonly<Record<string, string>>;
}

/** Part of the preview: found items and what could not be found out. */
export interface Finding {
  readonly items: readonly ImpactItem[];
  readonly unknowns: readonly string[];
}

/** Every object of a list, page by page; `keep` filters each page so 5,000 CSRs are never all held. */
export async function listAll<T>(client: KubeClient, path: string, keep: (item: T) => boolean = () => true): Promise<T[]> {
  const kept: T[] = [];
  for await (const page of listPages<T>(client, path, { pageSize: LIST_PAGE_SIZE, source: KUBEADM_SOURCE })) {
    for (const item of page.items) if (keep(item)) kept.push(item);
  }
  return kept;
}

/** A read the user may not be allowed to do becomes an unknown; anything else fails the preview. */
export function unknownOrThrow(error: unknown, what: string): Finding {
  if (isTokenTuiError(error) && (error.kind === 'forbidden' || error.kind === 'not-found' || error.kind === 'unauthorized')) {
    return { items: [], unknowns: [`cannot ${what}: ${error.message}`] };
  }
  throw error;
}

function decodeData(object: MetaObject, key: string): string | undefined {
  const encoded = object.data?.[key];
  return encoded === undefined ? undefined : Buffer.from(encoded, 'base64').toString('utf8');
}

/** Expired tokens cannot authenticate or sign any more; an unparseable expiration counts as expired. */
export function isExpired(secret: SecretObject, nowMs: number): boolean {
  const expiration = decodeData(secret, 'expiration');
  if (expiration === undefined) return false;
  const expiresAt = parseRfc3339(expiration);
  return expiresAt === null || expiresAt <= nowMs;
}

async function findCsrs(client: KubeClient, tokenId: string): Promise<Finding> {
  const username = `system:bootstrap:${tokenId}`;
  try {
    const csrs = await listAll<CsrObject>(client, CSRS_PATH, (csr) => csr.spec?.username === username);
    return { items: csrImpactItems(csrs), unknowns: [CSR_RETENTION_UNKNOWN] };
  } catch (error) {
    const finding = unknownOrThrow(error, 'list CSRs');
    return { items: [], unknowns: [...finding.unknowns, CSR_RETENTION_UNKNOWN] };
  }
}

async function findSignature(client: KubeClient, tokenId: string): Promise<Finding> {
  const key = `jws-kubeconfig-${tokenId}`;
  try {
    const clusterInfo = await client.request<MetaObject>('GET', CLUSTER_INFO_PATH);
    if (clusterInfo.data?.[key] === undefined) return { items: [], unknowns: [] };
    const detail = 'kubeadm join discovery with this token fails once it is gone';
    return { items: [{ kind: 'signature-removed', subject: `kube-public/cluster-info ${key}`, detail }], unknowns: [] };
  } catch (error) {
    return unknownOrThrow(error, 'read kube-public/cluster-info');
  }
}

function ownedBy(uid: string) {
  return (object: MetaObject) => uid !== '' && (object.metadata?.ownerReferences ?? []).some((reference) => reference.uid === uid);
}

function dependentItem(kind: 'Secret' | 'ConfigMap', object: MetaObject, isUploadCertsToken: boolean): ImpactItem {
  const name = object.metadata?.name ?? '(unnamed)';
  const proxyNote = isUploadCertsToken ? " (this is kubeadm's upload-certs TTL proxy token)" : '';
  const detail =
    kind === 'Secret' && (name === 'kubeadm-certs' || isUploadCertsToken)
      ? `Secret garbage-collected with the token: control-plane joins with --certificate-key break${proxyNote}`
      : `${kind} garbage-collected with the token (its ownerReference points at the token Secret)${proxyNote}`;
  return { kind: 'dependent-object', subject: `kube-system/${name}`, detail };
}

/** Dependents, plus the "last token able to authenticate" check, from the kube-system Secrets. */
export async function findDependentsAndLastToken(client: KubeClient, token: SecretObject, nowMs: number): Promise<Finding> {
  const uid = token.metadata?.uid ?? '';
  const isUploadCertsToken = decodeData(token, 'description') === UPLOAD_CERTS_TOKEN_DESCRIPTION;
  const items: ImpactItem[] = [];
  const unknowns: string[] = [];
  // One plain list serves both checks: the bootstrap-token Secrets are a subset of it.
  const [secrets, configMaps] = await Promise.all([
    listAll<MetaObject>(client, SECRETS_PATH).catch((error: unknown) => unknownOrThrow(error, 'list Secrets in kube-system')),
    listAll<MetaObject>(client, KUBE_SYSTEM_CONFIGMAPS_PATH, ownedBy(uid)).catch((error: unknown) =>
      unknownOrThrow(error, 'list ConfigMaps in kube-system'),
    ),
  ]);
  if (Array.isArray(secrets)) {
    for (const secret of secrets.filter(ownedBy(uid))) items.push(dependentItem('Secret', secret, isUploadCertsToken));
    const lastToken = lastAuthenticatingToken(token, secrets, nowMs);
    if (lastToken) items.push(lastToken);
  } else {
    unknowns.push(...secrets.unknowns, 'cannot tell whether another token can still authenticate joins');
  }
  if (Array.isArray(configMaps)) {
    for (const configMap of configMaps) items.push(dependentItem('ConfigMap', configMap, isUploadCertsToken));
  } else {
    unknowns.push(...configMaps.unknowns);
  }
  return { items, unknowns };
}

function canAuthenticate(secret: SecretObject, nowMs: number): boolean {
  const token = secretToToken(secret);
  return tokenStatus(token, nowMs) === 'active' && token.usages.includes('authentication');
}

function lastAuthenticatingToken(token: SecretObject, secrets: readonly MetaObject[], nowMs: number): ImpactItem | null {
  if (!canAuthenticate(token, nowMs)) return null;
  const name = token.metadata?.name;
  const another = secrets.some(
    (secret) => secret.type === BOOTSTRAP_SECRET_TYPE && secret.metadata?.name !== name && canAuthenticate(secret, nowMs),
  );
  if (another) return null;
  const detail = 'last token that can authenticate joins: no node can join until a new token exists';
  return { kind: 'cluster-wide', subject: 'cluster', detail };
}

// Breaking consequences first, informational ones last.
const KIND_ORDER: readonly ImpactItemKind[] = [
  'cluster-wide',
  'dependent-object',
  'join-in-progress',
  'machine-loses-access',
  'signature-removed',
  'joined-keeps-working',
];

function byKindThenSubject(left: ImpactItem, right: ImpactItem): number {
  return KIND_ORDER.indexOf(left.kind) - KIND_ORDER.indexOf(right.kind) || byCodeUnits(left.subject, right.subject);
}

export async function getTokenSecret(client: KubeClient, tokenId: string): Promise<SecretObject> {
  const name = secretNameForId(tokenId);
  try {
    return await client.request<SecretObject>('GET', `${SECRETS_PATH}/${encodeURIComponent(name)}`);
  } catch (error) {
    if (!isTokenTuiError(error) || error.kind !== 'not-found') throw error;
    throw new TokenTuiError('not-found', `token ${tokenId} not found (no Secret kube-system/${name})`, {
      source: KUBEADM_SOURCE,
      hint: 'list the tokens to see the ids that exist; expired tokens are deleted by tokencleaner',
      httpStatus: error.httpStatus,
      cause: error,
    });
  }
}

/** Reads the token Secret a preview is about; `preview` stamps findings with its fingerprint. */
export async function startTokenPreview(client: KubeClient, tokenId: string, clock: Clock) {
  const token = await getTokenSecret(client, tokenId);
  const fingerprint = revisionToFingerprint({ uid: token.metadata?.uid ?? '', version: token.metadata?.resourceVersion ?? '' });
  const preview = (items: readonly ImpactItem[], unknowns: readonly string[]): KnownImpact => ({
    state: 'known',
    tokenId,
    items,
    unknowns,
    fingerprint,
    computedAt: clock.now(),
  });
  return { token, nowMs: clock.now(), preview };
}

export async function computeKubeadmImpact(client: KubeClient, tokenId: string, clock: Clock): Promise<KnownImpact> {
  const { token, nowMs, preview } = await startTokenPreview(client, tokenId, clock);
  // An expired token can neither authenticate nor sign: deleting it breaks nothing.
  if (isExpired(token, nowMs)) return preview([], []);

  const findings = await Promise.all([
    findCsrs(client, tokenId),
    findSignature(client, tokenId),
    findDependentsAndLastToken(client, token, nowMs),
  ]);
  const items = findings.flatMap((finding) => finding.items).sort(byKindThenSubject);
  return preview(items, findings.flatMap((finding) => finding.unknowns));
}
