// The floor for any Node implementation of `tokentui list`: a bare script that only starts
// Node, sends the same LIST as `tokentui list` (its query, page size included) over node:https with the
// admin bearer token and parses the JSON.
// bench/list-vs-kubeadm.mjs times it beside tokentui and kubeadm.
import { readFileSync } from 'node:fs';
import { request } from 'node:https';

const url = `${process.env.TOKENTUI_K8S_SERVER}/api/v1/namespaces/kube-system/secrets?fieldSelector=type%3Dbootstrap.kubernetes.io%2Ftoken&limit=15000`;
const headers = { authorization: `Bearer ${process.env.TOKENTUI_K8S_ADMIN_TOKEN ?? 'admin-token-123'}`, accept: 'application/json' };
// The marks bench/support/phase-marks.mjs records when it is preloaded (as tokentui's).
const mark = (name) => globalThis[Symbol.for('tokentui.phaseMark')]?.(name);
mark('main');
request(url, { ca: readFileSync(process.env.TOKENTUI_K8S_CA), headers }, (response) => {
  const chunks = [];
  response.on('data', (chunk) => chunks.push(chunk));
  response.on('end', () => {
    const { items } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    mark('listed');
    process.stdout.write(`${items.length}\n`);
  });
}).end();
