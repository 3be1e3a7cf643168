-- Data sets: metadata + quality report JSON; bars as one BLOB per column (Float64Array bytes) in dataset_columns.
CREATE TABLE datasets (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  symbol         TEXT,
  source         TEXT NOT NULL,
  source_detail  TEXT,
  bars           INTEGER NOT NULL,
  first_time     REAL NOT NULL,
  last_time      REAL NOT NULL,
  interval_ms    REAL NOT NULL,
  interval_label TEXT NOT NULL,
  calendar       TEXT NOT NULL,
  gap_count      INTEGER NOT NULL,
  content_hash   TEXT NOT NULL UNIQUE,
  quality_json   TEXT NOT NULL,
  meta_json      TEXT NOT NULL DEFAULT '{}',
  created_at     INTEGER NOT NULL
);
CREATE INDEX datasets_created ON datasets(created_at);

CREATE TABLE dataset_columns (
  dataset_id TEXT PRIMARY KEY REFERENCES datasets(id) ON DELETE CASCADE,
  time   BLOB NOT NULL,
  open   BLOB NOT NULL,
  high   BLOB NOT NULL,
  low    BLOB NOT NULL,
  close  BLOB NOT NULL,
  volume BLOB NOT NULL
);

-- Runs of every kind (backtest here; research kinds add theirs). JSON columns hold params, engine config,
-- metrics (computeMetrics fields), backtesting.py stats and kind-specific extras.
CREATE TABLE runs (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  kind         TEXT NOT NULL,
  dataset_id   TEXT REFERENCES datasets(id) ON DELETE CASCADE,
  strategy_id  TEXT,
  params_json  TEXT NOT NULL DEFAULT '{}',
  engine_json  TEXT,
  seed         INTEGER NOT NULL,
  config_hash  TEXT NOT NULL,
  metrics_json TEXT NOT NULL DEFAULT '{}',
  stats_json   TEXT,
  extra_json   TEXT,
  trade_count  INTEGER NOT NULL DEFAULT 0,
  from_time    REAL,
  to_time      REAL,
  created_at   INTEGER NOT NULL,
  duration_ms  REAL NOT NULL DEFAULT 0,
  note         TEXT
);
CREATE INDEX runs_created  ON runs(created_at);
CREATE INDEX runs_strategy ON runs(strategy_id, created_at);
CREATE INDEX runs_dataset  ON runs(dataset_id, created_at);
CREATE INDEX runs_hash     ON runs(config_hash);

CREATE TABLE run_trades (
  run_id      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  is_open     INTEGER NOT NULL,
  entry_bar   INTEGER NOT NULL,
  exit_bar    INTEGER NOT NULL,
  entry_time  REAL NOT NULL,
  exit_time   REAL NOT NULL,
  size        REAL NOT NULL,
  entry_price REAL NOT NULL,
  exit_price  REAL NOT NULL,
  pnl         REAL NOT NULL,
  return_pct  REAL NOT NULL,
  fees        REAL NOT NULL,
  exit_reason TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

-- Equity per bar (Float64Array BLOB) of bars [start_bar, start_bar + n) of the run's data set; times come
-- from the data set's time column.
CREATE TABLE run_equity (
  run_id    INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  start_bar INTEGER NOT NULL,
  equity    BLOB NOT NULL
);
