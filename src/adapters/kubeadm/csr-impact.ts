// Kubelet CSRs made with a bootstrap token, as impact items:
// pending ones are joins that fail when the token goes; approved ones are nodes that joined and
// keep working. The CSR cleaner deletes approved CSRs about an hour after approval, so older joins
// are invisible: the preview always says so.
import type { ImpactItem, ImpactItemKind } from '../../core/impact.ts';
import { nodeNameFromCommonName, subjectFromSpecRequest } from './csr-subject.ts';

export const CSR_RETENTION_UNKNOWN =
  'CSRs are garbage-collected about 1 hour after approval: nodes that joined earlier cannot be attributed to this token';

/** The parts of a certificates.k8s.io/v1 CertificateSigningRequest the preview reads. */
export interface CsrObject {
  readonly metadata?: { readonly name?: string };
  readonly spec?: { readonly username?: string; readonly request?: string };
  readonly status?: { readonly conditions?: readonly { readonly type?: string }[] };
}

function csrState(csr: CsrObject): 'pending' | 'approved' | 'denied' {
  const types = new Set((csr.status?.conditions ?? []).map((condition) => condition.type));
  if (types.has('Denied')) return 'denied';
  return types.has('Approved') ? 'approved' : 'pending';
}

function csrSubject(csr: CsrObject): string {
  const commonName = subjectFromSpecRequest(csr.spec?.request ?? '')?.commonName;
  if (commonName) return nodeNameFromCommonName(commonName) ?? commonName;
  return `CSR ${csr.metadata?.name ?? '(unnamed)'} (subject unreadable)`;
}

/** One item per node and state, however many CSRs a retrying kubelet made. */
export function csrImpactItems(csrs: readonly CsrObject[]): ImpactItem[] {
  const groups = new Map<string, { kind: ImpactItemKind; subject: string; names: string[] }>();
  for (const csr of csrs) {
    const state = csrState(csr);
    if (state === 'denied') continue;
    const kind: ImpactItemKind = state === 'pending' ? 'join-in-progress' : 'joined-keeps-working';
    const subject = csrSubject(csr);
    const group = groups.get(`${kind}\n${subject}`) ?? { kind, subject, names: [] };
    group.names.push(csr.metadata?.name ?? '(unnamed)');
    groups.set(`${kind}\n${subject}`, group);
  }
  return [...groups.values()].map(({ kind, subject, names }) => {
    const csrList = `${names.length === 1 ? 'CSR' : 'CSRs'} ${names.join(', ')}`;
    const detail =
      kind === 'join-in-progress'
        ? `${csrList} pending: this join will fail`
        : `${csrList} approved: the node keeps working, it authenticates with its own certificate`;
    return { kind, subject, detail };
  });
}
