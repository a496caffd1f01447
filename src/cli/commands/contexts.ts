// `tokentui contexts`: the kubeconfig contexts tokentui can use, like `kubectl config
// get-contexts` plus the server and the file each one comes from.
import { listKubeContexts } from '../../config/kubeconfig.ts';
import type { KubeContextSummary } from '../../config/kubeconfig.ts';
import { ExitCode } from '../../core/errors.ts';
import { formatTable, writeJson } from '../output.ts';
import { loadTargetKubeconfig } from '../target.ts';
import type { CommandRun } from './command-run.ts';

export const CONTEXT_TABLE_HEADERS = ['CURRENT', 'NAME', 'CLUSTER', 'SERVER', 'USER', 'SOURCE'] as const;

function contextRow(context: KubeContextSummary): readonly string[] {
  return [context.current ? '*' : '', context.name, context.cluster, context.server ?? '<none>', context.user, context.sourceFile];
}

function contextJson(context: KubeContextSummary) {
  return {
    name: context.name,
    cluster: context.cluster,
    server: context.server ?? null,
    user: context.user,
    ...(context.namespace === undefined ? {} : { namespace: context.namespace }),
    current: context.current,
    sourceFile: context.sourceFile,
  };
}

export const runContexts: CommandRun = async ({ invocation, io }) => {
  const contexts = listKubeContexts(loadTargetKubeconfig(invocation.globals, io.env, io.cwd));
  if (invocation.output === 'json') writeJson(io.stdout, contexts.map(contextJson));
  else io.stdout.write(formatTable(CONTEXT_TABLE_HEADERS, contexts.map(contextRow)));
  return ExitCode.ok;
};
