// The create wizard as lines: the current step's field with its inline validation, the live
// expiry preview (computed from the shared clock's `now`), the adapter's suggestions, warnings,
// and on the review every value. Errors from the backend appear on the step they concern.
import { describeFieldValue, parseFieldText, type CreateFieldSpec } from '../../../core/create-fields.ts';
import type { CreateWizardState } from '../../../core/create-wizard.ts';
import { applicableFields, fieldOfStep, ttlPreview, wizardTtlSuggestions, wizardWarnings, type CreateWizardStep } from '../../../core/create-wizard-rules.ts';
import { fieldLabel, fieldName } from '../../../core/token.ts';
import { formatTtlInput, type ServerTtlSetting } from '../../../core/ttl-input.ts';
import { displayWidth } from '../../shared/text-width.ts';
import { formatLocalShort, formatUtc } from '../../shared/time-format.ts';
import { wrapped, type ScreenLine } from '../../shared/screen-line.ts';
import { fieldText } from './wizard-input.ts';

type FixedStep = Exclude<CreateWizardStep, `field:${string}`>;

const STEP_TITLES: { readonly [step in FixedStep]: string } = {
  description: 'description',
  ttl: 'time to live',
  usages: 'usages',
  groups: 'extra groups',
  review: 'review',
};

const STEP_HELP: { readonly [step in FixedStep]: string } = {
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

/** A declared field's step: the field (or the choices), and what its value means now. */
function declaredFieldBody(wizard: CreateWizardState, spec: CreateFieldSpec, width: number): ScreenLine[] {
  const text = wizard.values.fields[spec.key] ?? '';
  if (spec.kind === 'choice') {
    return spec.choices.flatMap((choice) => {
      const chosen = choice.value === text;
      return wrapped(`${chosen ? '›' : ' '} (${chosen ? '•' : ' '}) ${choice.value}${choice.help === '' ? '' : ` — ${choice.help}`}`, width, '').map((line) => ({ ...line, bold: chosen }));
    });
  }
  const lines: ScreenLine[] = [fieldLine(text, width)];
  const parsed = parseFieldText(spec, text);
  if (parsed.ok) lines.push({ text: `= ${describeFieldValue(spec, parsed.value)}`, role: 'status.ok' });
  if (spec.kind === 'count') {
    const shortcut = spec.shortcut === undefined ? '' : ` · Tab: ${spec.shortcut.label} (${spec.shortcut.value}) on or off`;
    lines.push({ text: `${spec.min}-${spec.max}, empty = unlimited${shortcut}`, role: 'text.secondary' });
  }
  if (spec.kind === 'list') {
    const unset = spec.unset === undefined ? '' : `; empty = ${spec.unset.label}, ${spec.unset.emptyWord} = none`;
    lines.push(...wrapped(`comma-separated${spec.itemHint === undefined ? '' : `; ${spec.itemHint}`}${unset}`, width, '', 'text.secondary'));
  }
  return lines;
}

/** The review's row of each declared field (its value as the request will carry it). */
function declaredFieldRows(wizard: CreateWizardState): string[] {
  return applicableFields(wizard.capabilities, wizard.values).map((spec) => {
    const parsed = parseFieldText(spec, wizard.values.fields[spec.key] ?? '');
    return row(capitalized(spec.label), parsed.ok ? describeFieldValue(spec, parsed.value) : `✗ ${parsed.error}`);
  });
}

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function stepBody(wizard: CreateWizardState, step: CreateWizardStep, now: number, width: number): ScreenLine[] {
  const { values } = wizard;
  const text = fieldText(wizard);
  const field: ScreenLine[] = text === null ? [] : [fieldLine(text, width)];
  const declared = fieldOfStep(step, wizard.capabilities);
  if (declared !== undefined) return declaredFieldBody(wizard, declared, width);
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
      for (const text of declaredFieldRows(wizard)) lines.push({ text });
      return lines.flatMap((line) => wrapped(line.text, width, ''));
    }
    default:
      return field;
  }
}

/** A step's title and help: a declared field's own, the adapter's word for the description, the server's TTL. */
function stepTitle(wizard: CreateWizardState, step: CreateWizardStep): { readonly title: string; readonly help: string } {
  const spec = fieldOfStep(step, wizard.capabilities);
  if (spec !== undefined) return { title: spec.label, help: spec.help };
  const { fieldNames, ttl } = wizard.capabilities;
  const fixed = step as FixedStep;
  if (fixed === 'description') return { title: fieldName(fieldNames, 'description'), help: fieldNames?.descriptionHelp ?? STEP_HELP.description };
  if (fixed === 'ttl' && ttl.serverSetting !== undefined) {
    return { title: STEP_TITLES.ttl, help: `The server sets every token's lifetime (${ttl.serverSetting.name}); this token gets it and cannot have another.` };
  }
  return { title: STEP_TITLES[fixed], help: STEP_HELP[fixed] };
}

/** Everything the wizard shows for its current state (a result is drawn by result-lines.ts). */
export function wizardLines(wizard: CreateWizardState, now: number, width: number, title: string): ScreenLine[] {
  if (wizard.phase !== 'editing' && wizard.phase !== 'creating') return [];
  const step: CreateWizardStep = wizard.phase === 'editing' ? wizard.step : 'review';
  const position = `step ${wizard.steps.indexOf(step) + 1} of ${wizard.steps.length}`;
  const heading = stepTitle(wizard, step);
  const lines: ScreenLine[] = [
    { text: `${title} · ${position}: ${heading.title}`, role: 'text.accent', bold: true },
    ...wrapped(heading.help, width, '', 'text.secondary'),
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
