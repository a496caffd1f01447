// The floor for any Node implementation of `tokentui list --contexts a,b,c -o json`: a bare script
// that only starts Node, sends the same LIST to every cluster at once (its query, page size
// included) over node:https with each cluster's admin bearer token and CA, and parses the JSON
// answers. No kubeconfig is read and nothing is printed but the count. bench/fleet-list.mjs
// times it beside tokentui and kubeadm. BARE_FLEET: JSON [{ server, token, caFile }].
import { readFileSync } from 'node:fs';
import { request } from 'node:https';

const clusters = JSON.parse(process.env.BARE_FLEET ?? '[]');
const path = '/api/v1/namespaces/kube-system/secrets?fieldSelector=type%3Dbootstrap.kubernetes.io%2Ftoken&limit=15000';
const answers = clusters.map(
  ({ server, token, caFile }) =>
    new Promise((resolve, reject) => {
      const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
      request(`${server}${path}`, { ca: readFileSync(caFile), headers }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')).items.length));
        response.on('error', reject);
      })
        .on('error', reject)
        .end();
    }),
);
const counts = await Promise.all(answers);
process.stdout.write(`${counts.reduce((sum, count) => sum + count, 0)}\n`);
