import { describe, expect, it } from 'vitest';
import { createdTokenProblem, joinCommandProblem } from './credential-shape.ts';

describe('createdTokenProblem', () => {
  it('passes the credentials every adapter makes', () => {
    expect(createdTokenProblem('abcdef', 'abcdef.0123456789abcdef')).toBeNull();
    expect(createdTokenProblem('abcdef', `K10${'a'.repeat(64)}::abcdef.0123456789abcdef`)).toBeNull();
    expect(createdTokenProblem('0f1e2d3c-aaaa-bbbb-cccc-123456789abc', 'eyJjbGllbnRfbmFtZSI6Im4xIn0=')).toBeNull();
  });

  it('refuses what a terminal or a shell would act on, without quoting it', () => {
    for (const secret of ['evl001.$(touch /tmp/x)', 'abcdef.01234\u001b]52;c;eA==\u0007', 'abcdef.0123456789abcdef\nrm -rf ~', "a'b", 'a b', '']) {
      const problem = createdTokenProblem('abcdef', secret);
      expect(problem, JSON.stringify(secret)).toMatch(/secret holds characters/);
      if (secret !== '') expect(problem).not.toContain(secret);
    }
    expect(createdTokenProblem('ab\u202ecd', 'abcdef.0123456789abcdef')).toMatch(/token id/);
  });
});

describe('joinCommandProblem', () => {
  it('allows the line breaks of a multi-line join command, nothing else a terminal acts on', () => {
    expect(joinCommandProblem('curl … | sh -s - agent\n# where k3s is already installed: k3s agent …')).toBeNull();
    expect(joinCommandProblem('kubeadm join 10.0.0.1:6443 --token \u001b]2;x\u0007')).not.toBeNull();
    expect(joinCommandProblem('kubeadm join \u202e')).not.toBeNull();
  });
});
