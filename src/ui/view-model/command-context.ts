// What the keys mean right now (the mode of the screen on view) and what the commands' reasons
// may look at (CommandContext), derived from the app state: each screen's flow says its own mode.
import type { CommandContext } from '../commands/command-spec.ts';
import type { Mode } from '../commands/modes.ts';
import { CONTEXT_SWITCH_UNAVAILABLE } from '../features/command-line/command-line.ts';
import { joinCommandUnavailable } from '../features/create/result-view.ts';
import { wizardMode } from '../features/create/wizard-input.ts';
import { makeDefaultMode } from '../features/make-default/make-default-flow.ts';
import { flowMode, isBatch, isFlowBusy } from '../features/revoke/revoke-flow.ts';
import { rotateMode } from '../features/rotate/rotate-flow.ts';
import { serverTokenMode } from '../features/server-token/server-token-flow.ts';
import { serverTtlMode } from '../features/server-ttl/server-ttl-flow.ts';
import type { AppState } from './app-state.ts';
import { viewOf } from './app-state.ts';
import { activeRevoke, pendingWork, resultOf } from './screen-hub.ts';

export function modeOf(state: AppState): Mode {
  const view = viewOf(state);
  switch (view.kind) {
    case 'revoke':
      return flowMode(view.flow, state.now);
    case 'create': {
      const mode = wizardMode(view.create.wizard);
      return mode === 'result' && view.create.view.alone ? 'result-fallback' : mode;
    }
    case 'rotate':
      return rotateMode(view.flow, state.now);
    case 'interrupted':
      return view.confirmAbandon ? 'interrupted-abandon' : 'interrupted';
    case 'server-token':
      return serverTokenMode(view.flow, state.now);
    case 'make-default':
      return makeDefaultMode(view.flow, state.now);
    case 'help':
      return view.search?.editing === true ? 'help-search' : 'help';
    case 'server-ttl':
      return serverTtlMode(view, state.now);
    default:
      return view.kind;
  }
}

export function commandContext(state: AppState): CommandContext {
  const revoke = activeRevoke(state)?.flow ?? null;
  const result = resultOf(state.screen);
  return {
    hasSelection: state.rows.length > 0 && state.selection.id !== null,
    filterActive: state.filter !== '',
    hasMarks: state.marked.size > 0,
    revokeUnavailable: state.mutations.revokeUnavailable,
    busy: revoke !== null && isFlowBusy(revoke),
    inBatch: revoke !== null && isBatch(revoke),
    createUnavailable: state.mutations.createUnavailable,
    makeDefaultUnavailable: state.mutations.makeDefaultUnavailable,
    rotateUnavailable: state.mutations.rotateUnavailable,
    joinCommandUnavailable: result === null ? null : joinCommandUnavailable(result.result),
    pendingWork: pendingWork(state.screen),
    serverTokenUnavailable: state.serverToken.unavailable,
    helpSearch: state.screen.kind === 'help' && state.screen.search !== null && !state.screen.search.editing ? state.screen.search.text : null,
    contextSwitchUnavailable: state.contextSwitch.available ? null : CONTEXT_SWITCH_UNAVAILABLE,
    serverTtlUnavailable: state.mutations.serverTtl.unavailable,
  };
}

/** The footer's text prompt, if the current mode has one. */
export function footerPrompt(state: AppState): string | undefined {
  const { screen } = state;
  if (screen.kind === 'filter') return `/${state.filter}▏`;
  if (screen.kind === 'command') return `:${screen.text}▏${screen.candidates === undefined ? '' : `  ${screen.candidates.join('  ')}`}`;
  if (screen.kind === 'context-picker') return `:ctx ${screen.filter}▏`;
  if (screen.kind === 'help' && screen.search?.editing === true) return `/${screen.search.text}▏`;
  return undefined;
}
