/**
 * Canvas preview of a level-of-detail equity series: drawn in a few milliseconds while plotly (a 4.6 MB module
 * whose evaluation dominates the first chart's latency) loads, then replaced by the interactive chart. Same
 * layout as EquityChart: equity (min/max band + last) on top, drawdown (%) below, shared time axis.
 */
export interface PreviewSeries {
  time: ArrayLike<number>;
  equityMin: ArrayLike<number>;
  equityMax: ArrayLike<number>;
  equityLast: ArrayLike<number>;
  drawdownMin: ArrayLike<number>;
}

export interface PreviewColors {
  line: string;
  band: string;
  dd: string;
  ddFill: string;
  grid: string;
}

const MARGIN = { l: 56, r: 16, t: 10, b: 32 };

/** Value range of several arrays (finite values only); a flat series gets a ±1 % pad so it stays visible. */
export function extent(...arrays: ArrayLike<number>[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays)
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  if (!Number.isFinite(lo)) return [0, 1];
  if (hi === lo) {
    const pad = Math.abs(lo) * 0.01 || 1;
    return [lo - pad, hi + pad];
  }
  return [lo, hi];
}

export function drawEquityPreview(canvas: HTMLCanvasElement, s: PreviewSeries, c: PreviewColors): void {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(h * dpr);
  const g = canvas.getContext('2d');
  if (!g || s.time.length < 2) return;
  g.scale(dpr, dpr);
  const pw = w - MARGIN.l - MARGIN.r;
  const ph = h - MARGIN.t - MARGIN.b;
  // domains as in EquityChart's layout: equity [0.32, 1], drawdown [0, 0.26] of the plot height
  const eqTop = MARGIN.t;
  const eqH = ph * 0.68;
  const ddTop = MARGIN.t + ph * 0.74;
  const ddH = ph * 0.26;
  const t0 = s.time[0];
  const t1 = s.time[s.time.length - 1];
  const x = (t: number) => MARGIN.l + ((t - t0) / (t1 - t0 || 1)) * pw;
  const [e0, e1] = extent(s.equityMin, s.equityMax, s.equityLast);
  const ye = (v: number) => eqTop + (1 - (v - e0) / (e1 - e0)) * eqH;
  const [d0] = extent(s.drawdownMin);
  const yd = (v: number) => ddTop + (Math.min(0, v) / (d0 || -1)) * ddH;

  g.strokeStyle = c.grid;
  g.lineWidth = 1;
  g.beginPath();
  for (const y of [eqTop, eqTop + eqH / 2, eqTop + eqH, ddTop, ddTop + ddH]) {
    g.moveTo(MARGIN.l, Math.round(y) + 0.5);
    g.lineTo(MARGIN.l + pw, Math.round(y) + 0.5);
  }
  g.stroke();

  const n = s.time.length;
  g.fillStyle = c.band;
  g.beginPath();
  for (let i = 0; i < n; i++) (i ? g.lineTo : g.moveTo).call(g, x(s.time[i]), ye(s.equityMax[i]));
  for (let i = n - 1; i >= 0; i--) g.lineTo(x(s.time[i]), ye(s.equityMin[i]));
  g.closePath();
  g.fill();

  g.strokeStyle = c.line;
  g.lineWidth = 1.5;
  g.beginPath();
  for (let i = 0; i < n; i++) (i ? g.lineTo : g.moveTo).call(g, x(s.time[i]), ye(s.equityLast[i]));
  g.stroke();

  g.fillStyle = c.ddFill;
  g.strokeStyle = c.dd;
  g.lineWidth = 1;
  g.beginPath();
  g.moveTo(x(s.time[0]), ddTop);
  for (let i = 0; i < n; i++) g.lineTo(x(s.time[i]), yd(s.drawdownMin[i]));
  g.lineTo(x(s.time[n - 1]), ddTop);
  g.closePath();
  g.fill();
  g.stroke();
}
