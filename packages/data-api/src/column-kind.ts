/** How a column's values are decoded, by its Redshift type; unknown types read as text. */
export type ColumnKind =
  | 'int'
  | 'int8'
  | 'float'
  | 'numeric'
  | 'bool'
  | 'date'
  | 'timestamp'
  | 'timestamptz'
  | 'time'
  | 'super'
  | 'varbyte'
  | 'text';

/** Redshift type names (as `ColumnMetadata.typeName` spells them) and the kind each decodes as. */
export const kindByTypeName: Readonly<Record<string, ColumnKind>> = {
  int2: 'int',
  int4: 'int',
  smallint: 'int',
  integer: 'int',
  int: 'int',
  int8: 'int8',
  bigint: 'int8',
  float4: 'float',
  float8: 'float',
  real: 'float',
  float: 'float',
  'double precision': 'float',
  numeric: 'numeric',
  decimal: 'numeric',
  bool: 'bool',
  boolean: 'bool',
  date: 'date',
  timestamp: 'timestamp',
  'timestamp without time zone': 'timestamp',
  timestamptz: 'timestamptz',
  'timestamp with time zone': 'timestamptz',
  time: 'time',
  timetz: 'time',
  'time without time zone': 'time',
  'time with time zone': 'time',
  super: 'super',
  varbyte: 'varbyte',
  varbinary: 'varbyte',
  'binary varying': 'varbyte',
  bytea: 'varbyte',
};
