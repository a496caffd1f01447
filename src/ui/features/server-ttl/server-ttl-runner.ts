// The one I/O of the server TTL screen: the change, through the operations layer (the same
// confirmation check and audit record as `tokentui server-ttl`), answered as an event with its
// ticket. Only reached from the 'changing' step, i.e. after the typed name matched.
import type { TokenAdapter } from '../../../adapters/contract.ts';
import { changeServerTtl } from '../../../adapters/operations/server-ttl.ts';
import { recordMutation, type MutationAuditDeps } from '../../shared/audit-port.ts';
import type { ServerTtlEffect, ServerTtlEvent } from './server-ttl-flow.ts';

export interface ServerTtlRunnerDeps extends MutationAuditDeps {
  readonly adapter: TokenAdapter;
}

export async function runServerTtlChange(deps: ServerTtlRunnerDeps, effect: ServerTtlEffect): Promise<ServerTtlEvent> {
  const problems: string[] = [];
  const record = (entry: Parameters<typeof recordMutation>[1]) => {
    const problem = recordMutation(deps, entry);
    if (problem !== null) problems.push(problem);
  };
  const { plan, ticket } = effect;
  const outcome = await changeServerTtl(deps.adapter, plan, { typed: plan.confirmation, confirmation: 'typed-id', record });
  switch (outcome.kind) {
    case 'changed':
      return { kind: 'changed', ticket, after: outcome.after, capabilities: deps.adapter.capabilities, problems };
    case 'failed':
      return { kind: 'failed', ticket, error: outcome.error.message, problems };
    case 'refused':
      // The flow sends only a matching name; a refusal here is a bug, still shown.
      return { kind: 'failed', ticket, error: `the confirmation did not match ${outcome.expected}`, problems };
  }
}
