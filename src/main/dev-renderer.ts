/**
 * When may the main process load the renderer from a dev server instead of app://? (Trust #13)
 * ELECTRON_RENDERER_URL makes that origin a trusted IPC origin, so it is honoured only:
 *  - in an unpackaged app,
 *  - started by the explicit dev command (`npm run dev`, which sets PEAK_DEV_RENDERER=1; `npm start` strips both
 *    variables), and
 *  - for an http URL on a loopback host (electron-vite's own dev server).
 * Anything else is ignored (and reported by the caller), so a stray variable cannot hand IPC to another origin.
 */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface DevRendererInput {
  isPackaged: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

export type DevRendererDecision = { url: string; origin: string } | { url: null; ignored: string | null };

export function decideDevRenderer({ isPackaged, env }: DevRendererInput): DevRendererDecision {
  const raw = env.ELECTRON_RENDERER_URL;
  if (!raw) return { url: null, ignored: null };
  if (isPackaged) return { url: null, ignored: 'ELECTRON_RENDERER_URL ignored: packaged app' };
  if (env.PEAK_DEV_RENDERER !== '1') return { url: null, ignored: 'ELECTRON_RENDERER_URL ignored: not started by the dev command (npm run dev)' };
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { url: null, ignored: 'ELECTRON_RENDERER_URL ignored: not a URL' };
  }
  if (u.protocol !== 'http:' || !LOOPBACK.has(u.hostname) || u.username !== '' || u.password !== '') {
    return { url: null, ignored: `ELECTRON_RENDERER_URL ignored: only http://127.0.0.1 or http://localhost dev servers are trusted (got ${u.origin})` };
  }
  return { url: raw, origin: u.origin };
}
