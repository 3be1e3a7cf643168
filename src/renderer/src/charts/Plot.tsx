import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Config, Layout, PlotData, PlotlyHTMLElement } from 'plotly.js-dist-min';
import { useUi } from '../stores/ui';
import { plotConfig, withModebarSpace } from './plot-style';
import financeUrl from 'plotly.js-finance-dist-min/plotly-finance.min.js?url';
import { bundleFor, type PlotlyBundle } from './plot-bundle';

/**
 * Thin plotly wrapper. plotly.js is large (1.3 MB finance build, 4.8 MB full), so it is loaded lazily on the first chart, once per session.
 * Emits x-range changes (zoom/pan, in axis units: epoch ms for date axes) so callers can re-request a
 * level-of-detail series for the visible window, and point clicks (heatmap cells, trade markers).
 */
type PlotlyModule = typeof import('plotly.js-dist-min');
/**
 * Two builds: 'finance' (1.3 MB: scatter, bar, histogram, candlestick …) draws every chart but the heatmap and
 * becomes interactive ~3× sooner than 'full' (4.8 MB), which only charts with other trace types load (Heatmap).
 */
export type { PlotlyBundle };
const bundles: Record<PlotlyBundle, Promise<PlotlyModule['default']> | null> = { finance: null, full: null };
/** Resolves after the browser has presented the next frame (two rAFs): lets a placeholder paint first. */
function afterNextPaint(): Promise<void> {
  return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
}

/**
 * Warm plotly up when the page is idle, so later charts open instantly. Evaluating the module blocks the main
 * thread for a while, so it must not start before the first screen has painted its data.
 */
export function preloadPlotlyWhenIdle(delayMs = 1500): void {
  const ric = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => void }).requestIdleCallback;
  setTimeout(() => (ric ? ric(() => void loadPlotly(), { timeout: 3000 }) : void loadPlotly()), delayMs);
}

/**
 * Start downloading the finance build now without running it (a preload hint): the page's first data paint is
 * not delayed, and when the first chart needs plotly only evaluation is left.
 */
export function prefetchPlotly(): void {
  if (typeof document === 'undefined' || document.querySelector(`link[href="${financeUrl}"]`)) return;
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'script';
  link.href = financeUrl;
  document.head.appendChild(link);
}

/** The finance build as a classic script (its UMD wrapper sets window.Plotly): it reuses the preloaded bytes. */
function loadFinanceScript(): Promise<PlotlyModule['default']> {
  const g = globalThis as { Plotly?: PlotlyModule['default'] };
  if (g.Plotly) return Promise.resolve(g.Plotly);
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = financeUrl;
    s.onload = () => (g.Plotly ? resolve(g.Plotly) : reject(new Error('plotly (finance build) did not define window.Plotly')));
    s.onerror = () => reject(new Error(`could not load ${financeUrl}`));
    document.head.appendChild(s);
  });
}

export function loadPlotly(bundle: PlotlyBundle = 'finance'): Promise<PlotlyModule['default']> {
  const p = (bundles[bundle] ??= (bundle === 'full' ? import('plotly.js-dist-min').then((m) => m.default) : loadFinanceScript()).then((P) => {
    performance.mark(`peak:plotly-ready:${bundle}`); // visible in DevTools' timeline; used when profiling first paint
    return P;
  }));
  return p;
}

/**
 * Charts draw one at a time, a frame apart, in the order they first asked: the first chart on a page (the equity
 * curve) becomes interactive without waiting for the heavier ones below it. A chart that asks again before its
 * turn (new data) keeps its place; the superseded request resolves to null.
 */
interface Turn {
  work: () => Promise<unknown>;
  done: (v: unknown) => void;
  fail: (e: unknown) => void;
}
const turns = new Map<Element, Turn>();
const turnOrder: Element[] = [];
let draining = false;
function inTurn<T>(el: Element, work: () => Promise<T>, cancelled: () => boolean): Promise<T | null> {
  // A request already withdrawn (its effect was cleaned up) must not take the place of a newer one.
  if (cancelled()) return Promise.resolve(null);
  return new Promise<T | null>((resolve, reject) => {
    const prev = turns.get(el);
    if (prev) prev.done(null);
    else turnOrder.push(el);
    turns.set(el, { work, done: resolve as (v: unknown) => void, fail: reject });
    if (!draining) {
      draining = true;
      // start on the next frame, so every chart whose data is ready has asked (and kept its place) by then
      requestAnimationFrame(() => void drainTurns());
    }
  });
}
async function drainTurns(): Promise<void> {
  for (let el = turnOrder.shift(); el; el = turnOrder.shift()) {
    const t = turns.get(el);
    turns.delete(el);
    if (!t) continue;
    try {
      t.done(await t.work());
    } catch (e) {
      t.fail(e);
    }
    await new Promise<void>((r) => requestAnimationFrame(() => r()));
  }
  draining = false;
}

export interface XRange {
  from: number;
  to: number;
}
export interface PlotClick {
  x: unknown;
  y: unknown;
  z?: unknown;
  curveNumber: number;
  pointIndex: number;
  customdata?: unknown;
}

export interface PlotProps {
  data: PlotData[];
  layout?: Layout;
  height?: number;
  label: string;
  onXRange?: (r: XRange | null) => void;
  onClick?: (p: PlotClick) => void;
  /** called after each paint with the paint time in ms (for the first-paint bench and debugging) */
  onPainted?: (ms: number) => void;
  config?: Config;
  /** shown instead of the spinner until plotly has painted (e.g. a canvas preview of the same data) */
  placeholder?: ReactNode;
  /** plotly build; by default the one the traces need (bundleFor): 'full' only for types outside the finance build */
  bundle?: PlotlyBundle;
  /** the data is on its way: draw nothing meanwhile (an empty plotly chart would hide the placeholder) */
  pending?: boolean;
}

function themeColors(theme: 'dark' | 'light') {
  return theme === 'dark'
    ? { bg: 'rgba(0,0,0,0)', grid: '#2a2f3a', text: '#aab1bf', zero: '#3a4150' }
    : { bg: 'rgba(0,0,0,0)', grid: '#e3e6eb', text: '#4a5263', zero: '#c7ccd6' };
}

/** Merge the house style into a caller's layout (axes by name: xaxis, yaxis, yaxis2, …). */
export function styledLayout(layout: Layout, theme: 'dark' | 'light', height: number): Layout {
  const c = themeColors(theme);
  const out: Layout = {
    height,
    margin: { l: 56, r: 16, t: 10, b: 32 },
    paper_bgcolor: c.bg,
    plot_bgcolor: c.bg,
    font: { family: 'system-ui, sans-serif', size: 11, color: c.text },
    showlegend: false,
    hovermode: 'x unified',
    hoverlabel: { bgcolor: theme === 'dark' ? '#1c1f26' : '#fff', bordercolor: c.grid, font: { size: 11 } },
    legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom', bgcolor: 'rgba(0,0,0,0)' },
    ...layout,
  };
  out.margin = withModebarSpace(out.margin);
  for (const k of Object.keys(out)) {
    if (/^[xy]axis\d*$/.test(k)) {
      const ax = out[k] as Record<string, unknown>;
      out[k] = { gridcolor: c.grid, zerolinecolor: c.zero, linecolor: c.grid, tickfont: { size: 10 }, automargin: true, ...ax };
    }
  }
  if (!out.xaxis) out.xaxis = { gridcolor: c.grid, zerolinecolor: c.zero, linecolor: c.grid, automargin: true };
  if (!out.yaxis) out.yaxis = { gridcolor: c.grid, zerolinecolor: c.zero, linecolor: c.grid, automargin: true };
  return out;
}

function parseRange(ev: unknown): XRange | null | undefined {
  if (typeof ev !== 'object' || ev === null) return undefined;
  const e = ev as Record<string, unknown>;
  if (e['xaxis.autorange'] === true) return null;
  const a = e['xaxis.range[0]'] ?? (Array.isArray(e['xaxis.range']) ? (e['xaxis.range'] as unknown[])[0] : undefined);
  const b = e['xaxis.range[1]'] ?? (Array.isArray(e['xaxis.range']) ? (e['xaxis.range'] as unknown[])[1] : undefined);
  if (a === undefined || b === undefined) return undefined;
  const toNum = (v: unknown) => (typeof v === 'number' ? v : Date.parse(String(v).replace(' ', 'T') + (String(v).includes('Z') ? '' : 'Z')));
  const from = toNum(a);
  const to = toNum(b);
  return Number.isFinite(from) && Number.isFinite(to) ? { from, to } : undefined;
}

export function Plot({ data, layout = {}, height = 320, label, onXRange, onClick, onPainted, config, placeholder, bundle: requested, pending = false }: PlotProps) {
  const bundle = bundleFor(data, requested);
  const ref = useRef<HTMLDivElement>(null);
  const theme = useUi((s) => s.theme);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [err, setErr] = useState('');
  const handlers = useRef({ onXRange, onClick, onPainted });
  handlers.current = { onXRange, onClick, onPainted };
  const bound = useRef(false);
  const showsPlaceholder = useRef(false);
  showsPlaceholder.current = state === 'loading' && placeholder != null;

  useEffect(() => {
    let cancelled = false;
    const el = ref.current;
    if (!el) return;
    const t0 = performance.now();
    // Nothing to draw yet: do not pay for plotly now. The first time it loads, let placeholders paint first.
    if (data.length === 0 && (pending || !bundles[bundle])) return;
    // A placeholder on screen gets its frame before plotly's (long) first render blocks the main thread.
    (bundles[bundle] && !showsPlaceholder.current ? loadPlotly(bundle) : afterNextPaint().then(() => loadPlotly(bundle)))
      .then((Plotly) =>
        inTurn(el, async () =>
          cancelled
            ? null
            : ((await Plotly.react(el, data, styledLayout(layout, theme, height), plotConfig(config))) as PlotlyHTMLElement),
          () => cancelled,
        ),
      )
      .then((gd) => {
        if (cancelled || !gd) return;
        if (!bound.current) {
          bound.current = true;
          gd.on('plotly_relayout', (ev) => {
            const r = parseRange(ev);
            if (r !== undefined) handlers.current.onXRange?.(r);
          });
          gd.on('plotly_click', (ev) => {
            const pts = (ev as { points?: Record<string, unknown>[] }).points;
            const p = pts?.[0];
            if (!p) return;
            handlers.current.onClick?.({
              x: p.x,
              y: p.y,
              z: p.z,
              curveNumber: Number(p.curveNumber),
              pointIndex: Number(p.pointIndex ?? p.pointNumber),
              customdata: p.customdata,
            });
          });
        }
        setState('ready');
        // "painted" means real data is on screen (an empty first render does not count): tests and the
        // chart.first_paint_1m bench wait for it.
        if (data.length > 0) {
          performance.mark(`peak:painted:${label}`);
          el.dataset.painted = 'true';
          handlers.current.onPainted?.(performance.now() - t0);
        }
      })
      .catch((e: unknown) => {
        if (!cancelled) {
          setState('error');
          setErr(e instanceof Error ? e.message : String(e));
        }
      });
    return () => {
      cancelled = true;
    };
  }, [data, layout, theme, height, config, bundle, pending]);

  useEffect(() => {
    const el = ref.current;
    return () => {
      if (el) void loadPlotly(bundle).then((P) => P.purge(el));
    };
  }, [bundle]);

  return (
    <div className="chart-frame" style={{ height }}>
      <div ref={ref} className="chart" role="img" aria-label={label} data-testid={`chart-${label}`} style={{ height }} />
      {state !== 'ready' && placeholder && state === 'loading' ? (
        <div className="chart-placeholder">{placeholder}</div>
      ) : state !== 'ready' ? (
        <div className="chart-overlay">{state === 'loading' ? <div className="spinner" aria-label="Loading chart" /> : <span className="neg">Chart failed: {err}</span>}</div>
      ) : null}
    </div>
  );
}
