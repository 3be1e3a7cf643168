/**
 * Canvas painter for the drill replay: candles, the strategy's indicator lines and signal markers for the visible
 * window. A plain 2-D canvas (not plotly) so a 2,000-bar replay at max speed repaints well inside a frame.
 */
export interface ReplayData {
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  indicators: { name: string; values: (number | null)[] }[];
  signals: { signalId: string; bar: number; recommended: string }[];
}

const LINE_COLOURS = ['#f0b429', '#5fa8ff', '#c792ea', '#7fdbca'];

export function paintReplay(canvas: HTMLCanvasElement, d: ReplayData, from: number, to: number, highlightBar: number | null = null): void {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const g = canvas.getContext('2d');
  if (!g) return;
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.fillStyle = '#11151c';
  g.fillRect(0, 0, w, h);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = from; i <= to; i++) {
    if (d.low[i] < lo) lo = d.low[i];
    if (d.high[i] > hi) hi = d.high[i];
    for (const l of d.indicators) {
      const v = l.values[i];
      if (v !== null && v !== undefined) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  if (!Number.isFinite(lo) || hi <= lo) {
    hi = lo + 1;
  }
  const padTop = 24;
  const padBottom = 16;
  const right = 64;
  const n = Math.max(1, to - from + 1);
  const slots = Math.max(n, 60);
  const step = (w - right) / slots;
  const y = (v: number) => padTop + ((hi - v) / (hi - lo)) * (h - padTop - padBottom);
  const x = (i: number) => (i - from + 0.5) * step;
  g.strokeStyle = '#232a35';
  g.lineWidth = 1;
  g.fillStyle = '#8a94a6';
  g.font = '11px system-ui, sans-serif';
  for (let k = 0; k <= 4; k++) {
    const v = lo + ((hi - lo) * k) / 4;
    const yy = Math.round(y(v)) + 0.5;
    g.beginPath();
    g.moveTo(0, yy);
    g.lineTo(w - right, yy);
    g.stroke();
    g.fillText(v.toFixed(Math.max(0, Math.min(6, 4 - Math.floor(Math.log10(Math.abs(hi) || 1))))), w - right + 6, yy + 4);
  }
  if (highlightBar !== null && highlightBar >= from && highlightBar <= to) {
    g.fillStyle = 'rgba(95,168,255,0.18)';
    g.fillRect(x(highlightBar) - step / 2, 0, step, h);
  }
  const bw = Math.max(1, step * 0.7);
  for (let i = from; i <= to; i++) {
    const up = d.close[i] >= d.open[i];
    g.strokeStyle = g.fillStyle = up ? '#26a69a' : '#ef5350';
    const cx = x(i);
    g.beginPath();
    g.moveTo(cx, y(d.high[i]));
    g.lineTo(cx, y(d.low[i]));
    g.stroke();
    const top = y(Math.max(d.open[i], d.close[i]));
    g.fillRect(cx - bw / 2, top, bw, Math.max(1, y(Math.min(d.open[i], d.close[i])) - top));
  }
  d.indicators.forEach((l, k) => {
    g.strokeStyle = LINE_COLOURS[k % LINE_COLOURS.length];
    g.lineWidth = 1.5;
    g.beginPath();
    let pen = false;
    for (let i = from; i <= to; i++) {
      const v = l.values[i];
      if (v === null || v === undefined) {
        pen = false;
        continue;
      }
      if (pen) g.lineTo(x(i), y(v));
      else g.moveTo(x(i), y(v));
      pen = true;
    }
    g.stroke();
    g.fillStyle = LINE_COLOURS[k % LINE_COLOURS.length];
    g.fillText(l.name, 8 + k * 90, 14);
  });
  for (const s of d.signals) {
    if (s.bar < from || s.bar > to) continue;
    const long = s.recommended === 'ENTER_LONG';
    const short = s.recommended === 'ENTER_SHORT';
    g.fillStyle = long ? '#26d07c' : short ? '#ff6b6b' : '#f0b429';
    const cx = x(s.bar);
    const yy = long ? y(d.low[s.bar]) + 10 : y(d.high[s.bar]) - 10;
    g.beginPath();
    if (long) {
      g.moveTo(cx, yy - 7); g.lineTo(cx - 6, yy + 4); g.lineTo(cx + 6, yy + 4);
    } else if (short) {
      g.moveTo(cx, yy + 7); g.lineTo(cx - 6, yy - 4); g.lineTo(cx + 6, yy - 4);
    } else {
      g.arc(cx, yy, 5, 0, Math.PI * 2);
    }
    g.fill();
  }
}
