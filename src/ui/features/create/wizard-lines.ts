// The create wizard as lines: the current step's field with its inline validation, the live
// expiry preview (computed from the shared clock's `now`), the adapter's suggestions, warnings,
// and on the review every value. Errors from the backend appear on the step they concern.
import type { CreateWizardState } from '../../../core/create-wizard.ts';
import { ttlPreview, wizardTtlSuggestions, wizardWarnings, type CreateWizardStep } from '../../../core/create-wizard-rules.ts';
import { fieldLabel, fieldName } from '../../../core/token.ts';
import { formatTtlInput, type ServerTtlSetting } from '../../../core/ttl-input.ts';
import { displayWidth } from '../../shared/text-width.ts';
import { formatLocalShort, formatUtc } from '../../shared/time-format.ts';
import { wrapped, type ScreenLine } from '../../shared/screen-line.ts';
import { fieldText } from './wizard-input.ts';

const STEP_TITLES: { readonly [step in CreateWizardStep]: string } = {
  description: 'description',
  ttl: 'time to live',
  usages: 'usages',
  groups: 'extra groups',
  review: 'review',
};

const STEP_HELP: { readonly [step in CreateWizardStep]: string } = {
  description: 'One line saying what the token is for (optional). It is stored in plain text and listed to everyone.',
  ttl: 'How long the token can be used: Go durations (90m, 24h) plus d and w (7d, 2w), or never.',
  usages: 'What the token may be used for; Space turns the one under the cursor on or off.',
  groups: 'Groups a node joining with this token authenticates as, comma-separated.',
  review: 'Nothing has been created yet: Enter creates the token with these values; Esc goes back to change them.',
};

const LABEL_WIDTH = 14;
const row = (label: string, value: string): string => `  ${label.padEnd(LABEL_WIDTH)}${value}`;
const listOrNone = (items: readonly string[]): string => (items.length === 0 ? '(none)' : items.join(', '));

export function expiryText(wizard: CreateWizardState, now: number): ScreenLine {
  const preview = ttlPreview(wizard.values, wizard.capabilities, now);
  switch (preview.kind) {
    case 'never':
      return { text: 'never expires', role: 'status.warn' };
    case 'invalid':
      return { text: `✗ ${preview.error}`, role: 'status.danger' };
    case 'expires':
      return { text: `expires ${formatUtc(preview.expiresAt)} (local ${formatLocalShort(preview.expiresAt)}), ${formatTtlInput(preview.ttlSeconds)} from now`, role: 'status.ok' };
  }
}

function stepTitle(wizard: CreateWizardState, step: CreateWizardStep): string {
  return step === 'description' ? fieldName(wizard.capabilities.fieldNames, 'description') : STEP_TITLES[step];
}

function stepHelp(wizard: CreateWizardState, step: CreateWizardStep): string {
  const { fieldNames, ttl } = wizard.capabilities;
  if (step === 'description' && fieldNames?.descriptionHelp !== undefined) return fieldNames.descriptionHelp;
  if (step === 'ttl' && ttl.serverSetting !== undefined) return `The server sets every token's lifetime (${ttl.serverSetting.name}); this token gets it and cannot have another.`;
  return STEP_HELP[step];
}

/** The TTL step when the server sets the lifetime: the setting instead of a field. */
function serverTtlLines(wizard: CreateWizardState, setting: ServerTtlSetting, now: number): ScreenLine[] {
  return [
    { text: `  ${formatTtlInput(wizard.capabilities.ttl.defaultSeconds)}  (${setting.name} = ${setting.value}: ${setting.covers})`, bold: true },
    expiryText(wizard, now),
    { text: `:server-ttl DUR changes ${setting.name}, as its own action confirmed with the server's name`, role: 'text.secondary' },
  ];
}

function boundsText(wizard: CreateWizardState): string {
  const { ttl } = wizard.capabilities;
  const max = ttl.maxSeconds === null ? 'no maximum' : `at most ${formatTtlInput(ttl.maxSeconds)}`;
  const suggestions = wizardTtlSuggestions(wizard.capabilities).map((suggestion) => suggestion.label);
  return `Tab: ${suggestions.join(' · ')} · backend default ${formatTtlInput(ttl.defaultSeconds)}, ${max}`;
}

/** The field being typed into; a long one shows its end, where the cursor is. */
function fieldLine(text: string, width: number): ScreenLine {
  const full = `› ${text}▏`;
  if (displayWidth(full) <= width) return { text: full, bold: true };
  const characters = Array.from(text);
  let tail = '';
  while (characters.length > 0 && displayWidth(`› …${characters.at(-1) ?? ''}${tail}▏`) <= width) tail = (characters.pop() ?? '') + tail;
  return { text: `› …${tail}▏`, bold: true };
}

function stepBody(wizard: CreateWizardState, step: CreateWizardStep, now: number, width: number): ScreenLine[] {
  const { values } = wizard;
  const text = fieldText(wizard);
  const field: ScreenLine[] = text === null ? [] : [fieldLine(text, width)];
  switch (step) {
    case 'description':
    case 'groups':
      return field;
    case 'ttl': {
      const setting = wizard.capabilities.ttl.serverSetting;
      if (setting !== undefined) return serverTtlLines(wizard, setting, now).flatMap((line) => wrapped(line.text, width, '', line.role));
      return [...field, expiryText(wizard, now), { text: boundsText(wizard), role: 'text.secondary' }];
    }
    case 'usages':
      return wizard.capabilities.usages.map((usage, index) => ({
        text: `${index === wizard.usageCursor ? '›' : ' '} [${values.usages.includes(usage) ? 'x' : ' '}] ${usage}`,
        bold: index === wizard.usageCursor,
      }));
    case 'review': {
      const { capabilities } = wizard;
      const lines: ScreenLine[] = [
        { text: row(fieldLabel(capabilities.fieldNames, 'description'), values.description.trim() === '' ? '(none)' : values.description.trim()) },
        { text: row('TTL', `${values.ttlText.trim()} — ${expiryText(wizard, now).text}${capabilities.ttl.serverSetting === undefined ? '' : ' (set by the server)'}`) },
      ];
      if (capabilities.usages.length > 0) lines.push({ text: row('Usages', listOrNone([...values.usages].sort())) });
      if (capabilities.groups) lines.push({ text: row('Groups', values.groupsText.trim() === '' ? '(none)' : values.groupsText.trim()) });
      return lines.flatMap((line) => wrapped(line.text, width, ''));
    }
  }
}

/** Everything the wizard shows for its current state (a result is drawn by result-lines.ts). */
export function wizardLines(wizard: CreateWizardState, now: number, width: number, title: string): ScreenLine[] {
  if (wizard.phase !== 'editing' && wizard.phase !== 'creating') return [];
  const step: CreateWizardStep = wizard.phase === 'editing' ? wizard.step : 'review';
  const position = `step ${wizard.steps.indexOf(step) + 1} of ${wizard.steps.length}`;
  const lines: ScreenLine[] = [
    { text: `${title} · ${position}: ${stepTitle(wizard, step)}`, role: 'text.accent', bold: true },
    ...wrapped(stepHelp(wizard, step), width, '', 'text.secondary'),
    ...stepBody(wizard, step, now, width),
  ];
  if (wizard.phase === 'editing' && wizard.error !== null) {
    const { message, hint, fromBackend } = wizard.error;
    // fromBackend: the create was attempted and refused (by the backend, or the rotation journal).
    lines.push(...wrapped(`✗ ${fromBackend ? 'not created: ' : ''}${message}`, width, '', 'status.danger'));
    if (hint !== undefined) lines.push(...wrapped(`hint: ${hint}`, width, '  ', 'status.warn'));
  }
  if (step === 'ttl' || step === 'usages' || step === 'review') {
    for (const warning of wizardWarnings(wizard.values, wizard.capabilities)) lines.push(...wrapped(`! ${warning}`, width, '', 'status.warn'));
  }
  if (wizard.phase === 'creating') lines.push({ text: 'creating the token…', role: 'status.muted' });
  return lines;
}
