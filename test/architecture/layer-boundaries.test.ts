// The import boundaries of eslint.config.js, each proven to bite: a line that crosses a layer
// boundary is an error in that layer, and what the layer may import is not (controls).
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function restricted(file: string, line: string): Promise<boolean> {
  const [result] = await eslint.lintText(`${line}\nexport {};\n`, { filePath: join(root, file) });
  return (result?.messages ?? []).some((message) => message.ruleId === 'no-restricted-imports');
}

const crossings: readonly (readonly [string, string, string])[] = [
  ['core is pure', 'src/core/x.ts', "import { Box } from 'ink';"],
  ['core imports no other layer', 'src/core/x.ts', "import { createKubeClient } from '../kube/client.ts';"],
  ['kube sits under the adapters', 'src/kube/x.ts', "import type { TokenAdapter } from '../adapters/contract.ts';"],
  ['the journals import only core', 'src/journals/x.ts', "import type { TokenAdapter } from '../adapters/contract.ts';"],
  ['adapters never reach the journals', 'src/adapters/x.ts', "import { stateDir } from '../journals/paths.ts';"],
  ['adapters never reach a front end', 'src/adapters/k3s/x.ts', "import { App } from '../../ui/app/App.tsx';"],
  ['the server shares only the REST contract', 'src/server/x.ts', "import type { TokenAdapter } from '../adapters/contract.ts';"],
  ['the REST contract depends on nothing', 'src/rest-contract/x.ts', "import type { Token } from '../core/token.ts';"],
  ['saved contexts sit under the front ends', 'src/config/x.ts', "import { main } from '../cli/main.ts';"],
  ['commands never load the TUI', 'src/cli/x.ts', "import { runTui } from '../ui/run.tsx';"],
  ['commands never load Ink', 'src/cli/x.ts', "import { Box } from 'ink';"],
  ['the TUI reaches no CLI code', 'src/ui/app/x.ts', "import { main } from '../../cli/main.ts';"],
  ['the view model is pure', 'src/ui/view-model/x.ts', "import { useState } from 'react';"],
  ['a feature flow is pure', 'src/ui/features/revoke/x.ts', "import { Box } from 'ink';"],
  ['features do not know the App', 'src/ui/features/revoke/x.ts', "import { App } from '../../app/App.tsx';"],
  ['components import no screen', 'src/ui/components/X.tsx', "import { RevokeScreen } from '../features/revoke/RevokeScreen.tsx';"],
  ['components take props, not the app state', 'src/ui/components/X.tsx', "import type { AppState } from '../view-model/app-state.ts';"],
  ['shared pieces sit under the features', 'src/ui/shared/x.ts', "import { withRows } from '../features/list/rows.ts';"],
  ['the command machinery sits under the view model', 'src/ui/commands/x.ts', "import { COMMANDS } from '../view-model/commands.ts';"],
];

const allowed: readonly (readonly [string, string, string])[] = [
  ['a feature hook uses React', 'src/ui/features/revoke/useX.ts', "import { useState } from 'react';"],
  ['a screen uses Ink', 'src/ui/features/revoke/X.tsx', "import { Box } from 'ink';"],
  ['adapters use kube', 'src/adapters/x.ts', "import { createKubeClient } from '../kube/client.ts';"],
  ['the server uses the REST contract', 'src/server/x.ts', "import type { WireToken } from '../rest-contract/wire.ts';"],
  ['the view model uses the features', 'src/ui/view-model/x.ts', "import { withRows } from '../features/list/rows.ts';"],
];

describe('layer boundaries (eslint.config.js)', () => {
  it.each(crossings)('%s: refused in %s', async (_why, file, line) => {
    expect(await restricted(file, line)).toBe(true);
  });

  it.each(allowed)('%s: allowed in %s (control)', async (_why, file, line) => {
    expect(await restricted(file, line)).toBe(false);
  });
});
