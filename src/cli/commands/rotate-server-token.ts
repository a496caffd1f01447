// `tokentui rotate --server-token [--confirm HOST:PORT]`: k3s's native server-token rotation
// driven by the adapter's plan. Prints the impact (servers,
// agents, snapshots that need the OLD token, unknowns) and the post-rotation checklist; sends
// the PUT only with --confirm equal to the supervisor's host:port (else exit 3, nothing sent).
//
// The old token comes from /var/lib/rancher/k3s/server/token, else from $TOKENTUI_K3S_OLD_TOKEN
// (the non-interactive way in: a flag would put the token in `ps` output), else, on a terminal,
// from a masked prompt (src/cli/secret-prompt.ts). It is never echoed nor stored. The new token
// is generated (32 hex characters) and printed exactly once. After the rotation its checklist
// is kept in the rotation journal until ticked off (server-token-checklist.ts).
import type { TokenAdapter } from '../../adapters/contract.ts';
import { supports, type AdapterWith } from '../../adapters/operations/capabilities.ts';
import type { ServerTokenRotationPlan } from '../../adapters/server-token.ts';
import { ExitCode, isTokenTuiError, TokenTuiError } from '../../core/errors.ts';
import { usageError } from '../args.ts';
import { startMutationAudit, type MutationAuditEntry } from '../audit-context.ts';
import { warn } from '../exit.ts';
import type { CliIo, TextSink } from '../io.ts';
import { promptHidden } from '../secret-prompt.ts';
import type { CommandRun } from './command-run.ts';
import { keepChecklist, openCliChecklists, printEarlierChecklists, runServerTokenChecklist } from './server-token-checklist.ts';

export const OLD_SERVER_TOKEN_ENV = 'TOKENTUI_K3S_OLD_TOKEN';
export const OLD_SERVER_TOKEN_PROMPT = 'Old k3s server token (input hidden): ';
const HELP = "run 'tokentui rotate --help'";
/** The audit record's token id: the server token has no id, and its value must never be recorded. */
const AUDIT_SUBJECT = 'server-token';

type RotatingAdapter = AdapterWith<'serverToken'>;

function withServerToken(adapter: TokenAdapter): RotatingAdapter {
  if (supports(adapter, 'serverToken')) return adapter;
  throw usageError(`--server-token needs the k3s adapter (--adapter k3s); this is the ${adapter.id} adapter`, HELP);
}

/** The process's own terminal; src/process-main.ts does not hand stdin over (isatty(0) only). */
const processHiddenReader = (stderr: TextSink) => (prompt: string) => promptHidden(prompt, process.stdin, stderr);

async function oldServerToken(adapter: RotatingAdapter, io: Pick<CliIo, 'env' | 'stdinIsTTY' | 'readHidden' | 'stderr'>): Promise<string> {
  const file = await adapter.serverToken.readTokenFile();
  if (file.found) return file.token;
  const fromEnv = io.env[OLD_SERVER_TOKEN_ENV]?.trim() ?? '';
  if (fromEnv !== '') return fromEnv;
  if (io.stdinIsTTY) {
    io.stderr.write(`${file.path} is not readable (${file.reason}) and $${OLD_SERVER_TOKEN_ENV} is not set.\n`);
    const typed = await (io.readHidden ?? processHiddenReader(io.stderr))(OLD_SERVER_TOKEN_PROMPT);
    if (typed === null) throw new TokenTuiError('confirmation-required', 'aborted at the old server token prompt; nothing was sent');
    if (typed !== '') return typed;
    throw usageError('no old server token was entered; nothing was sent', `paste the contents of ${file.path} (K10<hash>::server:<password>) at the prompt`);
  }
  throw usageError(
    `the old server token is needed: ${file.path} is not readable (${file.reason}) and $${OLD_SERVER_TOKEN_ENV} is not set`,
    `run on a k3s server as root, set ${OLD_SERVER_TOKEN_ENV} to the contents of ${file.path} (K10<hash>::server:<password>), or run on a terminal to be prompted`,
  );
}

function printPlan(out: TextSink, plan: ServerTokenRotationPlan): void {
  const { impact } = plan;
  out.write(`Rotating the k3s server token through ${plan.supervisor} (CA pinned by ${plan.pinnedBy}, old token hash ${plan.oldTokenHash})\n`);
  out.write(`Impact: ${impact.servers.length} server(s), ${impact.agents.length} agent(s), ${impact.snapshots.needOldToken.length} snapshot(s) needing the OLD token\n`);
  for (const item of impact.items) out.write(`  - ${item.subject}: ${item.detail}\n`);
  if (impact.snapshots.olderTokens.length > 0) {
    out.write(`  (${impact.snapshots.olderTokens.length} other snapshot(s) were taken under even older tokens)\n`);
  }
  for (const unknown of impact.unknowns) out.write(`  ? ${unknown}\n`);
}

function printChecklist(out: TextSink, plan: ServerTokenRotationPlan, heading: string): void {
  out.write(`${heading}\n`);
  for (const item of plan.checklist) out.write(`  [ ] ${item.subject}: ${item.text}\n`);
}

function auditImpact(plan: ServerTokenRotationPlan): MutationAuditEntry['impact'] {
  const { impact } = plan;
  const summary = `${impact.servers.length} server(s), ${impact.agents.length} agent(s) to restart; ${impact.snapshots.needOldToken.length} snapshot(s) need the old token (hash ${plan.oldTokenHash})`;
  return { severity: 'high', items: impact.items.length, summary };
}

export const runRotateServerToken: CommandRun = async (context) => {
  const { invocation, io, clock, openAdapter } = context;
  if (!invocation.options.serverToken) throw usageError('--checklist and --done go with --server-token', HELP);
  if (invocation.positionals.length > 0) throw usageError('--server-token takes no token ID', HELP);
  if (invocation.options.ttl !== undefined) throw usageError('--ttl does not apply to --server-token', HELP);
  if (invocation.output !== 'text') throw usageError('-o json is not supported with --server-token', HELP);
  if (invocation.options.checklist || invocation.options.done !== undefined) return runServerTokenChecklist(context);
  if (invocation.globals.readonly) {
    throw new TokenTuiError('confirmation-required', 'read-only mode: rotating the server token is a mutation; nothing was sent', { hint: 'run without --readonly' });
  }
  const opened = await openAdapter();
  try {
    const adapter = withServerToken(opened);
    const target = { adapter: adapter.id, ...adapter.target };
    printEarlierChecklists(io.stdout, openCliChecklists(io.env).listOpen(target));
    const plan = await adapter.serverToken.plan({ oldToken: await oldServerToken(adapter, io) });
    printPlan(io.stdout, plan);
    printChecklist(io.stdout, plan, 'After the rotation:');
    const audit = startMutationAudit(io, adapter, clock);
    const entry = { action: 'rotate', tokenId: AUDIT_SUBJECT, impact: auditImpact(plan) } as const;
    const typed = invocation.options.confirm;
    if (typed !== plan.confirmationText) {
      audit.record({ ...entry, confirmation: 'none', outcome: 'refused' });
      const why = typed === undefined ? 'no --confirm given' : `--confirm does not match ${plan.confirmationText}`;
      throw new TokenTuiError('confirmation-required', `${why}; nothing was sent`, { hint: `rerun with --confirm ${plan.confirmationText} to rotate the server token` });
    }
    let result;
    try {
      result = await adapter.serverToken.rotate(plan, typed);
    } catch (error) {
      audit.record({ ...entry, confirmation: 'flag', outcome: 'failure', error: isTokenTuiError(error) ? error.message : String(error) });
      throw error;
    }
    audit.record({ ...entry, confirmation: 'flag', outcome: 'success' });
    io.stdout.write(`Rotated. New server token (shown once, store it now):\n${adapter.serverToken.reveal(plan)}\n`);
    printChecklist(io.stdout, plan, 'Now, by hand:');
    const notKept = keepChecklist(io.env, { target, supervisor: result.supervisor, oldTokenHash: result.oldTokenHash, newTokenHash: result.newTokenHash, rotatedAt: result.rotatedAt, items: result.checklist });
    if (notKept === null) {
      io.stdout.write('The checklist is kept in the rotation journal: tokentui rotate --server-token --checklist lists it, --done N ticks item N off.\n');
      return audit.exitCode(0);
    }
    warn(io.stderr, `${notKept}; the checklist above was NOT kept: note it now`);
    return audit.exitCode(ExitCode.backend);
  } finally {
    await opened.close?.();
  }
};
