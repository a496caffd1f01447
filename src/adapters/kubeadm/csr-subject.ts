// The subject of a PKCS#10 CertificationRequest (RFC 2986), read with a minimal DER walker.
// node:crypto parses X.509 certificates but not CSRs, and the impact preview only needs the
// subject CN of a kubelet's request (`system:node:<name>`), so a full ASN.1 library is overkill.
//
// CertificationRequest ::= SEQUENCE { certificationRequestInfo, signatureAlgorithm, signature }
// CertificationRequestInfo ::= SEQUENCE { version INTEGER, subject Name, subjectPKInfo, [0] attributes }
// Name ::= SEQUENCE OF SET OF SEQUENCE { type OBJECT IDENTIFIER, value ANY }

const TAG_INTEGER = 0x02;
const TAG_OID = 0x06;
const TAG_SEQUENCE = 0x30;
const TAG_SET = 0x31;

const OID_COMMON_NAME = '2.5.4.3';
const OID_ORGANIZATION = '2.5.4.10';
const NODE_CN_PREFIX = 'system:node:';

export interface CsrSubject {
  readonly commonName: string | null;
  readonly organizations: readonly string[];
}

interface DerElement {
  readonly tag: number;
  /** Offset of the contents (after tag and length). */
  readonly start: number;
  /** Offset just past the contents. */
  readonly end: number;
}

class DerError extends Error {}

function readElement(der: Uint8Array, offset: number, limit: number): DerElement {
  if (offset + 2 > limit) throw new DerError(`truncated element at offset ${offset}`);
  const tag = der[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError(`multi-byte tag at offset ${offset}`);
  let length = der[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const lengthBytes = length & 0x7f;
    // 0x80 is BER's indefinite length, which DER forbids; 4 bytes already allow 4 GiB.
    if (lengthBytes === 0 || lengthBytes > 4) throw new DerError(`unsupported length form at offset ${offset}`);
    if (start + lengthBytes > limit) throw new DerError(`truncated length at offset ${offset}`);
    length = 0;
    for (let index = 0; index < lengthBytes; index++) length = length * 256 + der[start + index]!;
    start += lengthBytes;
  }
  const end = start + length;
  if (end > limit) throw new DerError(`element at offset ${offset} runs past its container`);
  return { tag, start, end };
}

function expectElement(der: Uint8Array, offset: number, limit: number, tag: number, what: string): DerElement {
  const element = readElement(der, offset, limit);
  if (element.tag !== tag) {
    throw new DerError(`expected ${what} (tag 0x${tag.toString(16)}) at offset ${offset}, found 0x${element.tag.toString(16)}`);
  }
  return element;
}

function children(der: Uint8Array, parent: DerElement): DerElement[] {
  const result: DerElement[] = [];
  for (let offset = parent.start; offset < parent.end; ) {
    const child = readElement(der, offset, parent.end);
    result.push(child);
    offset = child.end;
  }
  return result;
}

function decodeOid(bytes: Uint8Array): string {
  const arcs: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    }
  }
  const first = arcs.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs].join('.');
}

/** The directory-string types X.520 allows for CN and O. */
function decodeDirectoryString(tag: number, bytes: Uint8Array): string | null {
  switch (tag) {
    case 0x0c: // UTF8String
      return new TextDecoder('utf-8').decode(bytes);
    case 0x13: // PrintableString
    case 0x16: // IA5String
    case 0x14: // TeletexString, in practice Latin-1
      return new TextDecoder('latin1').decode(bytes);
    case 0x1e: // BMPString: UTF-16BE
      return new TextDecoder('utf-16be').decode(bytes);
    default:
      return null;
  }
}

/** Subject CN and O values of a DER-encoded PKCS#10 request; throws on malformed DER. */
export function parseCsrSubject(der: Uint8Array): CsrSubject {
  const request = expectElement(der, 0, der.length, TAG_SEQUENCE, 'CertificationRequest');
  const info = expectElement(der, request.start, request.end, TAG_SEQUENCE, 'CertificationRequestInfo');
  const version = expectElement(der, info.start, info.end, TAG_INTEGER, 'version');
  const name = expectElement(der, version.end, info.end, TAG_SEQUENCE, 'subject Name');

  let commonName: string | null = null;
  const organizations: string[] = [];
  for (const relativeName of children(der, name)) {
    if (relativeName.tag !== TAG_SET) throw new DerError('subject RDN is not a SET');
    for (const attribute of children(der, relativeName)) {
      if (attribute.tag !== TAG_SEQUENCE) throw new DerError('subject attribute is not a SEQUENCE');
      const type = expectElement(der, attribute.start, attribute.end, TAG_OID, 'attribute type');
      const value = readElement(der, type.end, attribute.end);
      const oid = decodeOid(der.subarray(type.start, type.end));
      const text = decodeDirectoryString(value.tag, der.subarray(value.start, value.end));
      if (text === null) continue;
      // Go's pkix takes the last CN when several are present; do the same.
      if (oid === OID_COMMON_NAME) commonName = text;
      else if (oid === OID_ORGANIZATION) organizations.push(text);
    }
  }
  return { commonName, organizations };
}

const PEM_BLOCK = /-----BEGIN (?:NEW )?CERTIFICATE REQUEST-----([\s\S]*?)-----END (?:NEW )?CERTIFICATE REQUEST-----/;

/** DER bytes of a PEM "CERTIFICATE REQUEST" block, or null when the text holds none. */
export function derFromPem(pem: string): Uint8Array | null {
  const match = PEM_BLOCK.exec(pem);
  if (!match || match[1] === undefined) return null;
  return Buffer.from(match[1].replace(/\s+/g, ''), 'base64');
}

/**
 * The subject of a CSR's `spec.request` as the Kubernetes API returns it (JSON base64 of the PEM
 * text), or null when it cannot be read: one odd CSR must not break a whole preview.
 */
export function subjectFromSpecRequest(specRequest: string): CsrSubject | null {
  try {
    const decoded = Buffer.from(specRequest, 'base64');
    const der = derFromPem(decoded.toString('latin1')) ?? decoded;
    return parseCsrSubject(der);
  } catch (error) {
    if (error instanceof DerError || error instanceof RangeError || error instanceof TypeError) return null;
    throw error;
  }
}

/** `system:node:worker-1` -> `worker-1`; null for any other CN. */
export function nodeNameFromCommonName(commonName: string): string | null {
  return commonName.startsWith(NODE_CN_PREFIX) && commonName.length > NODE_CN_PREFIX.length
    ? commonName.slice(NODE_CN_PREFIX.length)
    : null;
}
