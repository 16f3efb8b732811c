-- elt_run_log: one row per successful load, history for analysts. run_elt_process writes it in the
-- same transaction as the new rows and the view refresh, so a failed load leaves no row. A run's own
-- figures come back from the CALL itself (run_elt_process's OUT arguments), not from this table:
--   SELECT loaded_at, rows_loaded FROM elt_run_log WHERE table_name = 'nyc_yellow_taxi'
--   ORDER BY loaded_at DESC LIMIT 10;
CREATE TABLE IF NOT EXISTS elt_run_log (
  table_name VARCHAR(127) NOT NULL,
  rows_loaded BIGINT NOT NULL,
  loaded_at TIMESTAMP NOT NULL
)
SORTKEY (loaded_at);
