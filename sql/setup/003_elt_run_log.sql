-- elt_run_log: one row per successful load, written by run_elt_process in the same transaction
-- as the COPY, so a failed COPY leaves no row. The notifier reads the newest row after a FINISHED
-- statement to report how many rows were loaded (runs never overlap: the runner skips a run while
-- one is active):
--   SELECT rows_loaded, loaded_at FROM elt_run_log WHERE table_name = 'nyc_yellow_taxi'
--   ORDER BY loaded_at DESC LIMIT 1;
CREATE TABLE IF NOT EXISTS elt_run_log (
  table_name VARCHAR(127) NOT NULL,
  rows_loaded BIGINT NOT NULL,
  loaded_at TIMESTAMP NOT NULL
)
SORTKEY (loaded_at);
