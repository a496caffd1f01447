// Where `find` and `revoke --everywhere` get the leaked token: stdin (a pipe or a file), or a
// masked prompt on a terminal; never argv, which lands in shell history and `ps` for everyone on
// the machine to read. An id alone is no secret and may be an argument.
import { looksLikeSecret } from '../config/secret-shape.ts';
import { parseLeakedToken, type LeakedToken } from '../core/leaked-token.ts';
import { TokenTuiError, usageError } from '../core/errors.ts';
import type { CliIo, TextSink } from './io.ts';
import { promptHidden } from './secret-prompt.ts';

/** More than any token or pasted join command; a file that big is not what was meant. */
const MAX_STDIN_BYTES = 64 * 1024;
export const LEAKED_TOKEN_PROMPT = 'Leaked token (input hidden; Enter to search): ';

export function refuseSecretOnArgv(command: string): never {
  throw usageError(
    `a token secret was given on the command line, where it lands in shell history and \`ps\`; nothing was sent`,
    `pipe it (tokentui ${command} < leaked.txt), or run \`tokentui ${command}\` and paste it at the masked prompt; an id alone may be an argument`,
  );
}

function processStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    process.stdin.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_STDIN_BYTES) {
        process.stdin.destroy();
        reject(usageError(`stdin holds more than ${MAX_STDIN_BYTES / 1024} KiB; give the token (or the line it is on), not a whole file`));
        return;
      }
      chunks.push(chunk);
    });
    process.stdin.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.once('error', reject);
  });
}

const processHiddenReader = (stderr: TextSink) => (prompt: string) => promptHidden(prompt, process.stdin, stderr);

/** The leaked token from the argument (an id only), else stdin or the masked prompt. */
export async function readLeakedToken(command: string, positional: string | undefined, io: Pick<CliIo, 'stdinIsTTY' | 'readHidden' | 'readStdin' | 'stderr'>): Promise<LeakedToken> {
  if (positional !== undefined) {
    const parsed = parseLeakedToken(positional);
    if ((parsed.ok && parsed.token.kind !== 'id') || (!parsed.ok && looksLikeSecret(positional))) refuseSecretOnArgv(command);
    if (!parsed.ok) throw usageError(`ID: ${parsed.error}`, `a 6-character token id, or no argument to read the token from stdin or a masked prompt`);
    return parsed.token;
  }
  let text: string | null;
  if (io.stdinIsTTY) {
    text = await (io.readHidden ?? processHiddenReader(io.stderr))(LEAKED_TOKEN_PROMPT);
    if (text === null) throw new TokenTuiError('usage', 'aborted; nothing was searched');
  } else {
    text = await (io.readStdin ?? processStdin)();
  }
  const parsed = parseLeakedToken(text);
  if (!parsed.ok) throw usageError(`the token read from ${io.stdinIsTTY ? 'the prompt' : 'stdin'}: ${parsed.error}`);
  return parsed.token;
}
