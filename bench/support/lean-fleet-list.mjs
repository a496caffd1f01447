// A lean reference for `tokentui list --contexts a,b,c -o json`: the least a Node client can do
// and still print the same JSON. It starts, sends the same LIST to every cluster at once over
// node:https (admin bearer token and CA handed in, as the bare floor does), maps each Secret to
// what tokentui prints (base64 fields decoded, usages, groups, expiry, TTL, status), sorts by
// context and id and writes the array 250 tokens at a time. What it leaves out is what tokentui
// is for beyond this one run: no command line, kubeconfig or config.json read, no contexts or
// credentials resolved, no malformed Secret reported, no text made terminal-safe, no deadline per
// context, no error worded. bench/fleet-list.mjs checks that its output is tokentui's (TTLs
// aside) and times it beside tokentui: the difference is what those cost before and after the
// LISTs. BARE_FLEET: JSON [{ context, server, token, caFile }].
import { readFileSync } from 'node:fs';
import { request } from 'node:https';

const clusters = JSON.parse(process.env.BARE_FLEET ?? '[]');
const path = '/api/v1/namespaces/kube-system/secrets?fieldSelector=type%3Dbootstrap.kubernetes.io%2Ftoken&limit=15000';
const PREFIX = 'usage-bootstrap-';

function toToken(secret) {
  const data = secret.data ?? {};
  const usages = [];
  for (const key in data) if (key.startsWith(PREFIX) && atob(data[key]) === 'true') usages.push(key.slice(PREFIX.length));
  const expiration = data.expiration === undefined ? null : Date.parse(atob(data.expiration));
  const groups = data['auth-extra-groups'] === undefined ? [] : atob(data['auth-extra-groups']).split(',');
  return { id: atob(data['token-id']), description: data.description === undefined ? '' : atob(data.description), expiresAt: expiration, usages: usages.sort(), groups };
}

const answers = clusters.map(
  ({ context, server, token, caFile }) =>
    new Promise((resolve, reject) => {
      const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
      request(`${server}${path}`, { ca: readFileSync(caFile), headers }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')).items.map((secret) => ({ context, token: toToken(secret) }))));
        response.on('error', reject);
      })
        .on('error', reject)
        .end();
    }),
);
const items = (await Promise.all(answers)).flat();
const now = Date.now();
const byContextAndId = (a, b) => (a.context !== b.context ? (a.context < b.context ? -1 : 1) : a.token.id < b.token.id ? -1 : a.token.id > b.token.id ? 1 : 0);
items.sort(byContextAndId);
const rfc3339 = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const view = ({ context, token }) => {
  const ttl = token.expiresAt === null ? null : Math.floor((token.expiresAt - now) / 1000);
  return {
    context,
    id: token.id,
    description: token.description,
    expiresAt: token.expiresAt === null ? null : rfc3339(token.expiresAt),
    ttlSeconds: ttl,
    status: ttl !== null && ttl <= 0 ? 'expired' : 'active',
    usages: token.usages,
    groups: token.groups,
  };
};
let head = '[\n';
for (let start = 0; start < items.length; start += 250) {
  const part = items.slice(start, start + 250).map((item) => JSON.stringify(view(item), null, 2).replace(/^/gm, '  ')).join(',\n');
  process.stdout.write(`${head}${part}${start + 250 < items.length ? ',\n' : '\n'}`);
  head = '';
}
process.stdout.write(items.length === 0 ? '[]\n' : ']\n');
