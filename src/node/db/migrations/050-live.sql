-- Live track (issue 9): paper/shadow sessions, their orders, trades, equity and events; the global trading
-- state; the drill log (gate drills A–G and incident drills); alerts. JSON columns are zod-parsed on read.
CREATE TABLE live_sessions (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  mode          TEXT NOT NULL,               -- paper | shadow | testnet | live_dry_run | live (environment of the session)
  strategy_id   TEXT NOT NULL,
  dataset_id    TEXT,                        -- replay feed; NULL for the generator
  feed          TEXT NOT NULL,               -- JSON: { kind, speed, seed?, n? }
  config        TEXT NOT NULL,               -- JSON: params, engine, risk limits, risk mode (secrets redacted)
  seed          INTEGER NOT NULL,
  config_hash   TEXT NOT NULL,
  status        TEXT NOT NULL,               -- running | paused | stopped | completed | halted | failed
  status_detail TEXT,
  created_at    INTEGER NOT NULL,
  ended_at      INTEGER,
  bars_done     INTEGER NOT NULL DEFAULT 0,
  bars_total    INTEGER,
  equity_start  REAL NOT NULL,
  equity_last   REAL NOT NULL,
  trade_count   INTEGER NOT NULL DEFAULT 0,
  rejected      INTEGER NOT NULL DEFAULT 0,
  symbol        TEXT NOT NULL,
  first_time    INTEGER,
  last_time     INTEGER,
  heartbeat     INTEGER                      -- epoch ms, refreshed every 2 s while the owning process runs it
);
CREATE INDEX live_sessions_created ON live_sessions (created_at);

CREATE TABLE live_session_data (
  session_id  INTEGER PRIMARY KEY REFERENCES live_sessions(id) ON DELETE CASCADE,
  equity      BLOB NOT NULL,                 -- Float64 little-endian, one per bar done
  trades      TEXT NOT NULL,                 -- JSON Trade[]
  open_trade  TEXT,                          -- JSON Trade | null
  orders      TEXT NOT NULL                  -- JSON OrderRecord[]
);

CREATE TABLE live_events (
  id          INTEGER PRIMARY KEY,
  session_id  INTEGER REFERENCES live_sessions(id) ON DELETE CASCADE,
  ts          INTEGER NOT NULL,
  kind        TEXT NOT NULL,                 -- status | order | fill | reject | risk | alert | state | info
  level       TEXT,                          -- INFO | WARNING | CRITICAL
  message     TEXT NOT NULL,
  data        TEXT NOT NULL                  -- JSON
);
CREATE INDEX live_events_session ON live_events (session_id, id);

CREATE TABLE live_state (
  key    TEXT PRIMARY KEY,                   -- 'trading'
  value  TEXT NOT NULL                       -- JSON TradingStatus
);

CREATE TABLE drill_log (
  id          INTEGER PRIMARY KEY,
  ts          INTEGER NOT NULL,
  kind        TEXT NOT NULL,                 -- gate | incident
  drill_id    TEXT NOT NULL,
  passed      INTEGER NOT NULL,
  expected    TEXT NOT NULL,
  observed    TEXT NOT NULL,
  notes       TEXT,
  details     TEXT NOT NULL                  -- JSON
);

CREATE TABLE alerts (
  id       INTEGER PRIMARY KEY,
  ts       INTEGER NOT NULL,
  level    TEXT NOT NULL,
  source   TEXT NOT NULL,
  code     TEXT NOT NULL,
  message  TEXT NOT NULL,
  context  TEXT NOT NULL,                    -- JSON, secrets redacted
  count    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX alerts_ts ON alerts (ts);
