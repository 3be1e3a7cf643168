-- App settings changed at run time (settings:set): one row per key, the value as JSON text. Read by
-- createServices at start-up (e.g. `workers`: the shared pool's size). Unknown keys are ignored by readers.
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,   -- JSON
  updated_at INTEGER NOT NULL -- epoch ms
);
