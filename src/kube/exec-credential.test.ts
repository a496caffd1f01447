import { describe, expect, it } from 'vitest';
import { execCommandPath, parseExecCredential, redactPluginOutput } from './exec-credential.ts';

const V1 = 'client.authentication.k8s.io/v1';
const credential = (status: object, apiVersion = V1) => JSON.stringify({ apiVersion, kind: 'ExecCredential', status });

describe('parseExecCredential', () => {
  it('reads a token and its expiry, or a client certificate pair', () => {
    expect(parseExecCredential(credential({ token: 't', expirationTimestamp: '2026-11-23T10:00:00Z' }), V1)).toEqual({ token: 't', expiresAtMs: Date.parse('2026-11-23T10:00:00Z') });
    expect(parseExecCredential(credential({ clientCertificateData: 'C', clientKeyData: 'K' }), V1)).toMatchObject({ clientCertificatePem: 'C', clientKeyPem: 'K', expiresAtMs: undefined });
  });

  it.each([
    ['not JSON', 'oops', /not JSON/],
    ['another apiVersion', credential({ token: 't' }, 'client.authentication.k8s.io/v1beta1'), /returned apiVersion "client.authentication.k8s.io\/v1beta1" but is configured for/],
    ['no credential', credential({}), /neither a token nor a client certificate/],
    ['half a certificate', credential({ clientCertificateData: 'C' }), /only one of/],
    ['a bad expiry', credential({ token: 't', expirationTimestamp: 'tomorrow' }), /not RFC 3339/],
  ])('refuses %s', (_name, stdout, problem) => {
    expect(() => parseExecCredential(stdout, V1)).toThrow(problem);
  });
});

describe('redactPluginOutput', () => {
  it('keeps the first non-empty line and blanks token-shaped text', () => {
    expect(redactPluginOutput('\nerror: token=s3cr3t expired\nsecond')).toBe('error: token=[redacted] expired');
    expect(redactPluginOutput('got eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln back')).toBe('got [redacted] back');
    expect(redactPluginOutput(`id ${'A'.repeat(48)} refused`)).toBe('id [redacted] refused');
  });
});

describe('execCommandPath', () => {
  const exec = { args: [], env: [], apiVersion: V1, baseDir: '/home/u/.kube' };
  it('resolves a relative path against the kubeconfig directory, leaves PATH names alone', () => {
    expect(execCommandPath({ ...exec, command: './bin/token' })).toBe('/home/u/.kube/bin/token');
    expect(execCommandPath({ ...exec, command: 'aws' })).toBe('aws');
    expect(execCommandPath({ ...exec, command: '/usr/bin/aws' })).toBe('/usr/bin/aws');
  });
});
