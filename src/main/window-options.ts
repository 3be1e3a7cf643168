// Pure builder of the main window's options, so the hardening flags are unit-tested without the Electron binary.
import type { BrowserWindowConstructorOptions } from 'electron';
import type { WindowBounds } from './window-state';

export interface WindowOptionsInput {
  /** Absolute path of the bundled preload (out/preload/index.cjs). */
  preloadPath: string;
  /** Remembered bounds (already clamped to a visible display), or null for the defaults. */
  bounds: WindowBounds | null;
  /** Dark background avoids a white flash before the first paint (matches the default dark theme). */
  backgroundColor?: string;
  iconPath?: string;
}

export const DEFAULT_SIZE = { width: 1440, height: 900 } as const;
export const MIN_SIZE = { width: 960, height: 600 } as const;

export function buildWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  const b = input.bounds;
  return {
    title: 'Peak Trade',
    width: b?.width ?? DEFAULT_SIZE.width,
    height: b?.height ?? DEFAULT_SIZE.height,
    ...(b && b.x !== undefined && b.y !== undefined ? { x: b.x, y: b.y } : { center: true }),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false, // shown on 'ready-to-show' so the user never sees an empty frame
    backgroundColor: input.backgroundColor ?? '#0f1117',
    autoHideMenuBar: true,
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: {
      preload: input.preloadPath,
      // The renderer is a web page: no Node, its own JS world, OS-level sandbox, same-origin policy on.
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      // Experimental web platform features widen the attack surface and nothing here needs them.
      experimentalFeatures: false,
    },
  };
}
