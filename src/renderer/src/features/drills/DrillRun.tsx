import { useEffect, useRef, useState } from 'react';
import { codeLabel } from '../../lib/labels';
import { api, type CommandOutput } from '../../api/client';
import { useUi } from '../../stores/ui';
import { paintReplay } from './ReplayCanvas';
import {
  actionForKey, barAt, countdownLeft, KEY_LABELS, latestSignalIndex, paintedBefore, signalForPress, visibleWindow, type Bindings, type DrillKey,
} from './replay-model';

type Started = CommandOutput<'drills:start'>;

/** What the e2e test and the bench read (window.__peakDrill): presses as measured, frame times, paint times. */
interface DrillProbe {
  drillId: string;
  paintedAt: Record<string, number>;
  presses: { signalId: string | null; key: DrillKey; latencyMs: number | null; bar: number; at: number }[];
  frames: number[];
  /** frame time when the last bar was first drawn (the replay's end; the bench's fps window) */
  replayEndAt: number | null;
  done: boolean;
}
declare global {
  interface Window {
    __peakDrill?: DrillProbe;
  }
}

const WINDOW_BARS = 120;


/**
 * The replay: bars advance on a requestAnimationFrame clock at the chosen speed. When a signal's bar is drawn,
 * its banner is written in the same frame, and the NEXT animation frame (after that frame was presented) stamps the
 * paint time; a key's latency is its event timeStamp (same clock as performance.now()) minus that paint time.
 * Pausing freezes the bar clock, not the reaction clock of a signal already on screen.
 */
export function DrillRun({ started, bindings, onFinished }: { started: Started; bindings: Bindings; onFinished(drillId: string): void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const banner = useRef<HTMLDivElement>(null);
  const countdown = useRef<HTMLSpanElement>(null);
  const barLabel = useRef<HTMLSpanElement>(null);
  const [paused, setPaused] = useState(false);
  const [status, setStatus] = useState<'running' | 'finishing' | 'abandoned'>('running');
  const [last, setLast] = useState<string>('');
  const toast = useUi((s) => s.toast);
  const st = useRef({ base: 0, resumeAt: performance.now(), paused: false, bar: -1, latest: null as string | null, painted: [] as string[], answered: new Set<string>(), ended: false });
  const { config, prices, signals, indicators, drillId } = started;
  const lastBar = prices.close.length - 1;

  useEffect(() => {
    const probe: DrillProbe = { drillId, paintedAt: {}, presses: [], frames: [], replayEndAt: null, done: false };
    window.__peakDrill = probe;
    const s = st.current;
    s.resumeAt = performance.now();
    let raf = 0;
    const data = { ...prices, indicators, signals };
    const finish = () => {
      if (s.ended) return;
      s.ended = true;
      setStatus('finishing');
      api.call('drills:finish', { drillId }).then(() => {
        probe.done = true;
        onFinished(drillId);
      }, (e: unknown) => toast('error', `finish failed: ${String((e as Error).message)}`));
    };
    const frame = (now: number) => {
      probe.frames.push(now);
      if (probe.frames.length > 20_000) probe.frames.splice(0, 10_000);
      const elapsed = s.base + (s.paused ? 0 : now - s.resumeAt);
      const bar = barAt(config.replayFrom, elapsed, config.speedBarsPerS, lastBar);
      if (bar !== s.bar && canvas.current) {
        s.bar = bar;
        const [from, to] = visibleWindow(bar, WINDOW_BARS);
        paintReplay(canvas.current, data, from, to);
        if (barLabel.current) barLabel.current.textContent = `bar ${bar - config.replayFrom + 1} / ${lastBar - config.replayFrom + 1}`;
        const k = latestSignalIndex(signals, bar);
        const sig = k >= 0 ? signals[k] : null;
        if (sig && sig.signalId !== s.latest && sig.bar >= config.replayFrom) {
          s.latest = sig.signalId;
          if (banner.current) {
            banner.current.dataset.signalId = sig.signalId;
            banner.current.dataset.state = 'open';
            const action = banner.current.querySelector<HTMLElement>('.sig-action')!;
            action.textContent = `${codeLabel(sig.recommended)} · ${sig.tags.join(', ') || 'no tags'}`;
            action.dataset.code = sig.recommended;
          }
          // the banner and the marker are presented with this frame; the next frame's callback runs after it
          requestAnimationFrame((t) => {
            probe.paintedAt[sig.signalId] = t;
            s.painted.push(sig.signalId);
          });
        }
      }
      if (s.latest && countdown.current && banner.current) {
        const painted = probe.paintedAt[s.latest];
        const left = painted === undefined ? config.countdownMs : countdownLeft(painted, now, config.countdownMs);
        countdown.current.textContent = s.answered.has(s.latest) ? 'answered' : `${(left / 1000).toFixed(1)} s`;
        banner.current.dataset.state = s.answered.has(s.latest) ? 'answered' : left === 0 ? 'expired' : 'open';
      }
      if (bar >= lastBar && probe.replayEndAt === null) probe.replayEndAt = now;
      if (bar >= lastBar && !s.ended) {
        // leave the last signal its countdown before finishing
        const lastPaint = s.latest ? probe.paintedAt[s.latest] ?? now : now;
        if (now - lastPaint >= Math.min(config.countdownMs, 1500) || s.answered.has(s.latest ?? '')) finish();
      }
      raf = requestAnimationFrame(frame);
    };
    raf = requestAnimationFrame(frame);

    const onKey = (e: KeyboardEvent) => {
      if (e.repeat || e.ctrlKey || e.metaKey || e.altKey || s.ended) return;
      if (e.key === 'p' || e.key === 'P') {
        e.preventDefault();
        togglePause();
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        void abandon();
        return;
      }
      const action = actionForKey(bindings, e.key);
      if (!action) return;
      e.preventDefault();
      e.stopPropagation();
      const at = e.timeStamp > 0 ? e.timeStamp : performance.now();
      // the key answers the latest signal painted BEFORE the keystroke: at high speed a key queued behind a busy
      // frame must not be credited to a signal that appeared after it was pressed
      const sigId = signalForPress(paintedBefore(probe.paintedAt, s.painted, at), s.answered);
      let latencyMs: number | null = null;
      if (sigId !== null) {
        s.answered.add(sigId);
        latencyMs = Math.max(0, at - (probe.paintedAt[sigId] ?? at));
      }
      const bar = Math.max(0, s.bar);
      probe.presses.push({ signalId: sigId, key: action, latencyMs, bar, at });
      setLast(`${KEY_LABELS[action]}${sigId ? ` on ${sigId} after ${latencyMs?.toFixed(0)} ms` : ' (no open signal)'}`);
      api.call('drills:act', { drillId, signalId: sigId, key: action, latencyMs, bar }).catch((err: unknown) => toast('error', String((err as Error).message)));
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      cancelAnimationFrame(raf);
      window.removeEventListener('keydown', onKey, true);
    };
  }, [drillId]);

  function togglePause() {
    const s = st.current;
    const now = performance.now();
    if (s.paused) {
      s.resumeAt = now;
      s.paused = false;
    } else {
      s.base += now - s.resumeAt;
      s.paused = true;
    }
    setPaused(s.paused);
  }

  async function abandon() {
    const s = st.current;
    if (s.ended) return;
    s.ended = true;
    setStatus('abandoned');
    try {
      await api.call('drills:abandon', { drillId });
      toast('ok', 'Drill abandoned (stored as such).');
    } catch (e) {
      toast('error', String((e as Error).message));
    }
  }

  return (
    <div className="drill-run">
      <div className="actions" style={{ marginBottom: 8 }}>
        <span className="badge">{config.scenarioId ?? config.strategy}</span>
        <span className="muted" ref={barLabel} />
        <span className="muted">· {config.speedBarsPerS} bars/s · countdown {(config.countdownMs / 1000).toFixed(1)} s</span>
        <span className="spacer" style={{ flex: 1 }} />
        <button className="btn small" onClick={togglePause} disabled={status !== 'running'}>{paused ? 'Resume' : 'Pause'} <span className="kbd">P</span></button>
        <button className="btn small danger" onClick={() => void abandon()} disabled={status !== 'running'}>Abandon <span className="kbd">Esc</span></button>
      </div>
      <div className="drill-banner" ref={banner} data-state="none" role="status" aria-live="polite">
        <span className="sig-title">Signal</span>
        <span className="sig-action">waiting for the first signal…</span>
        <span className="sig-countdown" ref={countdown} />
      </div>
      <canvas ref={canvas} className="drill-canvas" aria-label="Drill replay chart" />
      <div className="drill-keys" aria-label="Keys">
        {(Object.keys(bindings) as DrillKey[]).map((k) => (
          <span key={k} className="drill-key"><span className="kbd">{bindings[k] === ' ' ? 'Space' : bindings[k].toUpperCase()}</span> {KEY_LABELS[k]}</span>
        ))}
        <span className="drill-key"><span className="kbd">P</span> Pause / resume</span>
        <span className="drill-key"><span className="kbd">Esc</span> Abandon</span>
      </div>
      <div className="muted" style={{ fontSize: 12, marginTop: 6 }} data-testid="drill-last">{last || 'Press the key of the recommended action as soon as a signal appears.'}{status === 'finishing' ? ' · finishing…' : status === 'abandoned' ? ' · abandoned' : paused ? ' · paused' : ''}</div>
    </div>
  );
}


