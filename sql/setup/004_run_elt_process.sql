-- run_elt_process: the ELT each run executes (CALL run_elt_process();).
-- 1. empties nyc_yellow_taxi (on Redshift TRUNCATE commits at once),
-- 2. loads every object under the configured S3 prefix (pipe-delimited) with the configured role,
-- 3. records the rows loaded in elt_run_log,
-- 4. refreshes the monthly view.
-- {{sourceS3Uri}} and {{redshiftIamRoleArn}} are replaced by validated, quoted SQL literals at setup.
CREATE OR REPLACE PROCEDURE run_elt_process()
AS $$
DECLARE
  loaded BIGINT;
BEGIN
  TRUNCATE nyc_yellow_taxi;

  COPY nyc_yellow_taxi
  FROM {{sourceS3Uri}}
  IAM_ROLE {{redshiftIamRoleArn}}
  DELIMITER '|';

  SELECT COUNT(*) INTO loaded FROM nyc_yellow_taxi;
  INSERT INTO elt_run_log (table_name, rows_loaded, loaded_at) VALUES ('nyc_yellow_taxi', loaded, GETDATE());

  REFRESH MATERIALIZED VIEW nyc_yellow_taxi_volume_analysis;
END;
$$ LANGUAGE plpgsql;
