// The PKI of the emulated k3s supervisor, made with openssl at test time: a self-signed CA (what
// k3s generates for itself), or a root -> intermediate chain (a custom CA), and a serving
// certificate for 127.0.0.1. EC P-256 keys, as k3s uses.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface K3sPki {
  readonly caBundle: Buffer;
  readonly key: Buffer;
  readonly certChain: Buffer;
}

function openssl(dir: string, args: readonly string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

function makeCa(dir: string, name: string, issuer?: string): void {
  const caExtensions = ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign', 'subjectKeyIdentifier=hash'];
  if (issuer === undefined) {
    const addext = caExtensions.flatMap((extension) => ['-addext', extension]);
    openssl(dir, ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.crt`, '-subj', `/CN=${name}@${Date.now()}`, '-days', '3650', ...addext]);
    return;
  }
  writeFileSync(join(dir, `${name}.ext`), `${caExtensions.join('\n')}\nauthorityKeyIdentifier=keyid\n`);
  openssl(dir, ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}@${Date.now()}`]);
  openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', `${issuer}.crt`, '-CAkey', `${issuer}.key`, '-set_serial', '2', '-days', '3650', '-extfile', `${name}.ext`, '-out', `${name}.crt`]);
}

/** A CA (or root -> intermediate) and a serving certificate for 127.0.0.1, made by openssl now. */
export function generateK3sPki(chain: boolean): K3sPki {
  const dir = mkdtempSync(join(tmpdir(), 'k3s-supervisor-pki-'));
  try {
    makeCa(dir, 'k3s-server-ca');
    const signer = chain ? 'k3s-intermediate-ca' : 'k3s-server-ca';
    if (chain) makeCa(dir, signer, 'k3s-server-ca');
    writeFileSync(join(dir, 'serving.ext'), 'basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n');
    openssl(dir, ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'serving.key', '-out', 'serving.csr', '-subj', '/CN=k3s']);
    openssl(dir, ['x509', '-req', '-in', 'serving.csr', '-CA', `${signer}.crt`, '-CAkey', `${signer}.key`, '-set_serial', '3', '-days', '365', '-extfile', 'serving.ext', '-out', 'serving.crt']);
    const read = (file: string) => readFileSync(join(dir, file));
    const caBundle = chain ? Buffer.concat([read('k3s-intermediate-ca.crt'), read('k3s-server-ca.crt')]) : read('k3s-server-ca.crt');
    const certChain = chain ? Buffer.concat([read('serving.crt'), read('k3s-intermediate-ca.crt')]) : read('serving.crt');
    return { caBundle, key: read('serving.key'), certChain };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
