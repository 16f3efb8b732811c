-- shiftflow:repeatable
-- (Repeatable, sql/README.md: applied again whenever this file or a value it uses changes.)
-- run_elt_process: the ELT each run executes (CALL run_elt_process();). A failed load leaves the
-- previous rows, view and run log as they were:
-- 1. COPY every object under the configured S3 prefix (pipe-delimited, no header) into a temporary
--    staging table; a bad row fails the COPY and, with it, the whole call,
-- 2. only then replace the table's rows (DELETE + INSERT … SELECT, never TRUNCATE: on Redshift
--    TRUNCATE commits at once, even inside a procedure), record the load in elt_run_log and
--    REFRESH the monthly view, all in the call's one transaction.
-- Why not TRUNCATE or ALTER TABLE APPEND, and what this costs on Redshift: sql/README.md.
-- The call returns its figures as OUT arguments, one result row (rows_loaded, started_at, ended_at);
-- CALL passes only input arguments (https://docs.aws.amazon.com/redshift/latest/dg/r_CALL_procedure.html).
-- {{sourceS3Uri}} and {{redshiftIamRoleArn}} are replaced by validated, quoted SQL literals at setup,
-- {{sourceRegionOption}} by REGION '<sourceRegion>' or, with no sourceRegion configured, nothing.
-- Redshift identifies a procedure by its input arguments only and has no DROP PROCEDURE IF EXISTS
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_DROP_PROCEDURE.html): a database that still has
-- run_elt_process() of an earlier version without OUT arguments may refuse to replace it; then run
-- DROP PROCEDURE run_elt_process(); once and apply the setup again (sql/README.md).
CREATE OR REPLACE PROCEDURE run_elt_process(rows_loaded OUT BIGINT, started_at OUT TIMESTAMP, ended_at OUT TIMESTAMP)
AS $$
BEGIN
  started_at := GETDATE();

  DROP TABLE IF EXISTS nyc_yellow_taxi_staging;
  CREATE TEMP TABLE nyc_yellow_taxi_staging (LIKE nyc_yellow_taxi);

  COPY nyc_yellow_taxi_staging
  FROM {{sourceS3Uri}}
  IAM_ROLE {{redshiftIamRoleArn}}
  {{sourceRegionOption}}
  DELIMITER '|';

  SELECT COUNT(*) INTO rows_loaded FROM nyc_yellow_taxi_staging;

  DELETE FROM nyc_yellow_taxi;
  INSERT INTO nyc_yellow_taxi SELECT * FROM nyc_yellow_taxi_staging;
  DROP TABLE nyc_yellow_taxi_staging;

  ended_at := GETDATE();
  INSERT INTO elt_run_log (table_name, rows_loaded, loaded_at) VALUES ('nyc_yellow_taxi', rows_loaded, ended_at);

  REFRESH MATERIALIZED VIEW nyc_yellow_taxi_volume_analysis;
END;
$$ LANGUAGE plpgsql;
