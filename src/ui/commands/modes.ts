// The one list of input modes: what the keys mean right now. Each screen says which mode it is
// in (a feature's flow), each command which modes it works in; the keymap, the clash check and
// the text prompts all read this list.
export const MODES = [
  'list',
  /** The filter prompt: typing edits the filter. */
  'filter',
  'details',
  'help',
  /** The help's `/` prompt: typing edits the search. */
  'help-search',
  'too-small',
  /** The `:` prompt: typing edits the command. */
  'command',
  /** `:ctx` alone: the contexts to pick from; typing filters them. */
  'context-picker',
  /** Revoke screen while computing, revoking, or showing the outcome. */
  'revoke',
  /** Revoke preview with nothing affected: y/Enter confirms. */
  'revoke-confirm',
  /** Revoke preview with an impact (or unknown): typing edits the id to confirm with. */
  'revoke-typing',
  'audit',
  /** Create wizard: a text field (description, groups); typing edits it. */
  'wizard-text',
  /** Create wizard: the TTL field, with suggestions on Tab. */
  'wizard-ttl',
  'wizard-usages',
  /** Create wizard: a count field (max uses); digits edit it, Tab toggles its shortcut (single-use). */
  'wizard-count',
  /** Create wizard: a choice field; ↑↓ pick. */
  'wizard-choice',
  'wizard-review',
  /** The create request is in flight. */
  'wizard-busy',
  /** The created token's secret and join command, shown once. */
  'result',
  /** The join command alone on screen, for selecting it by hand. */
  'result-fallback',
  /** Rotate: a step runs (make default). */
  'rotate-busy',
  /** Rotate: waiting for Enter to go on (or retry a failed step). */
  'rotate-continue',
  'rotate-summary',
  /** Make default: the preview is computed, the change in flight, or its outcome shown. */
  'make-default',
  /** Make default: the preview allows it; y/Enter makes the change. */
  'make-default-confirm',
  /** Start-up: an unfinished rotation was found in the journal. */
  'interrupted',
  'interrupted-abandon',
  /** Server token: reading the token file, computing the preview, or the rotation in flight. */
  'server-token-busy',
  /** Server token: the masked old-token field; typing edits it, nothing is drawn for it. */
  'server-token-secret',
  /** Server token: the impact preview; typing edits the confirmation (the supervisor's host:port). */
  'server-token-confirm',
  /** Server token: the new token, shown once. */
  'server-token-result',
  'server-token-failed',
  /** The open post-rotation checklists: Space ticks an item off. */
  'checklist',
  /** Server TTL change: typing edits the confirmation (the server's name). */
  'server-ttl-confirm',
  'server-ttl-busy',
  /** Server TTL change: the outcome. */
  'server-ttl-done',
] as const;

export type Mode = (typeof MODES)[number];

/** Modes with a text prompt: every printable key no command of the mode binds is typed into it. */
export const TEXT_MODES: readonly Mode[] = ['filter', 'command', 'context-picker', 'help-search', 'revoke-typing', 'wizard-text', 'wizard-ttl', 'wizard-count', 'server-token-secret', 'server-token-confirm', 'server-ttl-confirm'];
