// Preloaded (`node --import ./bench/support/phase-marks.mjs`) into the process a benchmark times:
// records when each phase of a one-shot list ends and prints them, at exit, as one stderr line
// `TOKENTUI_PHASES {...}` (times in ms since the process started, performance.timeOrigin).
// Sources: Node's own start-up timings, Node's http diagnostics channels (request sent, TLS
// connected, answer's head, first and last body byte), JSON.parse and stdout.write wrapped
// (their total time), and the program's own marks (src/core/phase-marks.ts: `main` when the
// program's modules are loaded, `listed` when the tokens are mapped). bench/support/bare-list.mjs
// marks `main` too, so the floor and tokentui are cut at the same points.
import { subscribe } from 'node:diagnostics_channel';

const now = () => performance.now();
const marks = {};
const first = (name) => {
  marks[name] ??= now();
};
let parseMs = 0;
let parses = 0;
let writeMs = 0;
let writes = 0;

globalThis[Symbol.for('tokentui.phaseMark')] = (name) => first(name);

// Only the LIST of Secrets is followed: tokentui also asks GET /version (which backend it is).
const isTheList = (request) => request.path.includes('/secrets');

subscribe('http.client.request.start', ({ request }) => {
  if (!isTheList(request)) return;
  first('requestSent');
  const watch = (socket) => {
    // A socket reused from the keep-alive pool is connected already.
    if (socket.encrypted ? socket._secureEstablished : !socket.connecting) return first('connected');
    socket.once(socket.encrypted ? 'secureConnect' : 'connect', () => first('connected'));
  };
  // Published once the request has its socket (Node 24), or before: then wait for it.
  if (request.socket) watch(request.socket);
  else request.once('socket', watch);
});
subscribe('http.client.response.finish', ({ request, response }) => {
  if (!isTheList(request)) return;
  first('answerHead');
  response.once('data', () => first('firstByte'));
  response.once('end', () => first('lastByte'));
});

const parse = JSON.parse;
JSON.parse = function timedParse(text, reviver) {
  const started = now();
  try {
    return parse(text, reviver);
  } finally {
    parseMs += now() - started;
    parses += 1;
  }
};

const write = process.stdout.write;
process.stdout.write = function timedWrite(...args) {
  const started = now();
  first('firstWrite');
  try {
    return write.apply(this, args);
  } finally {
    writeMs += now() - started;
    writes += 1;
    marks.lastWrite = now();
  }
};

process.on('exit', () => {
  marks.exit = now();
  const timing = performance.nodeTiming;
  const line = {
    timeOrigin: performance.timeOrigin,
    bootstrapComplete: timing.bootstrapComplete,
    marks,
    parseMs,
    parses,
    writeMs,
    writes,
    cpu: process.cpuUsage(),
    maxRssKb: process.resourceUsage().maxRSS,
  };
  process.stderr.write(`TOKENTUI_PHASES ${JSON.stringify(line)}\n`);
});
