/**
 * Lists the objects under an S3 key prefix in the local S3 folder, with S3 semantics: plain string prefix
 * (not a folder), recursive, sorted by key in byte order. Used by the COPY helper; part of {@link compatibilitySql}.
 */
export const s3ListObjectsSql = `
CREATE OR REPLACE FUNCTION shiftflow_compat.s3_walk(directory text, relative_path text, name_prefix text)
RETURNS SETOF text LANGUAGE plpgsql STABLE AS $body$
DECLARE
  entry text;
  is_directory boolean;
BEGIN
  FOR entry IN SELECT name FROM pg_catalog.pg_ls_dir(directory, true, false) AS name LOOP
    CONTINUE WHEN pg_catalog.left(entry, pg_catalog.length(name_prefix)) <> name_prefix;
    SELECT isdir INTO is_directory FROM pg_catalog.pg_stat_file(directory || '/' || entry, true);
    IF is_directory THEN
      RETURN QUERY SELECT shiftflow_compat.s3_walk(directory || '/' || entry, relative_path || entry || '/', '');
    ELSIF is_directory IS NOT NULL THEN
      RETURN NEXT relative_path || entry;
    END IF;
  END LOOP;
END
$body$;

CREATE OR REPLACE FUNCTION shiftflow_compat.s3_list_objects(root text, bucket text, key_prefix text)
RETURNS SETOF text LANGUAGE sql STABLE AS $body$
  WITH split AS (
    SELECT substring(key_prefix FROM '^(.*/)') AS directory,
           substring(key_prefix FROM '([^/]*)$') AS name_prefix
  )
  SELECT listed.object_key FROM (
    SELECT coalesce(split.directory, '') || walked AS object_key
    FROM split,
         shiftflow_compat.s3_walk(
           root || '/' || bucket || coalesce('/' || pg_catalog.rtrim(split.directory, '/'), ''),
           '', split.name_prefix) AS walked
  ) AS listed
  ORDER BY listed.object_key COLLATE "C"
$body$;
`;
