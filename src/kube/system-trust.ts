// The OS trust store, which kubectl (Go's crypto/x509) uses when a kubeconfig names no
// certificate-authority. Node trusts only its own Mozilla bundle unless told otherwise; since
// Node 23.10/22.15, tls.getCACertificates('system') reads the OS store (on Linux OpenSSL's
// default file and directory, which SSL_CERT_FILE and SSL_CERT_DIR override, as they do for Go).
// Reading it costs 25-50 ms for ~300 certificates on this machine, so it is read only when a
// connection needs it, and once.
import { nodeTls } from './node-builtins.ts';

let systemPem: string | undefined;

/**
 * The OS store's certificates as one PEM bundle; undefined when this Node cannot read it or it
 * is empty (then Node's own bundle applies, which is what a Node without this support trusts).
 */
export function systemCaPem(): string | undefined {
  if (systemPem === undefined) {
    const tls = nodeTls() as { getCACertificates?: (type: 'system') => string[] };
    const certificates = tls.getCACertificates?.('system') ?? [];
    systemPem = certificates.join('\n');
  }
  return systemPem === '' ? undefined : systemPem;
}

/** Where the OS store is read from, for messages that tell the user where to add a CA. */
export function systemTrustLocation(env: Readonly<Record<string, string | undefined>>): string {
  const overrides = ['SSL_CERT_FILE', 'SSL_CERT_DIR'].filter((name) => (env[name] ?? '') !== '').map((name) => `${name}=${env[name]}`);
  return overrides.length > 0 ? overrides.join(', ') : 'the OS trust store (/etc/ssl/certs)';
}
