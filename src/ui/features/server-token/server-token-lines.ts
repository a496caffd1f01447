// The server-token rotation screen as lines: a scrollable body (where the old token came from,
// the plan's impact: servers, agents, snapshots that need the OLD token with node, location and
// time, unknowns, then the checklist to come) and two pinned lines (the field or prompt and its
// status), like the revoke screen. The typed old token is never part of any line.
import type { ServerTokenRotationPlan } from './server-token-port.ts';
import { gateState, gateWhy } from '../../shared/preview-gate.ts';
import { headline, wrapped, type ScreenLine } from '../../shared/screen-line.ts';
import type { ServerTokenFlow } from './server-token-flow.ts';

function planLines(plan: ServerTokenRotationPlan, source: string | null, width: number): ScreenLine[] {
  const { impact } = plan;
  const pinned = plan.pinnedBy === 'old-token-hash' ? "the old token's K10 hash" : "the kubeconfig's CA";
  const lines: ScreenLine[] = [
    ...headline(`Rotate the k3s server token through ${plan.supervisor}`, width, 'text.heading'),
    ...wrapped(`old token ${source ?? ''} · snapshot token hash ${plan.oldTokenHash} · TLS pinned by ${pinned}`, width, '  ', 'text.secondary'),
    ...headline(`Impact: ${impact.servers.length} server(s), ${impact.agents.length} agent(s), ${impact.snapshots.needOldToken.length} snapshot(s) needing the OLD token`, width, 'status.danger'),
  ];
  for (const item of impact.items) lines.push(...wrapped(`- ${item.subject}: ${item.detail}`, width, '  '));
  const older = impact.snapshots.olderTokens.length;
  if (older > 0) lines.push(...wrapped(`(${older} other snapshot(s) were taken under even older tokens)`, width, '  ', 'text.secondary'));
  for (const unknown of impact.unknowns) lines.push(...wrapped(`? ${unknown}`, width, '  ', 'status.warn'));
  lines.push({ text: 'After the rotation (kept in the rotation journal until ticked off, :checklist):', role: 'text.heading', bold: true });
  for (const item of plan.checklist) lines.push(...wrapped(`[ ] ${item.subject}: ${item.text}`, width, '  '));
  return lines;
}

export function serverTokenBodyLines(flow: ServerTokenFlow, width: number): ScreenLine[] {
  const problems = flow.problems.flatMap((problem) => wrapped(`! ${problem}`, width, '', 'status.danger'));
  const { stage } = flow;
  switch (stage.kind) {
    case 'reading-file':
      return [...problems, { text: 'reading the server token file…', role: 'status.muted' }];
    case 'entering':
      return [
        ...problems,
        { text: 'The old server token is needed to authorise the rotation', role: 'text.heading', bold: true },
        ...(flow.fileNote === null ? [] : wrapped(`the token file cannot be used: ${flow.fileNote}`, width, '  ', 'text.secondary')),
        ...wrapped('Paste it as the token file holds it (K10<hash>::server:<password>). It is not shown, not echoed and not stored.', width, '  '),
      ];
    case 'planning':
      return [...problems, { text: 'computing the impact preview (nothing is changed)…', role: 'status.muted' }];
    case 'preview':
    case 'rotating':
      return [...problems, ...planLines(stage.plan, flow.source, width)];
    case 'result':
      return [
        ...problems,
        { text: `✓ server token rotated through ${stage.plan.supervisor}`, role: 'status.ok', bold: true },
        { text: 'New server token (shown once: store it now; it is forgotten when you leave this screen):' },
        { text: stage.newToken, role: 'text.accent', bold: true },
        { text: '' },
        ...wrapped('Next: the checklist (Enter). Every other server needs this token in its config before it restarts.', width, '', 'text.secondary'),
      ];
    case 'failed':
      return [...problems, { text: '✗ the server token was not rotated', role: 'status.danger', bold: true }, ...wrapped(stage.error, width, '  ', 'status.danger')];
  }
}

/** The field or prompt and its status line, pinned under the body; `now` and `total` (the body's lines) say whether the preview's gate is open. */
export function serverTokenPinnedLines(flow: ServerTokenFlow, now: number, total: number): readonly [ScreenLine, ScreenLine] {
  const { stage } = flow;
  if (stage.kind === 'preview') {
    const gate = gateState(stage.gate, now, total);
    if (gate.kind !== 'open') return [{ text: `⏸ ${gateWhy(gate)}`, role: 'status.warn', bold: true }, { text: 'the confirmation opens once every line was on screen · Esc leaves', role: 'status.muted' }];
  }
  switch (stage.kind) {
    case 'entering': {
      // Nothing per character: neither the token nor its length is drawn.
      const state = stage.secret === '' ? 'empty' : 'entered (hidden)';
      const status: ScreenLine = stage.refusal === null ? { text: 'Enter computes the preview (nothing is changed) · Esc leaves', role: 'status.muted' } : { text: stage.refusal, role: 'status.danger' };
      return [{ text: `Old server token: [${state}]`, bold: true }, status];
    }
    case 'preview':
      return [
        { text: `Type ${stage.plan.confirmationText} to rotate the server token: ${stage.typed}▏`, bold: true },
        stage.refusal === null
          ? { text: 'nothing is sent before the typed text matches · Enter rotates · Esc leaves', role: 'status.muted' }
          : { text: stage.refusal, role: 'status.danger' },
      ];
    case 'rotating':
      return [{ text: `rotating the server token through ${stage.plan.supervisor}…`, role: 'status.warn' }, { text: '' }];
    case 'result':
      return [{ text: 'y sends the token to the terminal clipboard · Enter: the checklist', role: 'status.muted' }, stage.note === null ? { text: '' } : { text: stage.note.text, role: stage.note.role }];
    case 'failed':
      return [{ text: 'Enter starts over · Esc leaves', role: 'status.muted' }, { text: '' }];
    case 'reading-file':
    case 'planning':
      return [{ text: 'nothing is sent before the typed confirmation', role: 'status.muted' }, { text: '' }];
  }
}
