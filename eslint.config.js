// Import boundaries, one rule per layer (docs/architecture.md draws them): each layer imports only
// the layers below it, core is pure, nothing but the TUI loads Ink or React, and inside the TUI
// the model never loads Ink or React and components know no feature. A later config object
// replaces an earlier one's options for the same files, so each glob lists its whole set.
import tseslint from 'typescript-eslint';

const uiLibraries = ['ink', 'ink/*', 'react', 'react/*', 'ink-testing-library'];

const layer = (...names) => names.map((name) => `**/${name}/**`);

/** `no-restricted-imports` for `files`: these groups of paths, each with why it is out of bounds. */
function restrict(files, ...rules) {
  return {
    files,
    rules: { 'no-restricted-imports': ['error', { patterns: rules.map(([group, message]) => ({ group, message })) }] },
  };
}

const noUiLibraries = (who) => [uiLibraries, `${who} never load Ink or React (start-up cost; only src/ui renders).`];
const uiModelFiles = ['src/ui/view-model/**', 'src/ui/commands/**', 'src/ui/shared/**/*.ts', 'src/ui/features/**/*.ts'];
const uiOutOfBounds = [layer('cli', 'server', 'config', 'kube', 'demo'), 'The TUI reaches backends through adapters and the command line through its launch options.'];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-exe/**', 'node_modules/**', 'screenshots/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportAllDeclaration', message: 'No `export *` barrels: export names explicitly.' }],
    },
  },
  restrict(
    ['src/core/**'],
    [uiLibraries, 'src/core is pure: no ink/react.'],
    [[...layer('adapters', 'ui', 'cli', 'config', 'server', 'kube', 'journals', 'demo', 'rest-contract'), 'ky', 'undici', 'conf'], 'src/core imports no other layer and no transport.'],
  ),
  restrict(['src/rest-contract/**'], [['../**'], 'The REST contract types depend on nothing: the adapter and the server both import them.']),
  restrict(
    ['src/kube/**'],
    noUiLibraries('The Kubernetes transport and kubeconfig code'),
    [layer('adapters', 'ui', 'cli', 'config', 'server', 'journals', 'demo', 'rest-contract'), 'src/kube sits under the adapters: it imports only core.'],
  ),
  restrict(
    ['src/journals/**'],
    noUiLibraries('The journals'),
    [layer('adapters', 'ui', 'cli', 'config', 'server', 'kube', 'demo', 'rest-contract'), 'The journals (files on disk) import only core.'],
  ),
  restrict(
    ['src/adapters/**'],
    noUiLibraries('Adapters'),
    [layer('ui', 'cli', 'config', 'server', 'journals', 'demo'), 'Adapters import core, kube and the REST contract: never a front end, the server or the journals.'],
  ),
  restrict(
    ['src/config/**'],
    noUiLibraries('Saved contexts'),
    [layer('ui', 'cli', 'server', 'demo'), 'Saved contexts (config.json) sit under the front ends.'],
  ),
  restrict(
    ['src/server/**'],
    noUiLibraries('The reference server'),
    [layer('adapters', 'ui', 'cli', 'config', 'kube', 'journals', 'demo'), 'The server shares only the REST contract (src/rest-contract) with the client.'],
  ),
  restrict(['src/demo/**'], noUiLibraries('The demo backend'), [layer('ui', 'cli', 'config'), 'The demo runs the reference server; the front ends start it.']),
  restrict(
    ['src/cli/**'],
    [uiLibraries, 'Non-interactive commands must not load Ink/React (startup budget); the TUI is imported dynamically from src/process-main.ts.'],
    [layer('ui'), 'Non-interactive commands must not import UI code.'],
  ),
  restrict(['src/ui/**'], uiOutOfBounds),
  restrict(['src/ui/features/**'], uiOutOfBounds, [layer('app'), 'Features do not know the App that composes them.']),
  restrict(
    uiModelFiles,
    uiOutOfBounds,
    [uiLibraries, 'The UI model (view model, commands, flows, lines) is pure: no ink/react. Hooks are use*.ts, components *.tsx.'],
    [layer('app'), 'The UI model does not know the App that composes it.'],
  ),
  // Hooks and screens inside a feature may use React and Ink.
  restrict(['src/ui/features/**/use*.ts'], uiOutOfBounds, [layer('app'), 'Features do not know the App that composes them.']),
  restrict(
    ['src/ui/commands/**', 'src/ui/shared/**/*.ts'],
    uiOutOfBounds,
    [uiLibraries, 'The UI model (view model, commands, flows, lines) is pure: no ink/react.'],
    [layer('features', 'view-model', 'app'), 'Commands machinery and shared pieces sit under the features.'],
  ),
  restrict(
    ['src/ui/shared/**/*.tsx'],
    uiOutOfBounds,
    [layer('features', 'view-model', 'app'), 'The shared screen frame sits under the features: it takes props, never the app state.'],
  ),
  restrict(
    ['src/ui/components/**'],
    uiOutOfBounds,
    [layer('features', 'view-model', 'app'), 'Components are leaves: they take props and import no screen, feature or app state.'],
  ),
);
