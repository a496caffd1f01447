import fc from 'fast-check';
import { dump, load, type DumpOptions } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { TokenTuiError } from '../core/errors.ts';
import { parseKubeconfigFile } from './kubeconfig-file.ts';
import { parseSimpleYaml } from './simple-yaml.ts';
import { isYamlError, parseYaml } from './yaml.ts';

const CA_DATA = Buffer.from('-----BEGIN CERTIFICATE-----\nZmFrZSBjYQ==\n-----END CERTIFICATE-----\n').toString('base64');

/** The fast path was taken and it agrees with js-yaml. */
function expectFastPath(text: string): void {
  const fast = parseSimpleYaml(text);
  expect(fast).not.toBeUndefined();
  expect(fast).toStrictEqual(load(text));
}

/** The differential property: refuse, or return exactly what js-yaml returns. True when accepted. */
function agreesWithJsYaml(text: string): boolean {
  const fast = parseSimpleYaml(text);
  if (fast === undefined) return false;
  let expected: unknown;
  try {
    expected = load(text);
  } catch (error) {
    throw new Error(`accepted a text js-yaml rejects (${isYamlError(error) ? error.reason : String(error)}): ${JSON.stringify(text)}`);
  }
  expect(fast, JSON.stringify(text)).toStrictEqual(expected);
  return true;
}

// kubeadm's admin.conf and k3s's k3s.yaml: client-go's writer (sorted keys, indentless lists).
const kubeadmAdminConf = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${CA_DATA}
    server: https://10.0.0.10:6443
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: kubernetes-admin
  name: kubernetes-admin@kubernetes
current-context: kubernetes-admin@kubernetes
kind: Config
preferences: {}
users:
- name: kubernetes-admin
  user:
    client-certificate-data: ${CA_DATA}
    client-key-data: ${CA_DATA}
`;
const k3sYaml = kubeadmAdminConf.replaceAll('kubernetes-admin@kubernetes', 'default').replaceAll('kubernetes-admin', 'default')
  .replaceAll('kubernetes', 'default').replace('https://10.0.0.10:6443', 'https://127.0.0.1:6443');
// kube-public/cluster-info as kubeadm's clientcmd.Write leaves it: empty name, null lists.
const clusterInfoKubeconfig = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${CA_DATA}
    server: https://10.0.0.10:6443
  name: ""
contexts: null
current-context: ""
kind: Config
preferences: {}
users: null
`;
const execPluginUser = `apiVersion: v1
kind: Config
clusters:
- name: arn:aws:eks:us-west-2:123456789012:cluster/demo
  cluster:
    server: https://ABCDEF0123456789.gr7.us-west-2.eks.amazonaws.com
    insecure-skip-tls-verify: true
    tls-server-name: api.internal
users:
- name: eks-user
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args:
      - --region
      - us-west-2
      - eks
      - get-token
      - --cluster-name
      - demo
      env:
      - name: AWS_PROFILE
        value: prod
      - name: EMPTY
        value: ""
      interactiveMode: IfAvailable
      provideClusterInfo: false
contexts: []
current-context: ""
preferences: {}
`;
const quotedValues = `# written by hand
clusters: null
users:
-   name: 'ops'
    user:
      username: "admin"
      password: '12345'
      token: 'it''s a token'
contexts:
  - name: "alpha"
    context:
      cluster: shared
      user: ops
      namespace: kube-system
`;

const realKubeconfigs: readonly (readonly [string, string])[] = [
  ['kubeadm cluster-info', clusterInfoKubeconfig],
  ['kubeadm admin.conf', kubeadmAdminConf],
  ['k3s.yaml', k3sYaml],
  ['exec plugin user', execPluginUser],
  ['quoted values, comments, wider indents', quotedValues],
  ['CRLF line endings', kubeadmAdminConf.replaceAll('\n', '\r\n')],
];

describe('parseSimpleYaml: real kubeconfigs take the fast path and equal js-yaml', () => {
  it.each(realKubeconfigs)('%s', (_, text) => {
    expectFastPath(text);
  });

  it('reads the values a kubeconfig cares about with their types', () => {
    expect(parseSimpleYaml(execPluginUser)).toMatchObject({
      clusters: [{ cluster: { 'insecure-skip-tls-verify': true } }],
      users: [{ user: { exec: { args: ['--region', 'us-west-2', 'eks', 'get-token', '--cluster-name', 'demo'], env: [{ name: 'AWS_PROFILE', value: 'prod' }, { name: 'EMPTY', value: '' }] } } }],
      'current-context': '',
      preferences: {},
    });
    expect(parseSimpleYaml(quotedValues)).toMatchObject({ clusters: null, users: [{ name: 'ops', user: { password: '12345', token: "it's a token" } }] });
  });
});

describe('parseSimpleYaml refuses everything outside the subset; parseYaml hands it to js-yaml', () => {
  it.each<[string, string, unknown]>([
    ['tab after a colon', 'a:\tb\n', { a: 'b' }],
    ['BOM', '\uFEFFa: 1\n', { a: 1 }],
    ['lone CR line break', 'a: 1\rb: 2', { a: 1, b: 2 }],
    ['document start marker', '---\na: 1\n', { a: 1 }],
    ['document end marker', 'a: 1\n...\n', { a: 1 }],
    ['directive', '%YAML 1.2\n---\na: 1\n', { a: 1 }],
    ['anchor and alias', 'a: &x 1\nb: *x\n', { a: 1, b: 1 }],
    ['tag', 'a: !!str 1\n', { a: '1' }],
    ['literal block scalar', 'a: |\n  x\n  y\n', { a: 'x\ny\n' }],
    ['folded block scalar', 'a: >-\n  x\n  y\n', { a: 'x y' }],
    ['flow mapping', 'a: {b: 1}\n', { a: { b: 1 } }],
    ['flow sequence', 'a: [x, y]\n', { a: ['x', 'y'] }],
    ['empty flow mapping with a space', 'a: { }\n', { a: {} }],
    ['multi-line plain scalar', 'a: one\n  two\n', { a: 'one two' }],
    ['comment after a plain value', 'a: x # note\n', { a: 'x' }],
    ['comment after a quoted value', "a: 'x' # note\n", { a: 'x' }],
    ['double-quoted escape', 'a: "x\\ty"\n', { a: 'x\ty' }],
    ['quoted key', '"a": 1\n', { a: 1 }],
    ['complex key', '? a\n: 1\n', { a: 1 }],
    ['merge-looking key', '<<: x\n', { '<<': 'x' }],
    ['key that is a boolean', 'True: 1\n', { true: 1 }],
    ['key that is a number', '0x10: a\n', { 16: 'a' }],
    ['__proto__ key', '__proto__: 1\n', JSON.parse('{"__proto__":1}')],
    ['nested compact sequence', '- - a\n  - b\n', [['a', 'b']]],
    ['yes', 'a: yes\n', { a: 'yes' }],
    ['No', 'a: No\n', { a: 'No' }],
    ['True', 'a: True\n', { a: true }],
    ['NULL', 'a: NULL\n', { a: null }],
    ['leading zero', 'a: 007\n', { a: 7 }],
    ['hex', 'a: 0x1F\n', { a: 31 }],
    ['exponent', 'a: 1e3\n', { a: 1000 }],
    ['float', 'a: 1.5\n', { a: 1.5 }],
    ['.inf', 'a: .inf\n', { a: Infinity }],
    ['date', 'a: 2001-12-14\n', { a: '2001-12-14' }],
    ['sexagesimal-looking', 'a: 12:30\n', { a: '12:30' }],
    ['plus sign', 'a: +1\n', { a: 1 }],
    ['minus zero', 'a: -0\n', { a: -0 }],
    ['beyond safe integers', 'a: 9007199254740993\n', { a: 9007199254740992 }],
  ])('%s', (_, text, expected) => {
    expect(parseSimpleYaml(text)).toBeUndefined();
    expect(parseYaml(text)).toStrictEqual(expected);
  });

  it('leaves errors to js-yaml, whose errors isYamlError recognises', () => {
    for (const text of ['a: 1\na: 2\n', 'a:\n\tb: 1\n', 'k:\n  - a\n - b\n', '', '# only a comment\n', 'a: [1\n']) {
      expect(parseSimpleYaml(text)).toBeUndefined();
      let caught: unknown;
      try {
        parseYaml(text);
      } catch (error) {
        caught = error;
      }
      expect(isYamlError(caught), JSON.stringify(text)).toBe(true);
    }
    expect(isYamlError(new Error('x'))).toBe(false);
  });

  it('a duplicate key in a kubeconfig is reported with its line, as before', () => {
    const text = 'clusters: []\nusers: []\nclusters: []\n';
    expect(() => parseKubeconfigFile('/k/config', text)).toThrow(TokenTuiError);
    expect(() => parseKubeconfigFile('/k/config', text)).toThrow(/^kubeconfig \/k\/config: line 3: duplicated mapping key/);
  });
});

// ---- differential properties: whatever the text, refuse or agree with js-yaml ----

type Tree = string | number | boolean | null | Tree[] | { [key: string]: Tree };
type Block = Tree[] | { [key: string]: Tree };

const TRICKY_STRINGS = [
  '', 'yes', 'No', 'on', 'OFF', 'y', 'n', '~', '~/bin/x', 'null', 'NULL', 'true', 'True', 'FALSE', '0', '-0', '7', '-12', '007', '+1',
  '0x1F', '0o17', '1_000', '1e3', '1.5', '.5', '.inf', '-.inf', '.nan', 'NaN', 'Infinity', '9007199254740993', '2001-12-14',
  '2001-12-14T21:59:43Z', '12:30', 'a: b', 'a:b', 'a:', ':a', 'a #b', 'a#b', '#x', '-x', '--region', '- x', '-', '---', '...',
  '? x', '?x', "it's", "''", 'say "hi"', 'back\\slash', ' lead', 'trail ', 'in  side', 'https://h:6443/p?q=1#f',
  'arn:aws:eks:us-west-2:1:cluster/x', 'a,b', 'a[0]', '{x}', '{}', '[]', '&a', '*a', '!t', '!!str', '|', '>', '%x', '@x', '`x', '<<',
  '=', 'é', '日本語', '😀', 'x\u00A0', '\u00A0x', 'a\u2028b', '\uFEFFx', 'a\tb', 'a\nb', 'a\rb', 'a\r\nb', '\uD800',
];
const KUBECONFIG_KEYS = [
  'apiVersion', 'kind', 'clusters', 'cluster', 'name', 'server', 'certificate-authority-data', 'insecure-skip-tls-verify', 'users',
  'user', 'token', 'exec', 'command', 'args', 'env', 'value', 'contexts', 'context', 'namespace', 'current-context', 'preferences',
];
const TRICKY_KEYS = ['y', 'on', 'True', 'null', '1', '007', '1e3', '__proto__', 'a b', 'a:b', '<<', 'x.y/z', '-k', '_k', 'k-', 'é', '#k', "'k'", '? k', ''];
// Short strings made of YAML's syntax characters, so that collisions with the grammar are frequent.
const yamlishString = fc.string({
  unit: fc.constantFrom(' ', ':', '#', '-', "'", '"', 'a', 'Z', '1', '0', '.', '\\', '\t', '\n', '\r', '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '%', '@', '`', '~', '?', '/', 'é', '\u00A0', '\u2028', '\uFEFF'),
  maxLength: 10,
});
// Values as kubeconfigs hold them, so that most documents are inside the subset.
const kubeconfigValue = fc.oneof(
  fc.constantFrom('v1', 'Config', 'https://127.0.0.1:6443', 'client.authentication.k8s.io/v1beta1', '--region', 'IfAvailable', '/usr/bin/aws', 'a@b'),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/),
  fc.base64String({ minLength: 4, maxLength: 60 }),
);
const scalarArbitrary: fc.Arbitrary<Tree> = fc.oneof(
  { arbitrary: kubeconfigValue, weight: 30 },
  fc.constantFrom(...TRICKY_STRINGS),
  yamlishString,
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.base64String({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const keyArbitrary = fc.oneof({ arbitrary: fc.constantFrom(...KUBECONFIG_KEYS), weight: 20 }, fc.constantFrom(...TRICKY_KEYS), yamlishString);
const { tree: treeArbitrary } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small' },
    scalarArbitrary,
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.dictionary(keyArbitrary, tie('tree'), { maxKeys: 4, noNullPrototype: true }),
  ),
}));
const documentArbitrary: fc.Arbitrary<Block> = fc.oneof(
  fc.dictionary(keyArbitrary, treeArbitrary, { minKeys: 1, maxKeys: 6, noNullPrototype: true }),
  fc.array(treeArbitrary, { minLength: 1, maxLength: 4 }),
);
const dumpOptionsArbitrary: fc.Arbitrary<DumpOptions> = fc.record({
  indent: fc.integer({ min: 1, max: 4 }),
  seqNoIndent: fc.boolean(),
  seqInlineFirst: fc.boolean(),
  quoteStyle: fc.constantFrom('single', 'double'),
  forceQuotes: fc.boolean(),
  lineWidth: fc.constantFrom(-1, 20, 80),
  flowLevel: fc.constantFrom(-1, -1, 2),
});

// Our own block writer, which also writes what it should not (ambiguous plain scalars, raw double
// quotes): the texts only need to be close to the subset, js-yaml says what they mean.
function isBlock(value: Tree): value is Block {
  return typeof value === 'object' && value !== null && (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0);
}

function writeScalar(value: Tree, g: fc.GeneratorValue): string {
  if (Array.isArray(value)) return '[]';
  if (typeof value === 'object' && value !== null) return '{}';
  if (value === null) return g(fc.constantFrom, 'null', '~', '', 'Null');
  if (typeof value !== 'string') return String(value);
  const style = g(fc.constantFrom, 'plain', 'plain', 'single', 'double', 'json');
  if (style === 'single') return `'${value.replaceAll("'", "''")}'`;
  if (style === 'double') return `"${value}"`;
  return style === 'json' ? JSON.stringify(value) : value;
}

function writeBlock(value: Block, indent: number, g: fc.GeneratorValue): string[] {
  const lines: string[] = [];
  const deeper = () => indent + g(fc.integer, { min: 1, max: 4 });
  if (!Array.isArray(value)) {
    for (const [key, item] of Object.entries(value)) {
      const head = `${' '.repeat(indent)}${key}:`;
      if (!isBlock(item)) lines.push(`${head} ${writeScalar(item, g)}`);
      else if (Array.isArray(item) && g(fc.boolean)) lines.push(head, ...writeBlock(item, indent, g));
      else lines.push(head, ...writeBlock(item, deeper(), g));
    }
    return lines;
  }
  const dash = `${' '.repeat(indent)}-`;
  for (const item of value) {
    if (!isBlock(item)) {
      lines.push(`${dash} ${writeScalar(item, g)}`);
    } else if (g(fc.boolean)) {
      // Compact: the nested block starts on the dash line.
      const nested = writeBlock(item, indent + 2, g);
      lines.push(`${dash} ${(nested[0] ?? '').slice(indent + 2)}`, ...nested.slice(1));
    } else {
      lines.push(dash, ...writeBlock(item, deeper(), g));
    }
  }
  return lines;
}

function writeDocument(document: Block, g: fc.GeneratorValue): string {
  const lines = writeBlock(document, g(fc.constantFrom, 0, 0, 0, 2), g).flatMap((line) =>
    g(fc.integer, { min: 0, max: 9 }) === 0 ? [g(fc.constantFrom, '', '   ', '# comment', '  #x'), line] : [line],
  );
  const lineEnd = g(fc.constantFrom, '\n', '\n', '\r\n');
  return lines.join(lineEnd) + (g(fc.boolean) ? lineEnd : '');
}

type Mutation =
  | { readonly kind: 'delete'; readonly at: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'indent'; readonly line: number; readonly by: number }
  | { readonly kind: 'duplicate'; readonly line: number };

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom(' ', '  ', '-', '- ', ':', ': ', '#', ' #', "'", '"', '\\', '\n', '\t', '\r', 'a', '0', '{', '[', '&a ', '*a', '|', '>', '!', '? ', '---\n', '\uFEFF'),
  }),
  fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), line: fc.nat() }),
);

function mutate(text: string, mutation: Mutation): string {
  if (mutation.kind === 'delete') {
    const at = mutation.at % Math.max(text.length, 1);
    return text.slice(0, at) + text.slice(at + 1);
  }
  if (mutation.kind === 'insert') {
    const at = mutation.at % (text.length + 1);
    return text.slice(0, at) + mutation.text + text.slice(at);
  }
  const lines = text.split('\n');
  const index = mutation.line % lines.length;
  const line = lines[index] ?? '';
  if (mutation.kind === 'duplicate') lines.splice(index, 0, line);
  else lines[index] = mutation.by >= 0 ? ' '.repeat(mutation.by) + line : line.replace(new RegExp(`^ {0,${-mutation.by}}`), '');
  return lines.join('\n');
}

describe('parseSimpleYaml against js-yaml (property)', () => {
  it('returns undefined or exactly what js-yaml loads, for our writer and js-yaml dump in any style', () => {
    let texts = 0;
    let accepted = 0;
    fc.assert(
      fc.property(documentArbitrary, dumpOptionsArbitrary, fc.gen(), (document, options, g) => {
        const written = [writeDocument(document, g)];
        try {
          written.push(dump(document, options));
        } catch {
          // A value js-yaml cannot write (a lone surrogate): our writer's text is still checked.
        }
        for (const text of written) {
          texts++;
          if (agreesWithJsYaml(text)) accepted++;
        }
      }),
      { numRuns: 2000 },
    );
    // A property that only ever meets refusals proves nothing.
    expect(accepted / texts).toBeGreaterThan(0.2);
  });

  it('still refuses or agrees after characters are deleted or inserted and indentation changes', () => {
    let accepted = 0;
    fc.assert(
      fc.property(documentArbitrary, fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }), fc.gen(), (document, mutations, g) => {
        const original = g(fc.boolean) ? writeDocument(document, g) : g(fc.constantFrom, ...realKubeconfigs)[1];
        const text = mutations.reduce(mutate, original);
        if (agreesWithJsYaml(text)) accepted++;
      }),
      { numRuns: 1000 },
    );
    expect(accepted).toBeGreaterThan(100);
  });
});
