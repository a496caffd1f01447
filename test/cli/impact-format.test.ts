// The text of an impact preview: grouped by kind (breaking first), unknowns with why, the
// confirmation; and nothing from the backend can drive the terminal or show a secret.
import { impactFingerprint } from '../../src/core/impact-fingerprint.ts';
import { describe, expect, it } from 'vitest';
import { formatImpactText, impactJson } from '../../src/cli/impact-format.ts';
import type { ImpactPreview } from '../../src/core/impact.ts';

const base = { tokenId: 'abcdef', fingerprint: 'uid-1:42', computedAt: 0 } as const;

describe('formatImpactText', () => {
  it('groups items by kind, breaking consequences first, then what is unknown and the confirmation', () => {
    const preview: ImpactPreview = {
      ...base,
      state: 'known',
      items: [
        { kind: 'joined-keeps-working', subject: 'node-old', detail: 'CSR csr-1 approved' },
        { kind: 'signature-removed', subject: 'kube-public/cluster-info jws-kubeconfig-abcdef', detail: 'discovery fails' },
        { kind: 'join-in-progress', subject: 'node-a', detail: 'CSR csr-2 pending' },
        { kind: 'join-in-progress', subject: 'node-b', detail: '' },
        { kind: 'dependent-object', subject: 'kube-system/kubeadm-certs', detail: 'garbage-collected' },
      ],
      unknowns: ['cannot list CSRs: forbidden'],
    };
    expect(formatImpactText(preview)).toBe(
      [
        'Impact of revoking token abcdef: HIGH',
        'Joins in progress that will fail (2):',
        '  node-a',
        '    CSR csr-2 pending',
        '  node-b',
        'Objects that depend on the token (1):',
        '  kube-system/kubeadm-certs',
        '    garbage-collected',
        'Signatures that disappear (1):',
        '  kube-public/cluster-info jws-kubeconfig-abcdef',
        '    discovery fails',
        'Joined with this token (keep working) (1):',
        '  node-old',
        '    CSR csr-1 approved',
        'Could not determine:',
        '  - cannot list CSRs: forbidden',
        'Confirmation needed: type the token id "abcdef"; on the command line: --confirm abcdef',
        '',
      ].join('\n'),
    );
  });

  it('an informational-only preview is low severity and still needs the id typed', () => {
    const text = formatImpactText({ ...base, state: 'known', items: [{ kind: 'joined-keeps-working', subject: 'n1', detail: 'ok' }], unknowns: [] });
    expect(text).toMatch(/^Impact of revoking token abcdef: LOW\n/);
    expect(text).toContain('type the token id "abcdef"');
  });

  it('defuses terminal escapes and redacts secrets that a backend put into a subject or detail', () => {
    const text = formatImpactText({
      ...base,
      state: 'known',
      items: [{ kind: 'machine-loses-access', subject: 'evil\u001b[2Jnode', detail: 'joined with abcdef.0123456789abcdef\nforged line' }],
      unknowns: ['why\u0007'],
    });
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(text).toContain('evil\\x1b[2Jnode');
    expect(text).not.toContain('0123456789abcdef');
    expect(text).toContain('\\x0aforged line');
  });

  it('an unknown preview says why and counts as high', () => {
    const preview: ImpactPreview = { ...base, state: 'unknown', reason: 'the rest adapter cannot preview impact' };
    expect(formatImpactText(preview)).toBe(
      'Impact of revoking token abcdef: UNKNOWN (treated as HIGH)\nWhy: the rest adapter cannot preview impact\n' +
        'Confirmation needed: type the token id "abcdef"; on the command line: --confirm abcdef\n',
    );
    expect(impactJson(preview)).toEqual({ ...preview, computedAt: '1970-01-01T00:00:00Z', impactFingerprint: impactFingerprint(preview), severity: 'high', requiredConfirmation: 'type-id' });
  });
});
