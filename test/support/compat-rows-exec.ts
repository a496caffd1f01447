// Matrix rows about credential plugins and auth-providers: EKS, GKE and AKS exec plugins, exec
// v1 with interactiveMode, a missing plugin, a plugin's client certificate, a 401 refresh, OIDC.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CompatFixture, CompatRow, RowRun } from './compat-harness.ts';
import { idToken, kubeconfigText, writeFile, writePlugin } from './compat-kubeconfig.ts';

const V1BETA1 = 'client.authentication.k8s.io/v1beta1';
const V1 = 'client.authentication.k8s.io/v1';
const cluster = (fixture: CompatFixture) => ({ server: fixture.server, 'certificate-authority-data': fixture.caData });
const bearer = (token: string) => ({ authorization: `Bearer ${token}`, impersonation: {} });
const DEVICE_CODE_PROMPT = 'To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code CMPT4242 to authenticate.\n';

function one(dir: string, text: string) {
  return { kubeconfigs: [writeFile(join(dir, 'config'), text)] };
}

function pluginRuns(dir: string, name: string): { argv: string[]; info: { spec?: Record<string, unknown> } }[] {
  return readFileSync(join(dir, `${name}.log`), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { argv: string[]; info: { spec?: Record<string, unknown> } });
}

export const EXEC_ROWS: readonly CompatRow[] = [
  {
    name: 'EKS: aws eks get-token (exec v1beta1 on PATH, args and env)',
    kubectl: true,
    setup: (fixture, dir) => {
      writePlugin(dir, 'aws', { token: 'k8s-aws-v1.compat', expiresInSeconds: 900 });
      const exec = { apiVersion: V1BETA1, command: 'aws', args: ['--region', 'eu-west-1', 'eks', 'get-token', '--cluster-name', 'prod'], env: [{ name: 'AWS_PROFILE', value: 'prod' }] };
      return one(dir, kubeconfigText({ cluster: cluster(fixture), user: { exec } }));
    },
    expect: () => ({ ok: true, identity: bearer('k8s-aws-v1.compat') }),
    check: (_fixture, dir) => {
      for (const run of pluginRuns(dir, 'aws')) expect(run.argv).toEqual(['--region', 'eu-west-1', 'eks', 'get-token', '--cluster-name', 'prod']);
    },
  },
  {
    name: 'GKE: gke-gcloud-auth-plugin with provideClusterInfo (spec.cluster with the CA and the exec extension)',
    kubectl: true,
    setup: (fixture, dir) => {
      writePlugin(dir, 'gke-gcloud-auth-plugin', { token: 'ya29.compat', expiresInSeconds: 3600 });
      const exec = { apiVersion: V1BETA1, command: 'gke-gcloud-auth-plugin', provideClusterInfo: true, installHint: 'Install gke-gcloud-auth-plugin for use with kubectl' };
      const withExtension = { ...cluster(fixture), extensions: [{ name: 'client.authentication.k8s.io/exec', extension: { audience: 'compat-audience', region: 'europe-west1' } }] };
      return one(dir, kubeconfigText({ cluster: withExtension, user: { exec } }));
    },
    expect: () => ({ ok: true, identity: bearer('ya29.compat') }),
    check: (fixture, dir, _tokentui, kubectl) => {
      const runs = pluginRuns(dir, 'gke-gcloud-auth-plugin');
      const expected = { server: fixture.server, 'certificate-authority-data': fixture.caData, config: { audience: 'compat-audience', region: 'europe-west1' } };
      expect(runs[0]?.info.spec?.cluster).toEqual(expected);
      // kubectl 1.20 ran the plugin after tokentui: the same spec.cluster.
      if (kubectl !== undefined) expect(runs.at(-1)?.info.spec?.cluster).toEqual(expected);
    },
  },
  {
    name: 'AKS: kubelogin device code, its prompt on stderr reaches the user',
    kubectl: true,
    setup: (fixture, dir) => {
      writePlugin(dir, 'kubelogin', { token: 'aad-token-compat', stderr: DEVICE_CODE_PROMPT, expiresInSeconds: 3600 });
      const exec = { apiVersion: V1BETA1, command: 'kubelogin', args: ['get-token', '--environment', 'AzurePublicCloud', '--server-id', '6dae42f8-4368-4678-94ff-3960e28e3630', '--login', 'devicecode'] };
      return one(dir, kubeconfigText({ cluster: cluster(fixture), user: { exec } }));
    },
    expect: () => ({ ok: true, identity: bearer('aad-token-compat') }),
    check: (_fixture, _dir, tokentui: RowRun, kubectl: RowRun | undefined) => {
      expect(tokentui.stderr).toContain(DEVICE_CODE_PROMPT);
      if (kubectl !== undefined) expect(kubectl.stderr).toContain(DEVICE_CODE_PROMPT);
    },
  },
  {
    // kubectl 1.20 predates exec v1 and interactiveMode (1.22).
    name: 'exec v1, interactiveMode Never: spec.interactive false, no stdin',
    kubectl: false,
    setup: (fixture, dir) => {
      writePlugin(dir, 'get-token', { token: 'v1-token', apiVersion: V1 });
      return one(dir, kubeconfigText({ cluster: cluster(fixture), user: { exec: { apiVersion: V1, command: 'get-token', interactiveMode: 'Never' } } }));
    },
    expect: () => ({ ok: true, identity: bearer('v1-token') }),
    check: (_fixture, dir) => expect(pluginRuns(dir, 'get-token')[0]?.info).toEqual({ apiVersion: V1, kind: 'ExecCredential', spec: { interactive: false } }),
  },
  {
    name: 'exec v1, interactiveMode Always without a terminal: refused, nothing run or sent',
    kubectl: false,
    setup: (fixture, dir) => {
      writePlugin(dir, 'login-always', { token: 'never-used', apiVersion: V1 });
      return one(dir, kubeconfigText({ cluster: cluster(fixture), user: { exec: { apiVersion: V1, command: 'login-always', interactiveMode: 'Always' } } }));
    },
    expect: () => ({ ok: false, stderr: /needs a terminal \(interactiveMode: Always\), and standard input is not one/ }),
  },
  {
    name: 'exec plugin not installed: the installHint, at once',
    kubectl: true,
    setup: (fixture, dir) => {
      const exec = { apiVersion: V1BETA1, command: 'aws-iam-authenticator', args: ['token', '-i', 'prod'], installHint: 'aws-iam-authenticator is required: see https://example.test/install' };
      return one(dir, kubeconfigText({ cluster: cluster(fixture), user: { exec } }));
    },
    expect: () => ({ ok: false, stderr: /not installed[\s\S]*hint: aws-iam-authenticator is required: see https:\/\/example\.test\/install/, withinMs: 2_000 }),
  },
  {
    name: 'exec command relative to the kubeconfig directory',
    kubectl: true,
    setup: (fixture, dir) => {
      writePlugin(dir, 'local-plugin', { token: 'relative-token' });
      return one(dir, kubeconfigText({ cluster: cluster(fixture), user: { exec: { apiVersion: V1BETA1, command: './bin/local-plugin' } } }));
    },
    expect: () => ({ ok: true, identity: bearer('relative-token') }),
  },
  {
    name: 'exec plugin that returns a client certificate',
    kubectl: true,
    setup: (fixture, dir) => {
      writePlugin(dir, 'cert-plugin', { clientCert: fixture.pki.client('exec-cert-user') });
      return one(dir, kubeconfigText({ cluster: cluster(fixture), user: { exec: { apiVersion: V1BETA1, command: 'cert-plugin' } } }));
    },
    expect: () => ({ ok: true, identity: { clientCert: 'exec-cert-user', impersonation: {} } }),
  },
  {
    // client-go refreshes after the 401 but returns the 401 to kubectl; tokentui retries once.
    name: 'exec credential rejected with 401: the plugin runs again and the request is retried',
    kubectl: false,
    setup: (fixture, dir) => {
      writePlugin(dir, 'rotating', { token: 'stale-${run}' });
      return one(dir, kubeconfigText({ cluster: cluster(fixture), user: { exec: { apiVersion: V1BETA1, command: 'rotating' } } }));
    },
    expect: () => ({ ok: false, stderr: /Unauthorized/, reached: true }),
    check: (_fixture, dir, tokentui) => {
      // Every credential it got was stale: it asked the plugin again after the 401, then reported it.
      expect(pluginRuns(dir, 'rotating').length).toBeGreaterThanOrEqual(2);
      const sent = new Set(tokentui.requests.map((request) => request.authorization));
      expect(sent.has('Bearer stale-1') && sent.has('Bearer stale-2')).toBe(true);
    },
  },
  {
    name: 'OIDC auth-provider with a valid id-token',
    kubectl: true,
    setup: (fixture, dir) => {
      const config = { 'client-id': 'kubernetes', 'idp-issuer-url': 'https://issuer.test', 'id-token': idToken(Math.floor(Date.now() / 1000) + 3600), 'refresh-token': 'refresh-compat' };
      return one(dir, kubeconfigText({ cluster: cluster(fixture), user: { 'auth-provider': { name: 'oidc', config } } }));
    },
    expect: (fixture, dir) => {
      const text = readFileSync(join(dir, 'config'), 'utf8');
      const token = /id-token: (\S+)/.exec(text)?.[1]?.replaceAll('"', '');
      if (token === undefined) throw new Error(`no id-token in ${dir}/config (server ${fixture.server})`);
      return { ok: true, identity: bearer(token) };
    },
  },
  {
    name: 'OIDC auth-provider with an expired id-token: says so and how to refresh, sends nothing',
    kubectl: false,
    setup: (fixture, dir) => {
      const config = { 'client-id': 'kubernetes', 'idp-issuer-url': 'https://issuer.test', 'id-token': idToken(Math.floor(Date.now() / 1000) - 60), 'refresh-token': 'refresh-compat' };
      return one(dir, kubeconfigText({ cluster: cluster(fixture), user: { 'auth-provider': { name: 'oidc', config } } }));
    },
    expect: () => ({ ok: false, stderr: /OIDC id-token of user "compat-user" expired at [\s\S]*hint: run any kubectl command once with this context/ }),
  },
  ...(['gcp', 'azure'] as const).map(
    (provider): CompatRow => ({
      // kubectl 1.20 still had these providers; 1.26 removed them.
      name: `auth-provider ${provider}: refused, naming what replaced it`,
      kubectl: false,
      setup: (fixture, dir) => one(dir, kubeconfigText({ cluster: cluster(fixture), user: { 'auth-provider': { name: provider, config: { 'access-token': 'old' } } } })),
      expect: () => ({ ok: false, stderr: new RegExp(`"${provider}" auth-provider, which kubectl 1\\.26 removed[\\s\\S]*hint: switch the user to ${provider === 'gcp' ? 'gke-gcloud-auth-plugin' : 'kubelogin'}`) }),
    }),
  ),
];
