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
  /** A preview whose confirmation is shut (lines unread, or shown too recently): keys read, skip or leave; the rest are dropped with a note. */
  'revoke-waiting',
  /** A batch's combined preview, read: Enter begins the per-token steps. */
  'revoke-overview',
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
  /** Rotate: stopped before the revoke (both tokens stay; r resumes it, a abandons it). */
  'rotate-stopped',
  /** Make default: the preview is computed, the change in flight, or its outcome shown. */
  'make-default',
  /** Make default: the preview allows it and its gate is open; y/Enter makes the change. */
  'make-default-confirm',
  /** Make default: the preview allows it, but its gate is shut (lines unread, or shown too recently); y/Enter are dropped with a note. */
  'make-default-waiting',
  /** Start-up: an unfinished rotation was found in the journal. */
  'interrupted',
  'interrupted-abandon',
  /** Server token: reading the token file, computing the preview, or the rotation in flight. */
  'server-token-busy',
  /** Server token: the masked old-token field; typing edits it, nothing is drawn for it. */
  'server-token-secret',
  /** Server token: the impact preview; typing edits the confirmation (the supervisor's host:port). */
  'server-token-confirm',
  /** Server token: the impact preview before its gate opens (lines unread, or too recent); keys are dropped with a note. */
  'server-token-waiting',
  /** Server token: the new token, shown once. */
  'server-token-result',
  'server-token-failed',
  /** The open post-rotation checklists: Space ticks an item off. */
  'checklist',
  /** Server TTL change: typing edits the confirmation (the server's name). */
  'server-ttl-confirm',
  /** Server TTL change: the plan before its gate opens (lines unread, or too recent); keys are dropped with a note. */
  'server-ttl-waiting',
  'server-ttl-busy',
  /** Server TTL change: the outcome. */
  'server-ttl-done',
] as const;

export type Mode = (typeof MODES)[number];

/** Modes with a text prompt: every printable key no command of the mode binds is typed into it. */
export const TEXT_MODES: readonly Mode[] = [
  'filter',
  'command',
  'context-picker',
  'help-search',
  'revoke-typing',
  'revoke-waiting',
  'wizard-text',
  'wizard-ttl',
  'wizard-count',
  'server-token-secret',
  'server-token-confirm',
  'server-token-waiting',
  'server-ttl-confirm',
  'server-ttl-waiting',
];
