// Fuzzing of text rendering: arbitrary strings from a backend (escape sequences in 7- and 8-bit
// form, bidi overrides, line breaks, lone surrogates) through every renderer of both front ends.
// Whatever a renderer is given, what it outputs holds no raw control character: the CLI's table,
// impact text (one token's, a batch's combined one), the make-default preview, error and warning
// lines, JSON and YAML; the TUI's table rows, details, impact preview, a batch's combined preview,
// the make-default preview, the server TTL plan, the :ctx picker, result screen, wrapped lines,
// header and footer, and the whole App on screen. Issue 14's renderers too: the rotation plan, the
// resume offer (and its abandon), the rotation summary, a batch's per-token title and its summary
// of revoked, skipped and untouched tokens; on the command line the rotation's resume, abandon and
// refusal messages and a batch's refusal, through the streams every command writes to.
import chalk from 'chalk';
import fc from 'fast-check';
import { render } from 'ink-testing-library';
import { load as parseYaml } from 'js-yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replacementUnknownMessage, resumeNotice } from '../../src/adapters/operations/rotation-resume.ts';
import { formatTokenTable } from '../../src/cli/commands/list.ts';
import { batchRefusal } from '../../src/cli/commands/revoke-batch.ts';
import { formatMakeDefaultText } from '../../src/cli/commands/make-default.ts';
import { reportError, warn } from '../../src/cli/exit.ts';
import { formatCombinedText, formatImpactText } from '../../src/cli/impact-format.ts';
import { formatTable, withTerminalSafeStreams, writeJson, writeYaml } from '../../src/cli/output.ts';
import { TokenTuiError } from '../../src/core/errors.ts';
import { combineImpact } from '../../src/core/batch-impact.ts';
import type { ImpactPreview } from '../../src/core/impact.ts';
import type { MakeDefaultPreview } from '../../src/core/make-default-plan.ts';
import { describeAbandon, describeInterruption, nextStep, planReplacement, startRotation, type RotationState } from '../../src/core/rotation-plan.ts';
import type { Token } from '../../src/core/token.ts';
import { Footer } from '../../src/ui/components/Footer.tsx';
import { Header } from '../../src/ui/components/Header.tsx';
import { LineList } from '../../src/ui/components/LineList.tsx';
import { resultLines } from '../../src/ui/features/create/result-lines.ts';
import { initialResultView } from '../../src/ui/features/create/result-view.ts';
import { detailFields, detailLines } from '../../src/ui/features/details/details-model.ts';
import { headingText, layoutTable, rowPrefixText, widestId } from '../../src/ui/features/list/table-layout.ts';
import { pickerLines } from '../../src/ui/features/command-line/context-picker.ts';
import { makeDefaultBodyLines } from '../../src/ui/features/make-default/make-default-lines.ts';
import { batchSummaryLines, overviewLines } from '../../src/ui/features/revoke/revoke-batch.ts';
import { startFlow, type RevokeFlow } from '../../src/ui/features/revoke/revoke-flow.ts';
import { batchTitle, previewLines, revokeBodyLines } from '../../src/ui/features/revoke/revoke-lines.ts';
import { rotateFlowFrom } from '../../src/ui/features/rotate/rotate-flow.ts';
import { interruptedLines, rotatePlanLines, rotateTitle, summaryLines } from '../../src/ui/features/rotate/rotate-lines.ts';
import { serverTtlBodyLines } from '../../src/ui/features/server-ttl/server-ttl-lines.ts';
import type { ScreenLine } from '../../src/ui/shared/screen-line.ts';
import { wrapped } from '../../src/ui/shared/screen-line.ts';
import { fitToWidth, truncateToWidth, wordWrapToWidth, wrapToWidth } from '../../src/ui/shared/text-width.ts';
import { hostileString, HOSTILE_SAMPLES, RAW_CONTROL, RAW_CONTROL_BUT_NEWLINE } from '../support/hostile-text.ts';
import { T0 } from './fixtures.ts';
import { useAppHarness } from './render-app.tsx';

const RUNS = { numRuns: 300 };

const hostileToken = fc.record({
  id: hostileString,
  description: hostileString,
  scope: hostileString,
  invalid: fc.option(hostileString, { nil: null }),
  group: hostileString,
  extra: hostileString,
});

function tokenOf(fields: { id: string; description: string; scope: string; invalid: string | null; group: string; extra: string }, scoped = false): Token {
  return {
    id: fields.id,
    description: fields.description,
    expiresAt: T0 + 3_600_000,
    usages: ['signing', fields.group],
    groups: [fields.group],
    invalidReason: fields.invalid,
    ...(scoped ? { scope: fields.scope } : {}),
    replaces: fields.extra,
    revision: { uid: fields.id, version: fields.extra },
    extras: { createdBy: fields.extra },
  };
}

function previewOf(subject: string, detail: string, unknown: string): ImpactPreview {
  return {
    state: 'known',
    tokenId: subject,
    items: [
      { kind: 'machine-loses-access', subject, detail },
      { kind: 'cluster-wide', subject: detail, detail: subject },
    ],
    unknowns: [unknown],
    fingerprint: `${subject}:1`,
    computedAt: T0,
  };
}

const HOME = { kind: 'list' } as const;

/** A batch of two hostile previews (one with an informational fact) and a third that could not be previewed. */
function batchOf(a: string, b: string) {
  const facts = { ...previewOf(b, a, b), items: [{ kind: 'informational' as const, subject: a, detail: b }] };
  return { combined: combineImpact([{ preview: previewOf(a, b, a + b) }, { preview: facts, where: b }]), failed: [{ tokenId: b, error: a }] };
}

function makeDefaultOf(target: Token, previous: Token, text: string): MakeDefaultPreview {
  return { tokenId: target.id, target, previous, alreadyDefault: false, blocked: text, changes: [text, `${target.description} ${previous.description}`], warnings: [text], computedAt: T0 };
}

const ROTATION_CAPABILITIES = { makeDefault: true, usages: ['signing'], groups: true, createFields: [], recordsReplaces: true, ttl: { defaultSeconds: 3_600, minSeconds: 60, maxSeconds: null, allowNever: true } };

/** A rotation of a hostile token to a hostile replacement id, at each stage the screens show. */
function rotationsOf(old: Token, newId: string, context: string): RotationState[] {
  const started = startRotation({ rotationId: 'r-hostile', old, adapter: 'rest', context, server: context, capabilities: ROTATION_CAPABILITIES, replacement: planReplacement(old, ROTATION_CAPABILITIES).request, now: T0 });
  const created = nextStep(started, { type: 'replacement-created', newTokenId: newId, at: T0 + 1 });
  const stopped = { ...created, status: 'stopped' as const };
  return [started, created, stopped, { ...created, status: 'done' as const, step: 'summary' as const }];
}

/** A batch of hostile ids with a result of every kind, stopped part way (the rest untouched). */
function batchFlowOf(ids: readonly string[], detail: string): RevokeFlow {
  const flow = startFlow({ ids, hiddenByFilter: 2 }, HOME, 1);
  const outcomes = ['revoked', 'skipped', 'failed', 'not-revoked', 'unverified'] as const;
  const results = ids.slice(0, -1).map((tokenId, index) => ({ tokenId, outcome: outcomes[index % outcomes.length]!, detail, warnings: [detail] }));
  return { ...flow, index: results.length, results, banner: detail, auditFailures: [detail], step: { kind: 'done', stopped: true } };
}

/** Prepared lines as the screens draw them: through LineList, the TUI's choke point. */
function drawn(lines: readonly ScreenLine[]): string {
  const frame = render(<LineList lines={lines} top={0} height={lines.length} />);
  const text = frame.lastFrame() ?? '';
  frame.unmount();
  return text;
}

/** Output of a renderer that prints many lines: nothing raw but its own line breaks. */
function expectSafeLines(text: string): void {
  expect(text).not.toMatch(RAW_CONTROL_BUT_NEWLINE);
}

function expectSafeLine(text: string): void {
  expect(text).not.toMatch(RAW_CONTROL);
}

function capture(): { sink: { write(chunk: string): void }; text(): string } {
  let out = '';
  return { sink: { write: (chunk: string) => void (out += chunk) }, text: () => out };
}

describe('command-line renderers', () => {
  it('the token table, any table, and the impact text', () => {
    fc.assert(
      fc.property(fc.array(hostileToken, { maxLength: 4 }), hostileString, hostileString, (tokens, a, b) => {
        expectSafeLines(formatTokenTable(tokens.map((fields) => tokenOf(fields)), T0));
        expectSafeLines(formatTable(['A', 'B'], [[a, b], [b, a]]));
        expectSafeLines(formatImpactText(previewOf(a, b, a + b)));
        expectSafeLines(formatCombinedText(batchOf(a, b).combined));
        const [target, previous] = tokens.length >= 2 ? tokens.map((fields) => tokenOf(fields)) : [tokenOf({ id: a, description: b, scope: a, invalid: null, group: b, extra: a }), tokenOf({ id: b, description: a, scope: b, invalid: null, group: a, extra: b })];
        expectSafeLines(formatMakeDefaultText(makeDefaultOf(target!, previous!, a + b)));
      }),
      RUNS,
    );
  });

  it("a rotation's resume, refusal and abandon messages and a batch's refusal, as a command writes them", () => {
    fc.assert(
      fc.property(hostileToken, hostileString, hostileString, (fields, newId, context) => {
        const out = capture();
        const { stderr } = withTerminalSafeStreams({ stdout: out.sink, stderr: out.sink });
        for (const rotation of rotationsOf(tokenOf(fields), newId, context)) {
          stderr.write(`tokentui: ${resumeNotice(rotation)}\n`);
          stderr.write(`tokentui: ${replacementUnknownMessage(rotation)}\n`);
          stderr.write(`Abandoned: ${describeAbandon(rotation)}; ${describeInterruption(rotation)}.\n`);
        }
        stderr.write(`tokentui: ${batchRefusal([fields.id, newId], [context], undefined) ?? ''}\n`);
        // The streams pass line feeds and tabs (a table's layout), nothing else raw.
        expectSafeLines(out.text().replace(/\t/g, ''));
      }),
      RUNS,
    );
  });

  it('error and warning lines are one line each, whatever the message and hint', () => {
    fc.assert(
      fc.property(hostileString, hostileString, (message, hint) => {
        const out = capture();
        reportError(new TokenTuiError('server', message, { source: 'rest', hint }), out.sink, {});
        reportError(new Error(message), out.sink, {});
        warn(out.sink, message);
        expectSafeLines(out.text());
        // Every line is one of ours: a message cannot start a line of its own.
        for (const line of out.text().split('\n').slice(0, -1)) expect(line).toMatch(/^(tokentui|hint): /);
      }),
      RUNS,
    );
  });

  it('JSON and YAML carry the same values, escaped', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ id: hostileString, description: hostileString }), { maxLength: 3 }), async (value) => {
        const json = capture();
        writeJson(json.sink, value);
        expectSafeLines(json.text());
        expect(JSON.parse(json.text())).toEqual(value);
        const yaml = capture();
        await writeYaml(yaml.sink, value);
        expectSafeLines(yaml.text());
        expect(parseYaml(yaml.text())).toEqual(value);
      }),
      { numRuns: 200 },
    );
  });

  it('the streams every command writes to pass line feeds and tabs, nothing else raw', () => {
    fc.assert(
      fc.property(hostileString, (text) => {
        const out = capture();
        withTerminalSafeStreams({ stdout: out.sink, stderr: out.sink }).stdout.write(text);
        expect(out.text().replace(/\t/g, '')).not.toMatch(RAW_CONTROL_BUT_NEWLINE);
      }),
      RUNS,
    );
  });
});

describe('TUI renderers', () => {
  it('table rows and heading, at any width', () => {
    fc.assert(
      fc.property(fc.array(hostileToken, { minLength: 1, maxLength: 3 }), fc.integer({ min: 20, max: 200 }), fc.boolean(), (fields, width, scoped) => {
        const tokens = fields.map((one) => tokenOf(one, scoped));
        const layout = layoutTable({ width, idWidth: widestId(tokens), scoped, hasUses: true });
        expectSafeLine(headingText(layout));
        for (const token of tokens) expectSafeLine(rowPrefixText(token, true, layout, true));
      }),
      RUNS,
    );
  });

  it('details, impact preview and result screen lines, as the screens draw them', () => {
    const originalLevel = chalk.level;
    chalk.level = 0;
    try {
      fc.assert(
        fc.property(hostileToken, hostileString, hostileString, fc.integer({ min: 20, max: 160 }), (fields, secret, joinCommand, width) => {
          const token = tokenOf(fields, true);
          const target = { adapterId: 'rest' as const, context: fields.extra, server: fields.scope, joinCommand: true, joinCommandShape: (id: string) => `join ${id} ${secret}` };
          // The details screen draws each label and value through the text primitives.
          for (const line of detailLines(detailFields({ token, reportedAt: T0 }, target), width)) {
            expectSafeLine(fitToWidth(line.label, 20));
            expectSafeLine(line.text);
          }
          // Screens of prepared lines draw them with LineList (ScreenLineText): that is the choke point.
          const result = { created: { token, secret }, joinCommand, joinCommandError: fields.invalid };
          const lines = [...previewLines(previewOf(fields.id, fields.description, fields.scope), width), ...resultLines(result, initialResultView, width, `✓ created ${fields.id}`)];
          const drawn = render(<LineList lines={lines} top={0} height={lines.length} />);
          expectSafeLines(drawn.lastFrame() ?? '');
          drawn.unmount();
        }),
        { numRuns: 30 },
      );
    } finally {
      chalk.level = originalLevel;
    }
  }, 60_000);

  it("a batch's combined preview, the make-default preview, the server TTL plan and the :ctx picker, as the screens draw them", () => {
    const originalLevel = chalk.level;
    chalk.level = 0;
    try {
      fc.assert(
        fc.property(hostileToken, hostileToken, hostileString, fc.integer({ min: 20, max: 160 }), (first, second, text, width) => {
          const [target, previous] = [tokenOf(first, true), tokenOf(second, true)];
          const setting = { name: first.scope, value: second.scope, covers: text, changeable: true, confirmation: first.extra };
          const plan = { server: second.extra, before: setting, seconds: 2_700, confirmation: first.extra };
          const ttl = { kind: 'server-ttl' as const, server: second.extra, setting, scroll: 0, back: HOME };
          const choices = [
            { name: first.id, kind: 'saved' as const, adapter: first.scope, server: first.extra, current: true },
            { name: second.id, kind: 'discovered' as const, adapter: null, server: text, current: false },
          ];
          const picker = { available: true, pending: null, choices, listing: false, listError: text };
          const lines = [
            ...overviewLines(batchOf(first.description, text), width),
            ...makeDefaultBodyLines({ tokenId: target.id, phase: { kind: 'preview', preview: makeDefaultOf(target, previous, text), gate: null }, ticket: null, scroll: 0, problems: [text], back: HOME }, width),
            ...serverTtlBodyLines({ ...ttl, step: { kind: 'confirm', plan, typed: text, refusal: text, gate: null } }, width),
            ...serverTtlBodyLines({ ...ttl, step: { kind: 'failed', plan, error: text, problems: [text] } }, width),
            ...pickerLines(picker, first.id, { kind: 'context-picker', filter: '', cursor: 0, back: HOME }),
          ];
          expectSafeLines(drawn(lines));
        }),
        { numRuns: 30 },
      );
    } finally {
      chalk.level = originalLevel;
    }
  }, 60_000);

  it('the rotation plan, the resume offer and its abandon, the rotation summary, and a batch\'s title and summary, as the screens draw them', () => {
    const originalLevel = chalk.level;
    chalk.level = 0;
    try {
      fc.assert(
        fc.property(hostileToken, hostileToken, hostileString, fc.integer({ min: 20, max: 160 }), fc.integer({ min: 8, max: 60 }), (old, other, text, columns, rows) => {
          const viewport = { columns, rows };
          const rotations = rotationsOf(tokenOf(old, true), other.id, text);
          const lines: ScreenLine[] = [];
          for (const rotation of rotations) {
            lines.push({ text: rotateTitle(rotation) }, ...rotatePlanLines(rotation, viewport), ...rotatePlanLines(rotation, viewport, false));
            const flow = rotateFlowFrom({ rotation, journaled: true, createUncertain: false, wizard: null, ttlSource: null, back: HOME, queue: [] });
            lines.push(...summaryLines({ ...flow, problems: [text] }, columns));
          }
          lines.push(...interruptedLines(rotations, false, viewport), ...interruptedLines(rotations, true, viewport));
          const batch = batchFlowOf([old.id, other.id, text, old.extra], text);
          lines.push({ text: batchTitle(batch) }, ...batchSummaryLines(batch, columns), ...revokeBodyLines(batch, columns));
          const overview = { ...startFlow({ ids: [old.id, other.id], hiddenByFilter: 0 }, HOME, 1), step: { kind: 'overview' as const, overview: batchOf(old.description, text), gate: null } };
          lines.push({ text: batchTitle(overview) }, ...revokeBodyLines(overview, columns));
          expectSafeLines(drawn(lines));
        }),
        { numRuns: 30 },
      );
    } finally {
      chalk.level = originalLevel;
    }
  }, 60_000);

  it('the text primitives every screen lays out with', () => {
    fc.assert(
      fc.property(hostileString, fc.integer({ min: 1, max: 80 }), (text, width) => {
        expectSafeLine(truncateToWidth(text, width));
        expectSafeLine(fitToWidth(text, width));
        for (const line of wrapToWidth(text, width)) expectSafeLine(line);
        for (const line of wordWrapToWidth(text, width)) expectSafeLine(line);
        for (const line of wrapped(text, width, '  ')) expectSafeLine(line.text);
      }),
      RUNS,
    );
  });
});

describe('TUI components on a terminal', () => {
  const originalLevel = chalk.level;
  beforeEach(() => {
    chalk.level = 0;
  });
  afterEach(() => {
    chalk.level = originalLevel;
  });

  it('header, footer flash and a line list draw no raw control character', () => {
    fc.assert(
      fc.property(hostileString, hostileString, (text, other) => {
        const info = { contextLabel: text, adapterId: 'rest' as const, server: other, actingAs: text, readonly: true, demo: false };
        const data = { entries: new Map(), connection: 'stale' as const, loaded: true, syncedAt: null, error: other };
        const frames = [
          render(<Header info={info} data={data} summary={text} width={60} />),
          render(<Footer hints={[{ keys: '?', label: 'help' }]} width={60} flash={{ text, role: 'status.danger' }} />),
          render(<Footer hints={[{ keys: '?', label: 'help' }]} width={60} prompt={`/${text}`} position={other} />),
          render(<LineList lines={[{ text }, { text: other, role: 'status.warn' }]} top={0} height={2} />),
        ];
        for (const frame of frames) {
          expectSafeLines(frame.lastFrame() ?? '');
          frame.unmount();
        }
      }),
      { numRuns: 10 },
    );
  }, 60_000);
});

describe('the whole App', () => {
  const open = useAppHarness();

  it('lists, details and previews hostile tokens without a raw control character on screen', async () => {
    const tokens = HOSTILE_SAMPLES.map((sample, index) => ({
      ...tokenOf({ id: `tok${index}${sample}`, description: `d ${sample} d`, scope: sample, invalid: index === 0 ? sample : null, group: sample, extra: sample }),
    }));
    const app = open({ tokens, columns: 100, rows: 30 });
    await app.waitForText('tok1');
    app.ui.write('\r'); // details of the first row
    await app.waitForText('Revision');
    app.ui.write('\u001b'); // back
    await app.waitForText('sort:');
    for (const frame of app.ui.frames) expectSafeLines(frame);
    // And the escapes are visible, not dropped: the operator sees something odd is there.
    expect(app.ui.frames.join('\n')).toContain('\\x1b]2;pwned');
  });
});
