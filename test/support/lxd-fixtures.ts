// Token operations as Debian's lxd 5.0.2 returned them (the secrets belong to a daemon long gone).
import type { LxdOperation } from '../../src/adapters/lxd/wire.ts';

export const JOIN_OPERATION: LxdOperation = {
  id: 'a6d1d741-0c7c-45cf-939f-70e256ebab82',
  class: 'token',
  description: 'Executing operation',
  created_at: '2026-12-06T14:09:13.337509164Z',
  updated_at: '2026-12-06T14:09:13.337509164Z',
  status: 'Running',
  status_code: 103,
  metadata: {
    addresses: ['127.0.0.1:18443'],
    expiresAt: '2026-12-06T16:09:13.33631178Z',
    fingerprint: 'e20e1c38f48ebe05aa625cb184568742dd27528f1ed66746324881d882ad7d5d',
    secret: 'eb232dec35a0003506dfba1795fdbef49982a909851e52bfc718a5ced8ee570c',
    serverName: 'member2',
  },
  may_cancel: true,
  err: '',
  location: 'node1',
};

export const TRUST_OPERATION: LxdOperation = {
  id: '0a2b6b0f-d269-42a4-8bf5-708ab9e7027f',
  class: 'token',
  created_at: '2026-12-06T14:09:20.667035422Z',
  status: 'Running',
  metadata: {
    addresses: ['127.0.0.1:18443'],
    fingerprint: 'e20e1c38f48ebe05aa625cb184568742dd27528f1ed66746324881d882ad7d5d',
    request: { name: 'ci runner', type: 'client', restricted: true, projects: ['default', 'web'], certificate: '', password: '', token: true },
    secret: '42862c845c024fff3502201828ea693276b1cc4fb8939f8dfd776369a6944180',
  },
  location: 'node1',
};

/** An lxc client config.yml as lxc writes it: an image server, the local socket, two HTTPS remotes. */
export const LXC_CONFIG = `default-remote: prod
remotes:
  images:
    addr: https://images.linuxcontainers.org
    protocol: simplestreams
    public: true
  local:
    addr: unix://
    public: false
  prod:
    addr: https://10.0.0.5:8443
    project: default
    protocol: lxd
    public: false
  lab:
    addr: https://lab.example
    protocol: lxd
aliases: {}
`;
