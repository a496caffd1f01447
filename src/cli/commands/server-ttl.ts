// `tokentui server-ttl [DUR [--confirm NAME]]`: the server-wide token lifetime of a backend that
// sets it on the server instead of per token (capabilities.ttl.serverSetting; lxd's
// cluster.join_token_expiry). Without DUR it shows the setting. With DUR it prints the change and
// makes it only with --confirm equal to the server's name (else exit 3, nothing sent); never
// prompts. The operations layer (operations/server-ttl.ts) records every attempt past the plan.
import { changeServerTtl, describeServerTtlChange, planServerTtl, serverTtlSetting } from '../../adapters/operations/server-ttl.ts';
import type { TokenAdapter } from '../../adapters/contract.ts';
import { parseDuration } from '../../core/duration.ts';
import { ExitCode, TokenTuiError } from '../../core/errors.ts';
import type { ServerTtlSetting } from '../../core/ttl-input.ts';
import { usageError } from '../args.ts';
import { startMutationAudit } from '../audit-context.ts';
import { actedOn, actedOnLine } from '../acted-on.ts';
import { printable } from '../output.ts';
import { dataWriter } from '../render/data-writer.ts';
import type { CommandRun } from './command-run.ts';

const HELP = "run 'tokentui server-ttl --help'";

function requestedSeconds(text: string | undefined): number | null | undefined {
  if (text === undefined) return undefined;
  const parsed = parseDuration(text);
  if (!parsed.ok) throw usageError(`server-ttl: ${parsed.error}`, 'e.g. tokentui server-ttl 45m, 3h or 1d');
  return parsed.seconds;
}

function settingJson(adapter: TokenAdapter, setting: ServerTtlSetting) {
  return { server: adapter.target.server, setting: setting.name, value: setting.value, seconds: adapter.capabilities.ttl.defaultSeconds, covers: setting.covers, confirmation: setting.confirmation };
}

function settingLine(adapter: TokenAdapter, setting: ServerTtlSetting): string {
  return printable(`${setting.name} = ${setting.value} on ${adapter.target.server}: ${setting.covers}`);
}

export const runServerTtl: CommandRun = async ({ invocation, io, clock, openAdapter }) => {
  const [duration] = invocation.positionals;
  const seconds = requestedSeconds(duration);
  if (invocation.options.confirm !== undefined && seconds === undefined) throw usageError('--confirm goes with a new lifetime: tokentui server-ttl DUR --confirm NAME', HELP);
  if (seconds !== undefined && invocation.globals.readonly) {
    throw new TokenTuiError('confirmation-required', 'read-only mode: changing the server\'s token lifetime is a mutation; nothing was sent', { hint: 'run without --readonly' });
  }
  const write = await dataWriter(invocation, io.stdout);
  const adapter = await openAdapter();
  try {
    const setting = serverTtlSetting(adapter);
    const json = write !== undefined;
    if (seconds === undefined) {
      if (json) write(settingJson(adapter, setting));
      else io.stdout.write(`${settingLine(adapter, setting)}\n`);
      return ExitCode.ok;
    }
    const plan = planServerTtl(adapter, seconds);
    if (!json) io.stdout.write(`${actedOnLine(adapter)}${printable(`Change on ${plan.server}: ${describeServerTtlChange(plan)}`)}\n`);
    const audit = startMutationAudit(io, adapter, clock);
    const outcome = await changeServerTtl(adapter, plan, { typed: invocation.options.confirm, confirmation: 'flag', record: (entry) => audit.record(entry) });
    if (outcome.kind === 'refused') {
      const why = invocation.options.confirm === undefined ? 'no --confirm given' : `--confirm does not match the server's name ${outcome.expected}`;
      throw new TokenTuiError('confirmation-required', `${printable(why)}; nothing was changed`, { hint: `rerun with --confirm ${outcome.expected} to change ${plan.before.name}` });
    }
    if (outcome.kind === 'failed') throw outcome.error;
    if (json) write({ ...actedOn(adapter), ...settingJson(adapter, outcome.after), before: outcome.before.value });
    else io.stdout.write(`Changed. ${settingLine(adapter, outcome.after)} (was ${printable(outcome.before.value)})\n`);
    return audit.exitCode(ExitCode.ok);
  } finally {
    await adapter.close?.();
  }
};
