import { describe, expect, it } from 'vitest';
import { maskedJoinCommand } from '../../src/adapters/kubeadm/join-command.ts';
import { detailFields, detailLines, type TargetInfo } from '../../src/ui/features/details/details-model.ts';
import { T0, token } from './fixtures.ts';

const kubeadm: TargetInfo = {
  adapterId: 'kubeadm',
  context: 'ctx',
  server: 'https://10.0.0.1:6443/',
  joinCommand: true,
  // What the kubeadm adapter declares as its join shape (capabilities.joinCommandShape).
  joinCommandShape: (id) => maskedJoinCommand('https://10.0.0.1:6443/', id),
};
const rest: TargetInfo = { adapterId: 'rest', context: 'ctx', server: 'https://tokens.example', joinCommand: true };
const byLabel = (fields: ReturnType<typeof detailFields>) => Object.fromEntries(fields.map((field) => [field.label, field.value]));

describe('details model', () => {
  it('lists every field, with expiry in UTC and local time', () => {
    const fields = byLabel(detailFields({ token: token('abcdef', { description: 'workers', expiresAt: T0, usesRemaining: 3, isDefault: true, extras: { node: 'n1' } }), reportedAt: T0 }, kubeadm));
    expect(fields).toMatchObject({ ID: 'abcdef', Description: 'workers', 'Expires (UTC)': '2026-11-20T12:00:00Z', 'Uses left': '3', Default: '★ yes', node: 'n1' });
    expect(fields['Expires (local)']).toMatch(/^2026-11-2[01] \d\d:\d\d:00 UTC[+-]\d\d:\d\d/);
    expect(fields.Groups).toBe('system:bootstrappers:kubeadm:default-node-token');
  });

  it('gives the reason of an invalid record', () => {
    const fields = byLabel(detailFields({ token: token('broken', { invalidReason: 'token-secret is missing' }), reportedAt: T0 }, kubeadm));
    expect(fields['Invalid because']).toBe('token-secret is missing');
  });

  it("shows the adapter's join shape with the secret masked, and none for a backend without one", () => {
    const kubeadmFields = byLabel(detailFields({ token: token('abcdef'), reportedAt: T0 }, kubeadm));
    expect(kubeadmFields['Join command']).toBe('kubeadm join 10.0.0.1:6443 --token abcdef.**************** --discovery-token-ca-cert-hash sha256:<ca-cert-hash>');
    const restFields = byLabel(detailFields({ token: token('tok-1', { scope: 'edge nodes' }), reportedAt: T0 }, rest));
    expect(restFields).toMatchObject({ Scope: 'edge nodes' });
    expect(restFields.Secret).toContain('shown only once');
    expect(restFields['Join command']).toBeUndefined();
  });

  it("says which token a rotation's replacement replaces, where the backend records it", () => {
    expect(byLabel(detailFields({ token: token('ghijkl', { replaces: 'abcdef' }), reportedAt: T0 }, kubeadm)).Replaces).toBe('abcdef (created by a rotation of abcdef)');
    expect(byLabel(detailFields({ token: token('ghijkl'), reportedAt: T0 }, kubeadm)).Replaces).toBeUndefined();
  });

  it('wraps long values under their own column', () => {
    const lines = detailLines([{ label: 'Join command', value: 'x'.repeat(100) }], 60);
    expect(lines.map((line) => line.label)).toEqual(['Join command', '', '']);
    expect(lines.every((line) => line.text.length <= 60 - 'Join command'.length - 2)).toBe(true);
  });
});
