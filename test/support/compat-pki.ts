// A private PKI made by openssl for the kubeconfig compatibility tests: one CA that signs the
// fake apiserver's serving certificate (valid for 127.0.0.1, localhost, apiserver.test, the
// machine's own host name and proxy.test) and client certificates; a second, unrelated CA for the
// rows where the wrong one is trusted. EC P-256 keys, which Go and Node both accept.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export interface CompatPki {
  readonly dir: string;
  /** The private CA (PEM) and its file. */
  readonly caPem: string;
  readonly caFile: string;
  /** A CA that signed nothing here. */
  readonly otherCaPem: string;
  readonly serverCertPem: string;
  readonly serverKeyPem: string;
  /** A client certificate with this common name (made on first use). */
  client(commonName: string): { certPem: string; keyPem: string; certFile: string; keyFile: string };
}

function openssl(dir: string, args: readonly string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

function makeCa(dir: string, name: string): void {
  const extensions = ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign'].flatMap((value) => ['-addext', value]);
  openssl(dir, ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.crt`, '-subj', `/CN=${name}`, '-days', '30', ...extensions]);
}

let serial = 10;

function sign(dir: string, name: string, subject: string, extensions: string): void {
  writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl(dir, ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject]);
  serial += 1;
  openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', String(serial), '-days', '30', '-extfile', `${name}.ext`, '-out', `${name}.crt`]);
}

export function createCompatPki(dir: string): CompatPki {
  mkdirSync(dir, { recursive: true });
  makeCa(dir, 'ca');
  makeCa(dir, 'other-ca');
  const names = ['localhost', 'apiserver.test', 'proxy.test', hostname()].map((name) => `DNS:${name}`).join(',');
  sign(dir, 'serving', '/CN=compat-apiserver', `basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,${names}\n`);
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  const clients = new Map<string, { certPem: string; keyPem: string; certFile: string; keyFile: string }>();
  return {
    dir,
    caPem: read('ca.crt'),
    caFile: join(dir, 'ca.crt'),
    otherCaPem: read('other-ca.crt'),
    serverCertPem: read('serving.crt'),
    serverKeyPem: read('serving.key'),
    client(commonName) {
      const known = clients.get(commonName);
      if (known !== undefined) return known;
      const name = `client-${clients.size}`;
      sign(dir, name, `/O=system:masters/CN=${commonName}`, 'basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n');
      const made = { certPem: read(`${name}.crt`), keyPem: read(`${name}.key`), certFile: join(dir, `${name}.crt`), keyFile: join(dir, `${name}.key`) };
      clients.set(commonName, made);
      return made;
    },
  };
}
