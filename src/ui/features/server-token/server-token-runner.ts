// The I/O of the server-token rotation screen, one function per step, each answering with the
// event the reducer applies. The PUT is made only from the `rotating` stage (the typed
// confirmation matched); its outcome is audited like the CLI's (action rotate, token id
// 'server-token', never the token), and a success keeps the checklist in the rotation journal.
import { toTokenTuiError } from '../../../core/errors.ts';
import { newServerTokenChecklist } from '../../../core/server-token-checklist.ts';
import type { RotationTarget } from '../../../journals/rotation-journal.ts';
import { recordMutation, type MutationAuditDeps, type MutationAuditEntry } from '../../shared/audit-port.ts';
import type { ServerTokenChecklistPort, ServerTokenRotationPlan, ServerTokenRotationPort } from './server-token-port.ts';
import type { ServerTokenEvent } from './server-token-flow.ts';

export interface ServerTokenRunnerDeps extends MutationAuditDeps {
  readonly port: ServerTokenRotationPort;
  readonly checklists: ServerTokenChecklistPort;
  readonly target: RotationTarget;
}

/** The audit record's token id: the server token has none, and its value is never recorded. */
export const SERVER_TOKEN_AUDIT_SUBJECT = 'server-token';

const message = (deps: ServerTokenRunnerDeps, error: unknown): string => toTokenTuiError(error, deps.adapter.id).message;

/** The token file; when it holds the token, straight on to the preview. */
export async function readFileThenPlan(deps: ServerTokenRunnerDeps, ticket: number): Promise<ServerTokenEvent> {
  let file;
  try {
    file = await deps.port.readTokenFile();
  } catch (error) {
    return { kind: 'file-missing', ticket, path: 'the server token file', reason: message(deps, error) };
  }
  if (!file.found) return { kind: 'file-missing', ticket, path: file.path, reason: file.reason };
  return planWith(deps, ticket, file.token, `from ${file.path}`);
}

export async function planWith(deps: ServerTokenRunnerDeps, ticket: number, oldToken: string, source: string): Promise<ServerTokenEvent> {
  try {
    return { kind: 'planned', ticket, plan: await deps.port.plan({ oldToken }), source };
  } catch (error) {
    return { kind: 'plan-failed', ticket, error: message(deps, error) };
  }
}

function auditImpact(plan: ServerTokenRotationPlan): MutationAuditEntry['impact'] {
  const { impact } = plan;
  const summary = `${impact.servers.length} server(s), ${impact.agents.length} agent(s) to restart; ${impact.snapshots.needOldToken.length} snapshot(s) need the old token (hash ${plan.oldTokenHash})`;
  return { severity: 'high', items: impact.items.length, summary };
}

export async function rotateWith(deps: ServerTokenRunnerDeps, ticket: number, plan: ServerTokenRotationPlan): Promise<ServerTokenEvent> {
  const entry = { action: 'rotate', tokenId: SERVER_TOKEN_AUDIT_SUBJECT, impact: auditImpact(plan), confirmation: 'typed-id' } as const;
  let result;
  try {
    result = await deps.port.rotate(plan, plan.confirmationText);
  } catch (error) {
    const text = message(deps, error);
    const problem = recordMutation(deps, { ...entry, outcome: 'failure', error: text });
    return { kind: 'rotate-failed', ticket, error: text, problems: problem === null ? [] : [problem] };
  }
  const problems: string[] = [];
  const audited = recordMutation(deps, { ...entry, outcome: 'success' });
  if (audited !== null) problems.push(audited);
  const checklist = newServerTokenChecklist({
    target: deps.target,
    supervisor: result.supervisor,
    oldTokenHash: result.oldTokenHash,
    newTokenHash: result.newTokenHash,
    rotatedAt: result.rotatedAt,
    items: result.checklist,
  });
  try {
    deps.checklists.save(checklist);
  } catch (error) {
    problems.push(`${toTokenTuiError(error, 'rotation journal').message}; the checklist is NOT kept after you quit: note it now`);
  }
  return { kind: 'rotated', ticket, newToken: deps.port.reveal(plan), checklist, problems };
}
