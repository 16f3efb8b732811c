CREATE OR REPLACE PROCEDURE run_elt_process() AS $$ BEGIN TRUNCATE example; END; $$ LANGUAGE plpgsql;
