import { binaryCopySpecSql } from './binary-copy-spec-sql';
import { copyRejectingRowsSql } from './copy-rejecting-rows-sql';

/**
 * The COPY helper. Fast path: one server-side COPY per object straight into the table, in CSV mode with a
 * quote byte that never occurs (so every field is unquoted), NULL '' and FORCE_NOT_NULL on character
 * columns: empty non-character fields load as NULL and empty character fields as '' (Redshift's rules).
 * When a field cannot load that way (a NULL AS string such as \N, blanks in a number, DATEFORMAT, BLANKSASNULL,
 * IGNOREHEADER > 1) the objects are loaded through a text staging table that applies Redshift's rules per column.
 * When even that fails on a row (a bad value, too few or too many fields), the objects are loaded once more
 * row by row (`copy_rejecting_rows`): bad rows are skipped and reported as load errors, and the load fails with
 * Redshift's message when there are more than MAXERROR of them.
 * On PGlite with enablePgliteGzip's hook, the fast path first tries each plain delimited object as a binary COPY
 * (`shiftflow-binary-copy`, see binary-copy-file.ts) in a subtransaction, and runs the object's text COPY when the hook
 * declines it or that COPY fails: an accelerator whose result is the text COPY's.
 * Also installs `s3_location_problem` (why a bucket/key cannot name a local S3 object) and `copy_source` (the
 * COPY source of an object, decompressed by a program for GZIP, BZIP2, ZSTD and LZOP).
 * Part of {@link compatibilitySql}.
 */
export const copyHelperSql = String.raw`
-- Why bucket/key cannot name local S3 objects, or NULL: S3's bucket naming rules
-- (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html), keys of at most 1,024 bytes
-- (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html), and no key segment that would leave
-- the bucket's folder: '.', '..' (also percent-encoded or split by a backslash), or empty before the last '/'.
CREATE OR REPLACE FUNCTION shiftflow_compat.s3_location_problem(bucket text, object_key text)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$
  SELECT CASE
    WHEN bucket IN ('.', '..') THEN format('bucket "%s" would leave the local S3 folder', bucket)
    WHEN pg_catalog.length(bucket) NOT BETWEEN 3 AND 63 THEN 'bucket names are 3 to 63 characters long'
    WHEN bucket !~ '^[a-z0-9][a-z0-9.-]*[a-z0-9]$'
      THEN 'bucket names hold only lowercase letters, digits, dots and hyphens, and start and end with a letter or digit'
    WHEN bucket LIKE '%..%' THEN 'bucket names have no two adjacent dots'
    WHEN bucket ~ '^\d{1,3}(\.\d{1,3}){3}$' THEN 'bucket names are not IP addresses'
    WHEN bucket ~ '^(xn--|sthree-|amzn-s3-demo-)' OR bucket ~ '(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$'
      THEN 'bucket names do not use the reserved prefixes and suffixes'
    WHEN pg_catalog.octet_length(object_key) > 1024 THEN 'keys are at most 1024 bytes long'
    WHEN EXISTS (SELECT 1 FROM pg_catalog.regexp_split_to_table(object_key, '[/\\]') AS segment
                 WHERE pg_catalog.lower(segment) ~ '^(\.|%(25)*2e){1,2}$')
      THEN 'a key segment "." or ".." would leave the bucket'
    WHEN object_key ~ '(^|/)/' THEN 'a key segment is empty ("//" or a leading "/")'
  END
$body$;

-- The COPY source of an object: its path, or for a compressed object (compression gzip, bzip2, zstd or lzop)
-- PROGRAM '<tool> -dc <path>' (path in shell single quotes). PGlite's hook serves exactly '<tool> -dc <path>'. A
-- PostgreSQL server runs the real tool, which streams what it could decompress before it fails, so there
-- '<tool> -t' checks the whole object first: a truncated or corrupt object fails the COPY with the program and the
-- object's path in the error, before a single row is read.
CREATE OR REPLACE FUNCTION shiftflow_compat.copy_source(path text, compression text, on_pglite boolean)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$
  SELECT CASE WHEN compression IS NULL THEN pg_catalog.quote_literal(path)
    ELSE 'PROGRAM ' || pg_catalog.quote_literal(
      CASE WHEN on_pglite THEN '' ELSE compression || ' -t ' || quoted || ' && ' END || compression || ' -dc ' || quoted)
  END
  FROM (SELECT '''' || replace(path, '''', '''\''''') || '''' AS quoted) AS shell
$body$;

${binaryCopySpecSql}CREATE OR REPLACE PROCEDURE shiftflow_compat.copy_from_s3(target text, target_columns text[], source_uri text, options jsonb)
LANGUAGE plpgsql AS $body$
DECLARE
  root text := current_setting('shiftflow.s3_root', true);
  parsed text[];
  bucket text;
  problem text;
  object_key text;
  objects text[] := '{}';
  paths text[] := '{}';
  manifest jsonb;
  manifest_entry jsonb;
  entry_match text[];
  entry_path text;
  target_table regclass;
  column_names text[] := '{}';
  column_types text[] := '{}';
  column_is_character boolean[] := '{}';
  column_type_ids oid[] := '{}';
  column_record record;
  delimiter text := options->>'delimiter';
  csv boolean := (options->>'csv')::boolean;
  quote_character text;
  null_as text := options->>'nullAs';
  ignore_header integer := (options->>'ignoreHeader')::integer;
  empty_as_null boolean := (options->>'emptyAsNull')::boolean;
  blanks_as_null boolean := (options->>'blanksAsNull')::boolean;
  truncate_columns boolean := coalesce((options->>'truncateColumns')::boolean, false);
  compression text := options->>'compression';
  uris text[] := '{}';
  column_expressions text[] := '{}';
  started_at timestamp := pg_catalog.clock_timestamp() AT TIME ZONE 'UTC';
  date_format text := CASE WHEN lower(options->>'dateFormat') = 'auto' THEN NULL ELSE options->>'dateFormat' END;
  time_format text := CASE WHEN lower(options->>'timeFormat') = 'auto' THEN NULL ELSE options->>'timeFormat' END;
  on_pglite boolean := pg_catalog.version() LIKE '%emscripten%';
  fast_path boolean;
  use_staging boolean := true;
  use_rejecting boolean := false;
  loaded bigint := 0;
  row_count bigint;
  column_list text;
  force_not_null text;
  character_check text;
  found_null_string boolean;
  staging_columns text;
  select_list text;
  expression text;
  path text;
  source_clause text;
  index integer;
  control_bytes text[];
  line_options text;
  temp_path text;
  text_copy text;
  binary_spec text;
  binary_objects integer := 0;
  path_number integer := 0;
BEGIN
  IF root IS NULL OR root = '' THEN
    RAISE EXCEPTION 'COPY from S3: the setting shiftflow.s3_root is not set (the local engine sets it to the local S3 folder)';
  END IF;
  parsed := pg_catalog.regexp_match(source_uri, '^s3://([^/]+)/?(.*)$');
  IF parsed IS NULL THEN
    RAISE EXCEPTION 'COPY from S3: invalid S3 URI "%"', source_uri;
  END IF;
  bucket := parsed[1];
  problem := shiftflow_compat.s3_location_problem(bucket, parsed[2]);
  IF problem IS NOT NULL THEN
    RAISE EXCEPTION 'S3ServiceException:local S3 refuses %: %,Status 400,Error InvalidRequest', source_uri, problem
      USING ERRCODE = 'invalid_parameter_value';
  END IF;

  -- A PGlite that serves '<tool> -dc <file>' through COPY FROM PROGRAM (enablePgliteGzip) has its scratch folder
  -- mounted at /shiftflow-gunzip: a mark no session's RESET ALL or DISCARD can clear.
  IF compression IS NOT NULL AND on_pglite AND (SELECT isdir FROM pg_catalog.pg_stat_file('/shiftflow-gunzip', true)) IS NOT TRUE THEN
    RAISE EXCEPTION 'COPY option % is not emulated locally on the PGlite engine (shiftflow local Redshift): use uncompressed objects or the PostgreSQL engine',
      upper(compression) USING ERRCODE = 'feature_not_supported';
  END IF;

  IF (options->>'manifest')::boolean THEN
    path := root || '/' || bucket || '/' || parsed[2];
    IF (SELECT isdir FROM pg_catalog.pg_stat_file(path, true)) IS DISTINCT FROM false THEN
      RAISE EXCEPTION 'S3ServiceException:The specified key does not exist: manifest %,Status 404,Error NoSuchKey', source_uri;
    END IF;
    manifest := pg_catalog.pg_read_file(path)::jsonb;
    FOR manifest_entry IN SELECT value FROM jsonb_array_elements(coalesce(manifest->'entries', '[]'::jsonb)) LOOP
      entry_match := pg_catalog.regexp_match(manifest_entry->>'url', '^s3://([^/]+)/(.+)$');
      IF entry_match IS NULL THEN
        RAISE EXCEPTION 'COPY from S3: manifest % has an invalid url "%"', source_uri, manifest_entry->>'url';
      END IF;
      problem := shiftflow_compat.s3_location_problem(entry_match[1], entry_match[2]);
      IF problem IS NOT NULL THEN
        RAISE EXCEPTION 'S3ServiceException:local S3 refuses manifest entry % of %: %,Status 400,Error InvalidRequest',
          manifest_entry->>'url', source_uri, problem USING ERRCODE = 'invalid_parameter_value';
      END IF;
      entry_path := root || '/' || entry_match[1] || '/' || entry_match[2];
      IF (SELECT isdir FROM pg_catalog.pg_stat_file(entry_path, true)) IS DISTINCT FROM false THEN
        IF coalesce((manifest_entry->>'mandatory')::boolean, false) THEN
          RAISE EXCEPTION 'S3ServiceException:The specified key does not exist: mandatory manifest entry %,Status 404,Error NoSuchKey',
            manifest_entry->>'url';
        END IF;
        CONTINUE;
      END IF;
      paths := paths || entry_path;
      uris := uris || (manifest_entry->>'url');
    END LOOP;
    IF cardinality(paths) = 0 THEN
      RAISE EXCEPTION 'S3ServiceException:no objects found under % (manifest has no existing entries),Status 404,Error NoSuchKey', source_uri;
    END IF;
  ELSE
    objects := ARRAY(SELECT shiftflow_compat.s3_list_objects(root, bucket, parsed[2]));
    IF cardinality(objects) = 0 THEN
      RAISE EXCEPTION 'S3ServiceException:The specified S3 prefix ''%'' does not exist: no objects found under %,Status 404,Error NoSuchKey',
        parsed[2], source_uri;
    END IF;
    FOREACH object_key IN ARRAY objects LOOP
      paths := paths || (root || '/' || bucket || '/' || object_key);
      uris := uris || ('s3://' || bucket || '/' || object_key);
    END LOOP;
  END IF;

  target_table := target::regclass;
  FOR column_record IN
    SELECT a.attname::text AS name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type_name, a.atttypid AS type_id,
           t.typcategory = 'S' AS is_character, a.attidentity <> '' AS is_identity, a.attgenerated <> '' AS is_generated,
           a.attnum
    FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
    WHERE a.attrelid = target_table AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY a.attnum
  LOOP
    IF target_columns IS NULL THEN
      CONTINUE WHEN column_record.is_generated OR (column_record.is_identity AND NOT (options->>'explicitIds')::boolean);
    ELSE
      CONTINUE WHEN NOT column_record.name = ANY (target_columns);
    END IF;
    column_names := column_names || column_record.name;
    column_types := column_types || column_record.type_name;
    column_type_ids := column_type_ids || column_record.type_id;
    column_is_character := column_is_character || column_record.is_character;
  END LOOP;
  IF target_columns IS NOT NULL THEN
    FOREACH object_key IN ARRAY target_columns LOOP
      IF NOT object_key = ANY (column_names) THEN
        RAISE EXCEPTION 'column "%" of relation % does not exist', object_key, target_table USING ERRCODE = 'undefined_column';
      END IF;
    END LOOP;
    -- Keep the order the COPY statement gave.
    SELECT array_agg(n ORDER BY pg_catalog.array_position(target_columns, n)),
           array_agg(column_types[i] ORDER BY pg_catalog.array_position(target_columns, n)),
           array_agg(column_type_ids[i] ORDER BY pg_catalog.array_position(target_columns, n)),
           array_agg(column_is_character[i] ORDER BY pg_catalog.array_position(target_columns, n))
      INTO column_names, column_types, column_type_ids, column_is_character
      FROM unnest(column_names) WITH ORDINALITY AS u(n, i);
  END IF;

  quote_character := CASE WHEN csv THEN options->>'quote' WHEN delimiter = pg_catalog.chr(1) THEN pg_catalog.chr(2) ELSE pg_catalog.chr(1) END;
  SELECT string_agg(quote_ident(n), ', ' ORDER BY i) INTO column_list FROM unnest(column_names) WITH ORDINALITY AS u(n, i);

  fast_path := NOT blanks_as_null AND NOT truncate_columns AND date_format IS NULL AND time_format IS NULL AND ignore_header <= 1;
  IF fast_path THEN
    BEGIN
      SELECT string_agg(quote_ident(column_names[i]), ', ') INTO force_not_null
        FROM generate_subscripts(column_names, 1) AS i WHERE column_is_character[i];
      -- PGlite's binary COPY accelerator, for plain delimited objects when enablePgliteGzip's hook is there (its
      -- /shiftflow-gunzip mark) and the setting shiftflow.binary_copy is not 'off': the hook converts an object to
      -- binary COPY data only when the result is provably what the text COPY below loads, else it declines and the
      -- binary COPY fails; its subtransaction then rolls back whatever it loaded and the text COPY runs as before.
      -- The converter reads UTF-8 and counts characters in it: both encodings must be UTF8 (PGlite's are).
      IF on_pglite AND NOT csv AND coalesce(current_setting('shiftflow.binary_copy', true), '') <> 'off'
         AND current_setting('client_encoding') = 'UTF8' AND current_setting('server_encoding') = 'UTF8'
         AND (SELECT isdir FROM pg_catalog.pg_stat_file('/shiftflow-gunzip', true)) IS TRUE THEN
        binary_spec := shiftflow_compat.binary_copy_spec(target_table, column_names, delimiter, quote_character,
          ignore_header = 1, null_as, coalesce(null_as <> '' AND NOT empty_as_null, false), compression);
      END IF;
      FOREACH path IN ARRAY paths LOOP
        path_number := path_number + 1;
        source_clause := shiftflow_compat.copy_source(path, compression, on_pglite);
        text_copy := format('COPY %s (%s) FROM %s WITH (FORMAT csv, DELIMITER %L, QUOTE %L, NULL %L, HEADER %s%s)',
          target_table, column_list, source_clause, delimiter, quote_character, '', CASE WHEN ignore_header = 1 THEN 'true' ELSE 'false' END,
          CASE WHEN force_not_null IS NOT NULL AND null_as <> '' AND NOT empty_as_null
               THEN ', FORCE_NOT_NULL (' || force_not_null || ')' ELSE '' END);
        IF binary_spec IS NULL THEN
          EXECUTE text_copy;
          GET DIAGNOSTICS row_count = ROW_COUNT;
        ELSE
          BEGIN
            -- The command names the COPY's next object too: the hook converts it in its thread while this one loads.
            EXECUTE format('COPY %s (%s) FROM PROGRAM %L WITH (FORMAT binary)', target_table, column_list,
              'shiftflow-binary-copy ' || binary_spec || ' ''' || replace(path, '''', '''\''''') || ''' '''
              || replace(coalesce(paths[path_number + 1], ''), '''', '''\''''') || '''');
            GET DIAGNOSTICS row_count = ROW_COUNT;
            binary_objects := binary_objects + 1;
          EXCEPTION WHEN OTHERS THEN
            EXECUTE text_copy;
            GET DIAGNOSTICS row_count = ROW_COUNT;
          END;
        END IF;
        loaded := loaded + row_count;
      END LOOP;
      IF force_not_null IS NOT NULL AND null_as <> '' THEN
        -- A character field equal to the NULL AS string must load as NULL: redo the load through staging.
        SELECT string_agg(format('%I = %L', column_names[i], null_as), ' OR ') INTO character_check
          FROM generate_subscripts(column_names, 1) AS i WHERE column_is_character[i];
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s WHERE %s)', target_table, character_check) INTO found_null_string;
        IF found_null_string THEN
          RAISE EXCEPTION 'reload through staging' USING ERRCODE = 'SF001';
        END IF;
      END IF;
      use_staging := false;
    EXCEPTION
      WHEN data_exception OR not_null_violation OR check_violation OR SQLSTATE 'SF001' THEN
        use_staging := true;
        loaded := 0;
        binary_objects := 0;
    END;
  END IF;

  IF use_staging THEN
  BEGIN
    IF pg_catalog.to_regclass('pg_temp.shiftflow_copy_staging') IS NOT NULL THEN
      DROP TABLE pg_temp.shiftflow_copy_staging;
    END IF;
    SELECT string_agg(format('c%s text', i), ', ' ORDER BY i) INTO staging_columns FROM generate_subscripts(column_names, 1) AS i;
    EXECUTE format('CREATE TEMP TABLE shiftflow_copy_staging (shiftflow_line bigint GENERATED ALWAYS AS IDENTITY, %s)', staging_columns);
    select_list := '';
    FOR index IN 1 .. cardinality(column_names) LOOP
      expression := format('c%s', index);
      IF column_is_character[index] THEN
        IF blanks_as_null THEN
          expression := format('CASE WHEN %s ~ ''^[[:space:]]+$'' THEN NULL ELSE %s END', expression, expression);
        END IF;
        IF empty_as_null THEN
          expression := format('NULLIF(%s, '''')', expression);
        END IF;
        -- Without TRUNCATECOLUMNS no explicit cast: the assignment cast rejects values that are too long, as
        -- Redshift does; with it the explicit cast cuts them to the column's length.
        IF truncate_columns THEN
          expression := format('(%s)::%s', expression, column_types[index]);
        END IF;
      ELSE
        expression := format('NULLIF(pg_catalog.btrim(%s), '''')', expression);
        IF column_type_ids[index] = 'date'::regtype AND date_format IS NOT NULL THEN
          expression := format('pg_catalog.to_date(%s, %L)', expression, date_format);
        ELSIF column_type_ids[index] IN ('timestamp'::regtype, 'timestamptz'::regtype) AND time_format IS NOT NULL THEN
          IF lower(time_format) = 'epochsecs' THEN
            expression := format('(pg_catalog.to_timestamp(%s::double precision) AT TIME ZONE ''UTC'')', expression);
          ELSIF lower(time_format) = 'epochmillisecs' THEN
            expression := format('(pg_catalog.to_timestamp(%s::double precision / 1000) AT TIME ZONE ''UTC'')', expression);
          ELSE
            -- Redshift's SS accepts fractional seconds down to microseconds (r_DATEFORMAT_and_TIMEFORMAT_strings);
            -- PostgreSQL's SS stops at the dot and drops them, so SS reads as SS.US (a value without a fraction still reads).
            expression := format('pg_catalog.to_timestamp(%s, %L)', expression,
              pg_catalog.regexp_replace(
                CASE WHEN time_format ~* '(am|pm|a\.m\.|p\.m\.)' THEN time_format
                     ELSE pg_catalog.regexp_replace(time_format, 'hh(12)?(?!24)', 'HH24', 'gi') END,
                '(?<![s])ss(?![s.])', 'SS.US', 'gi'));
          END IF;
        END IF;
        expression := format('(%s)::%s', expression, column_types[index]);
      END IF;
      select_list := select_list || CASE WHEN index > 1 THEN ', ' ELSE '' END || expression;
      column_expressions := column_expressions || expression;
    END LOOP;
    SELECT string_agg(format('c%s', i), ', ' ORDER BY i) INTO staging_columns FROM generate_subscripts(column_names, 1) AS i;
    IF ignore_header > 1 THEN
      IF pg_catalog.to_regclass('pg_temp.shiftflow_copy_lines') IS NOT NULL THEN
        DROP TABLE pg_temp.shiftflow_copy_lines;
      END IF;
      CREATE TEMP TABLE shiftflow_copy_lines (line_number bigint GENERATED ALWAYS AS IDENTITY, line text);
      -- Three control bytes that are neither the delimiter nor the quote: whole lines stay one unquoted field.
      SELECT array_agg(b ORDER BY n) INTO control_bytes FROM (
        SELECT pg_catalog.chr(n) AS b, n FROM generate_series(1, 6) AS n
        WHERE pg_catalog.chr(n) NOT IN (delimiter, quote_character)) AS candidates;
      line_options := format('FORMAT csv, DELIMITER %L, QUOTE %L, NULL %L', control_bytes[1], control_bytes[2], control_bytes[3]);
      -- PGlite's /tmp is in memory; a PostgreSQL server writes into its own data directory.
      temp_path := CASE WHEN on_pglite THEN '/tmp' ELSE current_setting('data_directory') END
        || '/shiftflow_copy_' || pg_catalog.pg_backend_pid() || '.txt';
    END IF;
    FOREACH path IN ARRAY paths LOOP
      TRUNCATE pg_temp.shiftflow_copy_staging RESTART IDENTITY;
      source_clause := shiftflow_compat.copy_source(path, compression, on_pglite);
      IF ignore_header > 1 THEN
        -- PostgreSQL skips one header line only: read raw lines, drop the first n, write the rest to a temp file.
        TRUNCATE pg_temp.shiftflow_copy_lines RESTART IDENTITY;
        EXECUTE format('COPY pg_temp.shiftflow_copy_lines (line) FROM %s WITH (%s)', source_clause, line_options);
        EXECUTE format('COPY (SELECT line FROM pg_temp.shiftflow_copy_lines WHERE line_number > %s ORDER BY line_number) TO %L WITH (%s)',
          ignore_header, temp_path, line_options);
        source_clause := quote_literal(temp_path);
      END IF;
      EXECUTE format('COPY pg_temp.shiftflow_copy_staging (%s) FROM %s WITH (FORMAT csv, DELIMITER %L, QUOTE %L, NULL %L, HEADER %s)',
        staging_columns, source_clause, delimiter, quote_character, null_as, CASE WHEN ignore_header = 1 THEN 'true' ELSE 'false' END);
      EXECUTE format('INSERT INTO %s (%s) SELECT %s FROM pg_temp.shiftflow_copy_staging ORDER BY shiftflow_line',
        target_table, column_list, select_list);
      GET DIAGNOSTICS row_count = ROW_COUNT;
      loaded := loaded + row_count;
    END LOOP;
    DROP TABLE pg_temp.shiftflow_copy_staging;
    IF ignore_header > 1 THEN
      DROP TABLE pg_temp.shiftflow_copy_lines;
      EXECUTE format('COPY (SELECT 1 WHERE false) TO %L', temp_path);
    END IF;
  EXCEPTION
    -- A row that cannot load (bad value, too few or too many fields, NULL in a NOT NULL column): load again row by
    -- row, skipping and reporting the bad ones.
    WHEN data_exception OR not_null_violation OR check_violation THEN
      use_rejecting := true;
      loaded := 0;
  END;
  END IF;

  IF use_rejecting THEN
    CALL shiftflow_compat.copy_rejecting_rows(target_table, column_names, column_expressions, paths, uris,
      options || jsonb_build_object('quote', quote_character), started_at, loaded);
  END IF;

  PERFORM pg_catalog.set_config('shiftflow.last_copy_count', loaded::text, false);
  -- How many objects the last COPY loaded through the binary COPY accelerator (0 when it ran the text paths only).
  PERFORM pg_catalog.set_config('shiftflow.last_copy_binary_objects', binary_objects::text, false);
END
$body$;
${copyRejectingRowsSql}`;
