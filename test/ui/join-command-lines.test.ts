// The result screen's join command is laid out so that a mouse selection of its lines, pasted
// into a shell, is the same command: proven by bash itself, which must read the shown lines into
// exactly the words of the command, for the join commands of each backend at 60, 80 and 120
// columns (a k3s token is wider than 60 columns on its own).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { resultLines, selectableCommand } from '../../src/ui/features/create/result-lines.ts';
import { initialResultView } from '../../src/ui/features/create/result-view.ts';
import { T0, token } from './fixtures.ts';

const KUBEADM = `kubeadm join 10.0.0.1:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:${'ab12'.repeat(16)}`;
const REST = `curl -fsS -X POST 'http://127.0.0.1:7480/api/v1/bootstrap' -H 'content-type: application/json' -d "{\\"token\\":\\"abcdef.0123456789abcdef\\",\\"machine\\":\\"$(hostname)\\"}"`;
const K3S_TOKEN = `K10${'c0ffee'.repeat(10)}abcd::server:${'0123456789abcdef'.repeat(2)}`;
const K3S = `k3s agent --server https://10.0.0.1:6443 --token ${K3S_TOKEN}`;

/** The words bash reads from `text` (one per line), `$(hostname)` left unexpanded by single-quoting nothing: printf shows them. */
function wordsBashReads(text: string): string {
  return execFileSync('bash', ['-c', `hostname() { echo host-x; }\nf() { printf '[%s]\\n' "$@"; }\nf ${text}`], { encoding: 'utf8' });
}

describe('the join command on the result screen', () => {
  it.each([
    ['kubeadm', KUBEADM],
    ['rest', REST],
    ['k3s', K3S],
  ])('%s: the lines shown read back, in bash, as the same command at every width', (_name, command) => {
    const expected = wordsBashReads(command);
    for (const width of [60, 80, 120]) {
      const { lines, cutWords } = selectableCommand(command, width);
      expect(cutWords, `width ${width}`).toBe(false);
      expect(lines.every((line) => [...line].length <= width), `width ${width}`).toBe(true);
      expect(wordsBashReads(lines.join('\n')), `width ${width}`).toBe(expected);
    }
  });

  it('is drawn at the left edge: no indent lands inside a word that continues on the next line', () => {
    const created = { token: token('abcdef', { expiresAt: T0 + 3_600_000 }), secret: 'abcdef.0123456789abcdef' };
    const lines = resultLines({ created, joinCommand: K3S, joinCommandError: null }, initialResultView, 60, '✓ token abcdef created').map((line) => line.text);
    const start = lines.indexOf('Join command') + 1;
    const shown = lines.slice(start, start + selectableCommand(K3S, 60).lines.length);
    expect(shown).toEqual(selectableCommand(K3S, 60).lines);
    expect(wordsBashReads(shown.join('\n'))).toBe(wordsBashReads(K3S));
  });
});
