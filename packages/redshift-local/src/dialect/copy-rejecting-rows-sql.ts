/**
 * The COPY helper's slow path, taken only when a load has a row that cannot load: each object is read as
 * lines, split into fields as COPY would, and inserted all at once; a range of lines that fails is halved
 * (first half first) down to single lines, each loaded or rejected with Redshift's load-error fields (file, line,
 * column, type, raw line, raw field value, error code and reason: https://docs.aws.amazon.com/redshift/latest/dg/r_STL_LOAD_ERRORS.html,
 * codes from https://docs.aws.amazon.com/redshift/latest/dg/r_Load_Error_Reference.html). Up to MAXERROR
 * rejected rows are skipped and the load goes on; one more fails it with Redshift's message
 * (`Load into table '<table>' failed.  Check 'stl_load_errors' system table for details.`, SQLSTATE XX000, as
 * Redshift's driver reports it). MAXERROR: https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-load.html.
 * The rejected rows leave as notices (see load-error-notice.ts) so they survive the failed load's rollback.
 * Part of {@link copyHelperSql}.
 */
export const copyRejectingRowsSql = String.raw`
-- The fields of a CSV record: delimiter-separated, a field in quotes may hold the delimiter, newlines and
-- doubled quotes.
CREATE OR REPLACE FUNCTION shiftflow_compat.split_csv_record(record text, delimiter text, quote text)
RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $body$
  SELECT coalesce(array_agg(
    CASE WHEN pg_catalog.length(m[1]) >= 2 AND pg_catalog.left(m[1], 1) = quote AND pg_catalog.right(m[1], 1) = quote
         THEN pg_catalog.replace(pg_catalog.substr(m[1], 2, pg_catalog.length(m[1]) - 2), quote || quote, quote)
         ELSE m[1] END ORDER BY n), ARRAY[]::text[])
  FROM (SELECT pg_catalog.regexp_replace(delimiter, '([^[:alnum:]])', '\\\1', 'g') AS d,
               pg_catalog.regexp_replace(quote, '([^[:alnum:]])', '\\\1', 'g') AS q) AS escaped,
       pg_catalog.regexp_matches(record, format('(?:^|%1$s)(%2$s(?:[^%2$s]|%2$s%2$s)*%2$s|[^%1$s]*)', d, q), 'g')
         WITH ORDINALITY AS found(m, n)
$body$;

-- Redshift's error code, reason and position for a value of type type_name that failed with SQLSTATE state.
CREATE OR REPLACE FUNCTION shiftflow_compat.load_error_reason(type_name text, value text, state text, message text)
RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $body$
DECLARE
  trimmed text := pg_catalog.btrim(coalesce(value, ''));
  good_prefix text;
  type_label text := CASE type_name WHEN 'int2' THEN 'Short' WHEN 'int4' THEN 'Integer' WHEN 'int8' THEN 'Long'
    WHEN 'numeric' THEN 'Decimal' WHEN 'float4' THEN 'Real' WHEN 'float8' THEN 'Double' END;
BEGIN
  IF state = '22001' THEN
    RETURN jsonb_build_object('code', 1204, 'position', 0, 'reason', 'String length exceeds DDL length');
  END IF;
  IF state = '22003' THEN
    RETURN jsonb_build_object('code', 1204, 'position', 0,
      'reason', format('Overflow, Value ''%s'', Type: %s', pg_catalog.left(trimmed, 40), coalesce(type_label, type_name)));
  END IF;
  IF state = '22021' THEN
    RETURN jsonb_build_object('code', 1220, 'position', 0, 'reason', 'String contains invalid or unsupported UTF8 codepoints');
  END IF;
  IF type_label IS NOT NULL THEN
    good_prefix := substring(trimmed FROM CASE WHEN type_name IN ('int2', 'int4', 'int8') THEN '^[+-]?[0-9]*'
                                               ELSE '^[+-]?[0-9]*\.?[0-9]*' END);
    RETURN jsonb_build_object('code', CASE WHEN type_name IN ('float4', 'float8') THEN 1208 ELSE 1207 END,
      'position', pg_catalog.length(good_prefix),
      'reason', format('Invalid digit, Value ''%s'', Pos %s, Type: %s',
        pg_catalog.substr(trimmed, pg_catalog.length(good_prefix) + 1, 1), pg_catalog.length(good_prefix), type_label));
  END IF;
  IF type_name = 'date' THEN
    RETURN jsonb_build_object('code', 1205, 'position', 0, 'reason', 'Invalid Date Format - ' || message);
  END IF;
  IF type_name IN ('timestamp', 'timestamptz') THEN
    RETURN jsonb_build_object('code', 1206, 'position', 0, 'reason', 'Invalid timestamp format or value - ' || message);
  END IF;
  IF type_name = 'bool' THEN
    RETURN jsonb_build_object('code', 1210, 'position', 0, 'reason', format('Invalid boolean value ''%s''', pg_catalog.left(trimmed, 40)));
  END IF;
  RETURN jsonb_build_object('code', 1216, 'position', 0, 'reason', 'Invalid input - ' || message);
END
$body$;

-- Why the row at line_number of pg_temp.shiftflow_copy_records cannot load: the first column whose value does
-- not fit its type (tried alone on pg_temp.shiftflow_copy_probe, a constraint-free copy of the columns), else
-- the first NULL in a NOT NULL column, else the row's own error.
CREATE OR REPLACE FUNCTION shiftflow_compat.copy_row_problem(target_table regclass, column_names text[],
  column_expressions text[], line bigint, row_message text)
RETURNS jsonb LANGUAGE plpgsql AS $body$
DECLARE
  index integer;
  state text;
  message text;
  value text;
  is_null boolean;
BEGIN
  FOR index IN 1 .. cardinality(column_names) LOOP
    BEGIN
      EXECUTE format('INSERT INTO pg_temp.shiftflow_copy_probe (%I) SELECT %s FROM pg_temp.shiftflow_copy_records WHERE line_number = $1',
        column_names[index], column_expressions[index]) USING line;
    EXCEPTION WHEN data_exception THEN
      GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT;
      EXECUTE format('SELECT c%s FROM pg_temp.shiftflow_copy_records WHERE line_number = $1', index) INTO value USING line;
      RETURN jsonb_build_object('column', index) || shiftflow_compat.load_error_reason(
        (SELECT t.typname::text FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
          WHERE a.attrelid = target_table AND a.attname = column_names[index]), value, state, message);
    END;
  END LOOP;
  FOR index IN 1 .. cardinality(column_names) LOOP
    CONTINUE WHEN NOT (SELECT a.attnotnull FROM pg_catalog.pg_attribute a WHERE a.attrelid = target_table AND a.attname = column_names[index]);
    EXECUTE format('SELECT (%s) IS NULL FROM pg_temp.shiftflow_copy_records WHERE line_number = $1', column_expressions[index])
      INTO is_null USING line;
    IF is_null THEN
      RETURN jsonb_build_object('column', index, 'code', 1213, 'position', 0, 'reason', 'Missing data for not-null field');
    END IF;
  END LOOP;
  RETURN jsonb_build_object('column', 1, 'code', 1216, 'position', 0, 'reason', 'Input line is not valid - ' || row_message);
END
$body$;

CREATE OR REPLACE PROCEDURE shiftflow_compat.copy_rejecting_rows(target_table regclass, column_names text[],
  column_expressions text[], paths text[], uris text[], options jsonb, started_at timestamp, INOUT loaded bigint)
LANGUAGE plpgsql AS $body$
DECLARE
  delimiter text := options->>'delimiter';
  csv boolean := (options->>'csv')::boolean;
  quote text := options->>'quote';
  null_as text := options->>'nullAs';
  ignore_header integer := (options->>'ignoreHeader')::integer;
  max_error integer := coalesce((options->>'maxError')::integer, 0);
  compression text := options->>'compression';
  on_pglite boolean := pg_catalog.version() LIKE '%emscripten%';
  column_count integer := cardinality(column_names);
  column_list text;
  select_list text := array_to_string(column_expressions, ', ');
  control_bytes text[];
  line_options text;
  records_query text;
  split_expression text;
  field_list text;
  object_index integer;
  range_starts bigint[];
  range_ends bigint[];
  range_start bigint;
  range_end bigint;
  line bigint;
  line_fields integer;
  row_count bigint;
  error_count bigint := 0;
  problem jsonb;
  rejected record;
  saved_min_messages text := current_setting('client_min_messages');
  scratch_table text;
  table_name text := (SELECT relname::text FROM pg_catalog.pg_class WHERE oid = target_table);
  user_id integer := (SELECT oid::integer FROM pg_catalog.pg_roles WHERE rolname = current_user);
BEGIN
  FOREACH scratch_table IN ARRAY ARRAY['shiftflow_copy_lines', 'shiftflow_copy_records', 'shiftflow_copy_rejects', 'shiftflow_copy_probe'] LOOP
    IF pg_catalog.to_regclass('pg_temp.' || scratch_table) IS NOT NULL THEN
      EXECUTE format('DROP TABLE pg_temp.%I', scratch_table);
    END IF;
  END LOOP;
  SELECT string_agg(quote_ident(n), ', ' ORDER BY i) INTO column_list FROM unnest(column_names) WITH ORDINALITY AS u(n, i);
  CREATE TEMP TABLE shiftflow_copy_lines (line_number bigint GENERATED ALWAYS AS IDENTITY, line text);
  EXECUTE format('CREATE TEMP TABLE shiftflow_copy_records (line_number bigint, raw_line text, field_count integer, raw_fields text[], %s)',
    (SELECT string_agg(format('c%s text', i), ', ' ORDER BY i) FROM generate_series(1, column_count) AS i));
  CREATE INDEX ON pg_temp.shiftflow_copy_records (line_number);
  CREATE TEMP TABLE shiftflow_copy_rejects (object_index integer, line_number bigint, column_index integer, raw_line text,
    raw_field_value text, err_code integer, err_reason text, position integer);
  EXECUTE format('CREATE TEMP TABLE shiftflow_copy_probe AS SELECT %s FROM %s WITH NO DATA', column_list, target_table);

  -- Whole lines as one unquoted field: three control bytes that are neither the delimiter nor the quote.
  SELECT array_agg(b ORDER BY n) INTO control_bytes FROM (
    SELECT pg_catalog.chr(n) AS b, n FROM generate_series(1, 6) AS n WHERE pg_catalog.chr(n) NOT IN (delimiter, quote)) AS candidates;
  line_options := format('FORMAT csv, DELIMITER %L, QUOTE %L, NULL %L', control_bytes[1], control_bytes[2], control_bytes[3]);
  -- A CSV record goes on over the next line while a quoted field is open (an odd number of quotes so far).
  records_query := CASE WHEN csv THEN format(
    'SELECT min(line_number) AS line_number, string_agg(line, E''\n'' ORDER BY line_number) AS raw FROM (
       SELECT line_number, line, sum(starts) OVER (ORDER BY line_number) AS record_id FROM (
         SELECT line_number, line, CASE WHEN coalesce(sum(odd) OVER (ORDER BY line_number ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) %% 2 = 0
                                        THEN 1 ELSE 0 END AS starts
         FROM (SELECT line_number, line, (pg_catalog.length(line) - pg_catalog.length(pg_catalog.replace(line, %L, ''''))) %% 2 AS odd
               FROM pg_temp.shiftflow_copy_lines WHERE line_number > %s) AS counted) AS marked) AS grouped GROUP BY record_id',
    quote, ignore_header)
    ELSE format('SELECT line_number, line AS raw FROM pg_temp.shiftflow_copy_lines WHERE line_number > %s', ignore_header) END;
  split_expression := CASE WHEN csv THEN format('shiftflow_compat.split_csv_record(raw, %L, %L)', delimiter, quote)
    ELSE format('CASE WHEN raw = '''' THEN ARRAY['''']::text[] ELSE pg_catalog.string_to_array(raw, %L) END', delimiter) END;
  SELECT string_agg(format('NULLIF(f[%s], %L)', i, null_as), ', ' ORDER BY i) INTO field_list FROM generate_series(1, column_count) AS i;

  FOR object_index IN 1 .. cardinality(paths) LOOP
    TRUNCATE pg_temp.shiftflow_copy_lines RESTART IDENTITY;
    TRUNCATE pg_temp.shiftflow_copy_records;
    EXECUTE format('COPY pg_temp.shiftflow_copy_lines (line) FROM %s WITH (%s)',
      shiftflow_compat.copy_source(paths[object_index], compression, on_pglite), line_options);
    -- OFFSET 0 keeps the split from being computed once per field.
    EXECUTE format('INSERT INTO pg_temp.shiftflow_copy_records SELECT line_number, raw, cardinality(f), f, %s FROM (SELECT line_number, raw, %s AS f FROM (%s) AS r OFFSET 0) AS s',
      field_list, split_expression, records_query);
    -- Insert the lines [range_start, range_end) at once; when that fails, halve the range (first half first, so the
    -- first bad rows are the ones found), down to single records, which are loaded or rejected.
    range_starts := ARRAY[(SELECT min(line_number) FROM pg_temp.shiftflow_copy_records)];
    range_ends := ARRAY[(SELECT max(line_number) + 1 FROM pg_temp.shiftflow_copy_records)];
    WHILE range_starts[1] IS NOT NULL AND cardinality(range_starts) > 0 AND error_count <= max_error LOOP
      range_start := range_starts[cardinality(range_starts)];
      range_end := range_ends[cardinality(range_ends)];
      range_starts := range_starts[1:cardinality(range_starts) - 1];
      range_ends := range_ends[1:cardinality(range_ends) - 1];
      SELECT count(*), min(r.line_number), min(r.field_count) INTO row_count, line, line_fields
        FROM pg_temp.shiftflow_copy_records AS r WHERE r.line_number >= range_start AND r.line_number < range_end;
      CONTINUE WHEN row_count = 0;
      IF row_count = 1 AND line_fields <> column_count THEN
        -- Too few fields: Redshift's 1214 "Delimiter not found"; too many: 1202 "Extra column(s) found".
        INSERT INTO pg_temp.shiftflow_copy_rejects
          SELECT object_index, line, CASE WHEN line_fields < column_count THEN greatest(line_fields, 1) ELSE column_count END,
                 r.raw_line, coalesce(r.raw_fields[CASE WHEN line_fields < column_count THEN line_fields ELSE column_count + 1 END], ''),
                 CASE WHEN line_fields < column_count THEN 1214 ELSE 1202 END,
                 CASE WHEN line_fields < column_count THEN 'Delimiter not found' ELSE 'Extra column(s) found' END,
                 pg_catalog.length(r.raw_line)
          FROM pg_temp.shiftflow_copy_records AS r WHERE r.line_number = line;
        error_count := error_count + 1;
        CONTINUE;
      END IF;
      BEGIN
        IF row_count > 1 AND EXISTS (SELECT 1 FROM pg_temp.shiftflow_copy_records WHERE field_count <> column_count
                                     AND line_number >= range_start AND line_number < range_end) THEN
          RAISE EXCEPTION 'a record of the range has the wrong number of fields' USING ERRCODE = 'SF002';
        END IF;
        EXECUTE format('INSERT INTO %s (%s) SELECT %s FROM pg_temp.shiftflow_copy_records WHERE line_number >= $1 AND line_number < $2 ORDER BY line_number',
          target_table, column_list, select_list) USING range_start, range_end;
        loaded := loaded + row_count;
      EXCEPTION WHEN data_exception OR not_null_violation OR check_violation OR SQLSTATE 'SF002' THEN
        IF row_count > 1 THEN
          range_starts := range_starts || ARRAY[(range_start + range_end) / 2, range_start];
          range_ends := range_ends || ARRAY[range_end, (range_start + range_end) / 2];
        ELSE
          problem := shiftflow_compat.copy_row_problem(target_table, column_names, column_expressions, line, SQLERRM);
          INSERT INTO pg_temp.shiftflow_copy_rejects
            SELECT object_index, line, (problem->>'column')::integer, r.raw_line,
                   coalesce(r.raw_fields[(problem->>'column')::integer], ''), (problem->>'code')::integer, problem->>'reason',
                   (problem->>'position')::integer
            FROM pg_temp.shiftflow_copy_records AS r WHERE r.line_number = line;
          error_count := error_count + 1;
        END IF;
      END;
    END LOOP;
    EXIT WHEN error_count > max_error;
  END LOOP;

  -- Rejected rows leave as notices, whatever client_min_messages says, before the load fails or goes on.
  PERFORM pg_catalog.set_config('client_min_messages', 'notice', true);
  FOR rejected IN SELECT * FROM pg_temp.shiftflow_copy_rejects ORDER BY object_index, line_number LIMIT max_error + 1 LOOP
    RAISE NOTICE '%', 'shiftflow_load_error:' || jsonb_build_object(
      'userid', user_id, 'tbl', target_table::oid::bigint, 'starttime', started_at, 'database_name', current_database(),
      'filename', uris[rejected.object_index], 'line_number', rejected.line_number,
      'colname', column_names[rejected.column_index],
      'type', (SELECT t.typname FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
               WHERE a.attrelid = target_table AND a.attname = column_names[rejected.column_index]),
      'col_length', (SELECT CASE WHEN a.atttypid IN ('varchar'::regtype, 'bpchar'::regtype) AND a.atttypmod > 4 THEN (a.atttypmod - 4)::text
                                 WHEN a.atttypid = 'numeric'::regtype AND a.atttypmod > 4
                                   THEN ((a.atttypmod - 4) >> 16)::text || ',' || ((a.atttypmod - 4) & 65535)::text
                                 ELSE '0' END
                     FROM pg_catalog.pg_attribute a WHERE a.attrelid = target_table AND a.attname = column_names[rejected.column_index]),
      'position', rejected.position,
      -- Redshift replaces multibyte characters of the raw line with a period.
      'raw_line', pg_catalog.left(pg_catalog.regexp_replace(rejected.raw_line, '[^[:ascii:]]', '.', 'g'), 1024),
      'raw_field_value', pg_catalog.left(rejected.raw_field_value, 1024),
      'err_code', rejected.err_code, 'err_reason', rejected.err_reason)::text;
  END LOOP;
  PERFORM pg_catalog.set_config('client_min_messages', saved_min_messages, true);
  DROP TABLE pg_temp.shiftflow_copy_lines, pg_temp.shiftflow_copy_records, pg_temp.shiftflow_copy_rejects, pg_temp.shiftflow_copy_probe;
  IF error_count > max_error THEN
    RAISE EXCEPTION 'Load into table ''%'' failed.  Check ''stl_load_errors'' system table for details.', table_name
      USING ERRCODE = 'XX000';
  END IF;
END
$body$;
`;
