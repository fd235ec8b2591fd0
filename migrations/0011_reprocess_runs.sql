-- 0011 reprocess runs: `wapulse reprocess` re-applies stored raw bodies in batches and records,
-- in the same transaction as each batch, the last body it applied. A run killed anywhere
-- continues from there with `--resume`, and no batch is applied twice by accident.
-- Operational state of this installation, not business data: under Citus it stays a local
-- table on the coordinator (no account id).
CREATE TABLE reprocess_runs (
  id                 bigserial PRIMARY KEY,
  -- apply: re-apply over the existing derived rows; rebuild: emptied them first
  mode               text        NOT NULL CHECK (mode IN ('apply', 'rebuild')),
  batch_size         integer     NOT NULL CHECK (batch_size > 0),
  started_at         timestamptz NOT NULL,
  -- the last body the run covers, in (received_at, id) order, fixed at its start: bodies that
  -- arrive later are applied live by serve. Null: raw_events was empty.
  end_received_at    timestamptz,
  end_id             bigint,
  total              bigint      NOT NULL,
  -- the last body applied, in the same order; null until the first batch commits
  cursor_received_at timestamptz,
  cursor_id          bigint,
  done               bigint      NOT NULL DEFAULT 0,
  -- bodies with nothing to apply (stored as rejected at ingest: not JSON, not an envelope)
  unreadable         bigint      NOT NULL DEFAULT 0,
  -- bodies that could not be applied, and the first 100 of them as [{ rawEventId, reason }]
  failed             bigint      NOT NULL DEFAULT 0,
  failures           jsonb       NOT NULL DEFAULT '[]',
  -- every body applied; settling conversations and the after-reprocess hooks remain
  replayed_at        timestamptz,
  finished_at        timestamptz,
  -- given up by `--restart`
  abandoned_at       timestamptz
);

-- At most one unfinished run: a second `wapulse reprocess` is refused while one is open.
CREATE UNIQUE INDEX reprocess_runs_one_open ON reprocess_runs ((true)) WHERE finished_at IS NULL AND abandoned_at IS NULL;

-- Re-applying a body replaces its out-of-band errors (they have no natural key): found by raw id.
CREATE INDEX webhook_errors_raw_event ON webhook_errors (raw_event_id);
