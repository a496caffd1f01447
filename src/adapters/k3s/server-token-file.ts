// The old server token for a rotation, read where `k3s token rotate` reads it
// (`<data-dir>/server/token`). When it is not readable the caller asks
// for it with a masked prompt; the token is never echoed or stored by tokentui.
import { nodeFsPromises } from '../../kube/node-builtins.ts';
import type { ServerTokenFileRead } from '../server-token.ts';

export const K3S_SERVER_TOKEN_FILE = '/var/lib/rancher/k3s/server/token';

export async function readServerTokenFile(path: string = K3S_SERVER_TOKEN_FILE): Promise<ServerTokenFileRead> {
  let text: string;
  try {
    text = await nodeFsPromises().readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file: this is not a k3s server node'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied: run as root, or enter the token at the prompt'
          : `cannot read it (${code ?? String(error)})`;
    return { found: false, path, reason };
  }
  // k3s trims the file the same way when it reads it back (ReadTokenFromFile).
  const token = text.trim();
  return token === '' ? { found: false, path, reason: 'the file is empty' } : { found: true, path, token };
}
