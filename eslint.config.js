// Import boundaries from style.md: core is pure; adapters never reach the UI.
import tseslint from 'typescript-eslint';

const uiLibraries = ['ink', 'ink/*', 'react', 'react/*', 'ink-testing-library'];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-exe/**', 'node_modules/**', 'screenshots/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportAllDeclaration', message: 'No `export *` barrels: export names explicitly.' }],
    },
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: uiLibraries, message: 'src/core is pure: no ink/react.' },
          { group: ['**/adapters/**', '**/ui/**', '**/cli/**', '**/config/**', '**/server/**', 'ky', 'undici', 'conf'], message: 'src/core imports no adapters, UI, CLI, config, server or transport code.' },
        ],
      }],
    },
  },
  {
    files: ['src/adapters/**', 'src/server/**', 'src/config/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: uiLibraries, message: 'Adapters, server and config never import UI libraries.' },
          { group: ['**/ui/**', '**/cli/**'], message: 'Adapters, server and config never import UI or CLI code.' },
        ],
      }],
    },
  },
  {
    files: ['src/cli/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: uiLibraries, message: 'Non-interactive commands must not load Ink/React (startup budget); the TUI is imported dynamically from src/process-main.ts.' },
          { group: ['**/ui/**'], message: 'Non-interactive commands must not import UI code.' },
        ],
      }],
    },
  },
);
