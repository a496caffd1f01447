// Every screen's frame: the two header lines, the body, and the footer with the key hints of the
// current mode (or the flash, or a prompt). Screens hand it their chrome (view-model/screen-props.ts
// derives it from the app state) and their body.
import type { ReactNode } from 'react';
import type { FooterHint } from '../commands/keymap.ts';
import { Footer } from '../components/Footer.tsx';
import { Header } from '../components/Header.tsx';
import type { HeaderInfo } from './header-info.ts';
import type { Flash } from './flash.ts';
import { Frame } from './Frame.tsx';
import type { Viewport } from './layout.ts';
import type { DataState } from './token-data.ts';

/** What the frame around a screen's body shows, the same for every screen. */
export interface ScreenChrome {
  readonly info: HeaderInfo;
  readonly data: DataState;
  readonly viewport: Viewport;
  readonly hints: readonly FooterHint[];
  readonly flash: Flash | null;
  /** The footer's text prompt (`/abc▏`, `:ctx▏`), if the mode has one. */
  readonly prompt?: string;
}

export interface ScreenFrameProps {
  readonly chrome: ScreenChrome;
  /** The header's second line after the connection state: what this screen shows. */
  readonly summary: string;
  /** The footer's right end, e.g. `3/42` or `lines 1-20 of 36`. */
  readonly position?: string;
  readonly children?: ReactNode;
}

export function ScreenFrame({ chrome, summary, position = '', children }: ScreenFrameProps) {
  const { info, data, viewport, hints, flash, prompt } = chrome;
  const footer = <Footer hints={hints} width={viewport.columns} flash={flash} prompt={prompt} position={position} />;
  return (
    <Frame viewport={viewport} header={<Header info={info} data={data} summary={summary} width={viewport.columns} />} footer={footer}>
      {children}
    </Frame>
  );
}

/** `lines 3-20 of 36` when the content is taller than the window, else nothing. */
export function linesPosition(top: number, height: number, total: number): string {
  return total > height ? `lines ${top + 1}-${Math.min(total, top + height)} of ${total}` : '';
}
