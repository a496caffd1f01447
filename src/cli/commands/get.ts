// `tokentui get ID [ID...]`: every field of each token (never a secret), in any -o format, as
// `kubectl get NAME...`. Ids are checked before anything is read; each is read on its own. The
// tokens that exist are printed, each missing one is an error line, and then the exit code is 4.
import { ExitCode, isTokenTuiError } from '../../core/errors.ts';
import type { Token } from '../../core/token.ts';
import { reportError } from '../exit.ts';
import { tokenView } from '../render/token-view.ts';
import { writeItems } from '../render/write-items.ts';
import type { CommandRun } from './command-run.ts';

export const runGet: CommandRun = async ({ invocation, io, clock, openAdapter }) => {
  const ids = [...new Set(invocation.positionals)];
  const adapter = await openAdapter();
  try {
    const found: Token[] = [];
    const missing: unknown[] = [];
    for (const id of ids) {
      try {
        found.push(await adapter.get(id));
      } catch (error) {
        if (!isTokenTuiError(error) || error.kind !== 'not-found') throw error;
        missing.push(error);
      }
    }
    if (found.length > 0) await writeItems(tokenView(found, clock.now(), { single: ids.length === 1, withFields: true }), invocation, io.stdout);
    for (const error of missing) reportError(error, io.stderr, io.env);
    return missing.length > 0 ? ExitCode.notFound : ExitCode.ok;
  } finally {
    await adapter.close?.();
  }
};
