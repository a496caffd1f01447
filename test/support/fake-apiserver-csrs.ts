// The CertificateSigningRequests the fake apiserver lists (cluster-scoped, list only): what the
// kubeadm impact preview reads to find the nodes that joined with a token.
import { randomUUID } from 'node:crypto';

export const CSR_LIST_PATH = '/apis/certificates.k8s.io/v1/certificatesigningrequests';

export interface FakeCsr {
  readonly metadata: { readonly name: string };
  readonly spec: { readonly username: string; readonly request: string; readonly signerName?: string };
  readonly status?: { readonly conditions?: readonly { readonly type: string; readonly status?: string }[] };
}

type StoredCsr = FakeCsr & { metadata: { uid: string; resourceVersion: string } };

export class CsrStore {
  readonly #csrs = new Map<string, StoredCsr>();

  /** Stores `csr` at `resourceVersion`, keeping its uid if one by that name is stored already. */
  put(csr: FakeCsr, resourceVersion: string): void {
    const existing = this.#csrs.get(csr.metadata.name);
    const metadata = { ...csr.metadata, uid: existing?.metadata.uid ?? randomUUID(), resourceVersion };
    this.#csrs.set(csr.metadata.name, { apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', ...csr, metadata } as never);
  }

  list(resourceVersion: string) {
    return { kind: 'CertificateSigningRequestList', apiVersion: 'certificates.k8s.io/v1', metadata: { resourceVersion }, items: [...this.#csrs.values()] };
  }
}
