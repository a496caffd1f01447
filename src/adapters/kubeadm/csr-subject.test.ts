import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { derFromPem, nodeNameFromCommonName, parseCsrSubject, subjectFromSpecRequest } from './csr-subject.ts';

/** A real PKCS#10 request from `openssl req -new` (EC keys: a few ms each). */
function opensslCsr(subject: string, extraArgs: string[] = []): string {
  return execFileSync(
    'openssl',
    ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', '/dev/null', '-subj', subject, ...extraArgs],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
}

/** What the Kubernetes API returns in `spec.request`: the PEM text, base64 again by JSON. */
const asSpecRequest = (pem: string) => Buffer.from(pem, 'utf8').toString('base64');

// Tiny DER builder for the string types openssl does not emit by default.
function tlv(tag: number, content: Uint8Array): Uint8Array {
  const length = content.length < 0x80 ? [content.length] : [0x81, content.length];
  return Uint8Array.from([tag, ...length, ...content]);
}
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));
const OID_CN = Uint8Array.from([0x55, 0x04, 0x03]);
function requestWithCn(stringTag: number, value: Uint8Array): Uint8Array {
  const attribute = tlv(0x30, concat(tlv(0x06, OID_CN), tlv(stringTag, value)));
  const name = tlv(0x30, tlv(0x31, attribute));
  const info = tlv(0x30, concat(tlv(0x02, Uint8Array.from([0])), name));
  return tlv(0x30, info);
}

describe('parseCsrSubject on openssl output', () => {
  it('reads the kubelet subject CN and O', () => {
    const pem = opensslCsr('/O=system:nodes/CN=system:node:e2e-node-1');
    const subject = subjectFromSpecRequest(asSpecRequest(pem));
    expect(subject).toEqual({ commonName: 'system:node:e2e-node-1', organizations: ['system:nodes'] });
  });

  it('reads several organisations, a multi-valued RDN and a UTF-8 CN', () => {
    const pem = opensslCsr('/O=a-team/O=b-team+CN=system:node:nœud-ü', ['-utf8', '-multivalue-rdn']);
    const der = derFromPem(pem);
    expect(der).not.toBeNull();
    expect(parseCsrSubject(der!)).toEqual({ commonName: 'system:node:nœud-ü', organizations: ['a-team', 'b-team'] });
  });

  it('gives a null CN when the subject has none', () => {
    expect(subjectFromSpecRequest(asSpecRequest(opensslCsr('/O=only-org')))).toEqual({ commonName: null, organizations: ['only-org'] });
  });

  it('accepts raw DER in spec.request as well as PEM', () => {
    const der = derFromPem(opensslCsr('/CN=system:node:raw'))!;
    expect(subjectFromSpecRequest(Buffer.from(der).toString('base64'))?.commonName).toBe('system:node:raw');
  });
});

describe('parseCsrSubject on hand-built DER', () => {
  it('decodes PrintableString and BMPString values', () => {
    expect(parseCsrSubject(requestWithCn(0x13, Buffer.from('system:node:printable', 'latin1'))).commonName).toBe('system:node:printable');
    const bmp = Buffer.from('system:node:bmp', 'utf16le').swap16();
    expect(parseCsrSubject(requestWithCn(0x1e, bmp)).commonName).toBe('system:node:bmp');
  });

  it('rejects truncated, mis-tagged and indefinite-length input, and the wrapper returns null', () => {
    const good = requestWithCn(0x0c, Buffer.from('system:node:x'));
    expect(() => parseCsrSubject(good.subarray(0, good.length - 3))).toThrow(/runs past|truncated/);
    expect(() => parseCsrSubject(Uint8Array.from([0x31, 0x00]))).toThrow(/expected CertificationRequest/);
    expect(() => parseCsrSubject(Uint8Array.from([0x30, 0x80, 0x00, 0x00]))).toThrow(/length form/);
    expect(subjectFromSpecRequest(Buffer.from('not a csr').toString('base64'))).toBeNull();
    expect(subjectFromSpecRequest(asSpecRequest('-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----'))).toBeNull();
  });
});

describe('nodeNameFromCommonName', () => {
  it('strips system:node: and refuses anything else', () => {
    expect(nodeNameFromCommonName('system:node:worker-1')).toBe('worker-1');
    expect(nodeNameFromCommonName('system:node:')).toBeNull();
    expect(nodeNameFromCommonName('worker-1')).toBeNull();
  });
});
