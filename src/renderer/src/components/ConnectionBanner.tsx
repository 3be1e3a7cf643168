import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { connectionState, onConnection, type ConnectionState } from '../api/connection';
import { useApp } from '../stores/app';
import { useData } from '../stores/data';

/** How often to knock while the back end is away, and how long a drop must last before the banner shows. */
const RETRY_MS = 2_000;
const SHOW_AFTER_MS = 600;

/**
 * One banner for every screen when the back end goes away (the twin stopped, the app is quitting): screens keep
 * their last state instead of spinning, this retries `app:info` and, once it answers, reloads the shared lists.
 */
export function ConnectionBanner() {
  const [conn, setConn] = useState<ConnectionState>(connectionState());
  const [visible, setVisible] = useState(false);
  useEffect(() => onConnection(setConn), []);
  useEffect(() => {
    if (conn.up) {
      setVisible(false);
      return;
    }
    const show = setTimeout(() => setVisible(true), SHOW_AFTER_MS);
    const retry = setInterval(() => {
      api
        .call('app:info')
        .then(() => {
          // back: refresh what every screen reads (each screen refetches its own data on its next action)
          void useApp.getState().loadInfo();
          void useApp.getState().loadStrategies();
          void useData.getState().load();
        })
        .catch(() => undefined);
    }, RETRY_MS);
    return () => {
      clearTimeout(show);
      clearInterval(retry);
    };
  }, [conn.up]);
  if (!visible || conn.up) return null;
  return (
    <div className="conn-banner" role="alert" aria-label="Connection lost">
      <strong>Back end unreachable</strong>
      <span>
        Peak Trade's server is not answering ({conn.reason || 'no answer'}). Retrying every {RETRY_MS / 1000} s — start it again
        with <span className="mono">npm run web</span> (or reopen the app); nothing you entered is lost.
      </span>
    </div>
  );
}
