// One audit record per mutation the command line attempts (create, revoke; success, failure
// and refusal), with who (OS user and host), where (context, adapter) and when.
//
// A journal that cannot be written must not be swallowed, and must not hide the mutation's own
// result either: the command still prints what it did (a created token's secret exists only
// now), then warns on stderr that the mutation was NOT recorded, and exits non-zero (1 when the
// command would otherwise have succeeded; a more specific non-zero code is kept), so a script
// cannot mistake an unrecorded mutation for a clean run.
import type { TokenAdapter } from '../adapters/contract.ts';
import type { AuditRecord } from '../core/audit.ts';
import type { Clock } from '../core/clock.ts';
import { ExitCode, toTokenTuiError } from '../core/errors.ts';
import { currentOperator, openAuditJournal, type AuditJournal } from '../journals/audit-journal.ts';
import { openRotationJournal, type RotationJournal } from '../journals/rotation-journal.ts';
import type { CliEnv, CliIo } from './io.ts';
import { warn } from './exit.ts';

/** What a command knows about one mutation; the rest of the record comes from here. */
export type MutationAuditEntry = Omit<AuditRecord, 'time' | 'operator' | 'context' | 'adapter' | 'server'>;

export interface MutationAudit {
  /** Appends one record; a write failure is reported on stderr at once, never thrown. */
  record(entry: MutationAuditEntry): void;
  /** The exit code to return: non-zero when a record could not be written. */
  exitCode(code: number): number;
}

/** The journal under io.env's XDG_STATE_HOME (or its HOME), so in-process runs stay hermetic; a target with journals of its own (the demo) names their directory. */
export function openCliJournal(env: CliEnv, stateDir?: string): AuditJournal {
  return openAuditJournal({ env, ...(env.HOME ? { home: env.HOME } : {}), ...(stateDir === undefined ? {} : { stateDir }) });
}

/** The rotation journal under io.env's XDG_STATE_HOME (or its HOME), like the audit journal (the demo's: under its stateDir). */
export function openCliRotationJournal(env: CliEnv, stateDir?: string): RotationJournal {
  return openRotationJournal({ env, ...(env.HOME ? { home: env.HOME } : {}), ...(stateDir === undefined ? {} : { stateDir }) });
}

export function startMutationAudit(io: Pick<CliIo, 'env' | 'stderr'>, adapter: Pick<TokenAdapter, 'id' | 'target'>, clock: Clock): MutationAudit {
  const journal = openCliJournal(io.env, adapter.target.stateDir);
  let unrecorded = false;
  return {
    record(entry) {
      const record: AuditRecord = {
        time: new Date(clock.now()).toISOString(),
        operator: currentOperator(io.env),
        context: adapter.target.context,
        adapter: adapter.id,
        server: adapter.target.server,
        ...entry,
      };
      try {
        journal.append(record);
      } catch (error) {
        unrecorded = true;
        const failure = toTokenTuiError(error, 'audit');
        const what = entry.tokenId === '' ? entry.action : `${entry.action} of token ${entry.tokenId}`;
        warn(io.stderr, `${failure.message}; this ${what} (${entry.outcome}) was NOT recorded`);
        if (failure.hint) io.stderr.write(`hint: ${failure.hint}\n`);
      }
    },
    exitCode(code) {
      return unrecorded && code === ExitCode.ok ? ExitCode.backend : code;
    },
  };
}
