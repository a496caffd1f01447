// Keys into the core create wizard (core/create-wizard.ts): the reducer takes whole field texts,
// the terminal sends one character at a time; Tab cycles the TTL suggestions. Pure.
import { createWizardReducer, type CreateWizardState } from '../../../core/create-wizard.ts';
import { fieldOfStep, wizardTtlSuggestions, type CreateWizardStep } from '../../../core/create-wizard-rules.ts';
import type { Mode } from '../../commands/modes.ts';

/** The text of the field the current step edits; null on steps without one. */
export function fieldText(wizard: CreateWizardState): string | null {
  if (wizard.phase !== 'editing') return null;
  switch (wizard.step) {
    case 'description':
      return wizard.values.description;
    case 'ttl':
      // A lifetime the server sets is shown, not typed (wizard-lines.ts).
      return wizard.capabilities.ttl.serverSetting === undefined ? wizard.values.ttlText : null;
    case 'groups':
      return wizard.values.groupsText;
    case 'usages':
    case 'review':
      return null;
    default: {
      // A declared field: typed unless it is a choice (picked with ↑↓).
      const spec = fieldOfStep(wizard.step, wizard.capabilities);
      return spec === undefined || spec.kind === 'choice' ? null : (wizard.values.fields[spec.key] ?? '');
    }
  }
}

function withField(wizard: CreateWizardState, edit: (text: string) => string): CreateWizardState {
  const text = fieldText(wizard);
  return text === null ? wizard : createWizardReducer(wizard, { type: 'input', text: edit(text) });
}

export function typeIntoWizard(wizard: CreateWizardState, typed: string): CreateWizardState {
  return withField(wizard, (text) => text + typed);
}

export function deleteWizardChar(wizard: CreateWizardState): CreateWizardState {
  // By code point, so deleting never leaves half a surrogate pair behind.
  return withField(wizard, (text) => Array.from(text).slice(0, -1).join(''));
}

/** The next suggestion after the one typed (the first when the field holds something else). */
export function cycleTtlSuggestion(wizard: CreateWizardState): CreateWizardState {
  if (wizard.phase !== 'editing' || wizard.step !== 'ttl' || wizard.capabilities.ttl.serverSetting !== undefined) return wizard;
  const labels = wizardTtlSuggestions(wizard.capabilities).map((suggestion) => suggestion.label);
  if (labels.length === 0) return wizard;
  const next = labels[(labels.indexOf(wizard.values.ttlText.trim()) + 1) % labels.length] ?? wizard.values.ttlText;
  return createWizardReducer(wizard, { type: 'input', text: next });
}

/** Walks forward with 'next' until `step` (or a step whose check fails, which then shows why). */
export function wizardAtStep(wizard: CreateWizardState, step: CreateWizardStep): CreateWizardState {
  let current = wizard;
  while (current.phase === 'editing' && current.step !== step) {
    const next = createWizardReducer(current, { type: 'next' });
    if (next.phase !== 'editing' || next.step === current.step) return next;
    current = next;
  }
  return current;
}

export function wizardMode(wizard: CreateWizardState): Mode {
  if (wizard.phase === 'created') return 'result';
  if (wizard.phase !== 'editing') return 'wizard-busy';
  switch (wizard.step) {
    case 'description':
    case 'groups':
      return 'wizard-text';
    case 'ttl':
      return 'wizard-ttl';
    case 'usages':
      return 'wizard-usages';
    case 'review':
      return 'wizard-review';
    default: {
      const kind = fieldOfStep(wizard.step, wizard.capabilities)?.kind;
      return kind === 'count' ? 'wizard-count' : kind === 'choice' ? 'wizard-choice' : 'wizard-text';
    }
  }
}
