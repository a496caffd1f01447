// The screen on view, by one exhaustive switch over the screens every feature defines.
import type { HeaderInfo } from '../shared/header-info.ts';
import { AuditScreen } from '../features/audit/AuditScreen.tsx';
import { ChecklistScreen } from '../features/checklist/ChecklistScreen.tsx';
import { ContextPickerScreen } from '../features/command-line/ContextPickerScreen.tsx';
import { CreateScreen } from '../features/create/CreateScreen.tsx';
import { DetailsScreen } from '../features/details/DetailsScreen.tsx';
import { HelpScreen } from '../features/help/HelpScreen.tsx';
import { ListScreen } from '../features/list/ListScreen.tsx';
import { MakeDefaultScreen } from '../features/make-default/MakeDefaultScreen.tsx';
import { RevokeScreen } from '../features/revoke/RevokeScreen.tsx';
import { InterruptedScreen } from '../features/rotate/InterruptedScreen.tsx';
import { RotateScreen } from '../features/rotate/RotateScreen.tsx';
import { ServerTokenScreen } from '../features/server-token/ServerTokenScreen.tsx';
import { ServerTtlScreen } from '../features/server-ttl/ServerTtlScreen.tsx';
import { viewOf, type AppState } from '../view-model/app-state.ts';
import { TooSmallScreen } from './TooSmallScreen.tsx';

export function ActiveView({ state, info }: { readonly state: AppState; readonly info: HeaderInfo }) {
  const view = viewOf(state);
  switch (view.kind) {
    case 'list':
    case 'filter':
      return <ListScreen state={state} info={info} />;
    case 'details':
      return <DetailsScreen state={state} info={info} tokenId={view.tokenId} scroll={view.scroll} />;
    case 'help':
      return <HelpScreen state={state} info={info} scroll={view.scroll} search={view.search} />;
    case 'command':
      // The prompt sits in the footer of the screen it was opened from.
      return view.back.kind === 'details' ? (
        <DetailsScreen state={state} info={info} tokenId={view.back.tokenId} scroll={view.back.scroll} />
      ) : (
        <ListScreen state={state} info={info} />
      );
    case 'context-picker':
      return <ContextPickerScreen state={state} info={info} picker={view} />;
    case 'revoke':
      return <RevokeScreen state={state} info={info} flow={view.flow} />;
    case 'audit':
      return <AuditScreen state={state} info={info} journal={view.journal} scroll={view.scroll} />;
    case 'create':
      return <CreateScreen state={state} info={info} create={view.create} />;
    case 'rotate':
      return <RotateScreen state={state} info={info} flow={view.flow} />;
    case 'interrupted':
      return <InterruptedScreen state={state} info={info} rotations={view.rotations} confirmAbandon={view.confirmAbandon} />;
    case 'server-token':
      return <ServerTokenScreen state={state} info={info} flow={view.flow} />;
    case 'make-default':
      return <MakeDefaultScreen state={state} info={info} flow={view.flow} />;
    case 'server-ttl':
      return <ServerTtlScreen state={state} info={info} screen={view} />;
    case 'checklist':
      return <ChecklistScreen state={state} info={info} ids={view.ids} cursor={view.cursor} />;
    case 'too-small':
      return <TooSmallScreen viewport={state.viewport} />;
  }
}
