// Remembered window size/position: a small JSON file in userData. Parsing and clamping are pure (tested);
// only loadWindowState/saveWindowState touch the disk.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

export const WindowBoundsSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(200).max(20_000),
  maximized: z.boolean().default(false),
});
export type WindowBounds = z.infer<typeof WindowBoundsSchema>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A stored state, or null when the file is missing/corrupt (the app then opens with defaults, never crashes). */
export function parseWindowState(raw: unknown): WindowBounds | null {
  const r = WindowBoundsSchema.safeParse(raw);
  return r.success ? r.data : null;
}

/**
 * Keeps a remembered window reachable: if its title bar (top 40 px) is not on any current display (a monitor was
 * unplugged), the position is dropped so the window opens centred; the size is shrunk to the largest work area.
 */
export function clampToDisplays(state: WindowBounds, workAreas: readonly Rect[]): WindowBounds {
  if (workAreas.length === 0) return state;
  const maxW = Math.max(...workAreas.map((a) => a.width));
  const maxH = Math.max(...workAreas.map((a) => a.height));
  const width = Math.min(state.width, maxW);
  const height = Math.min(state.height, maxH);
  if (state.x === undefined || state.y === undefined) return { ...state, width, height };
  const x = state.x;
  const y = state.y;
  const titleVisible = workAreas.some(
    (a) => x + width - 40 > a.x && x + 40 < a.x + a.width && y >= a.y && y + 40 <= a.y + a.height,
  );
  return titleVisible ? { ...state, width, height } : { width, height, maximized: state.maximized };
}

export function loadWindowState(file: string): WindowBounds | null {
  try {
    return parseWindowState(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
}

/** Atomic write (tmp + rename) so a crash mid-write cannot leave a half file behind. */
export function saveWindowState(file: string, state: WindowBounds): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify(state));
    renameSync(tmp, file);
  } catch {
    // Losing the window position is not worth an error dialog.
  }
}
