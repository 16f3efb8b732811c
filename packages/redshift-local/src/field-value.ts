/**
 * PostgreSQL text values → Redshift Data API `Field` members and `ColumnMetadata`, with the
 * type names Redshift reports (lower case).
 */
import type { EngineField } from './engine';

/** A Data API Field: exactly one member is set. */
export type Field =
  | { isNull: true }
  | { booleanValue: boolean }
  | { longValue: number }
  | { doubleValue: number }
  | { stringValue: string }
  | { blobValue: string };

/** Data API ColumnMetadata. */
export interface ColumnMetadata {
  name: string;
  label: string;
  typeName: string;
  nullable: number;
  precision: number;
  scale: number;
  length: number;
  isSigned: boolean;
  isCaseSensitive: boolean;
  isCurrency: boolean;
  schemaName: string;
  tableName: string;
  columnDefault?: string | undefined;
}

type Kind = 'long' | 'double' | 'boolean' | 'string' | 'blob';

const types: Record<
  number,
  { name: string; kind: Kind; precision: number; signed: boolean; caseSensitive: boolean }
> = {
  16: { name: 'bool', kind: 'boolean', precision: 1, signed: false, caseSensitive: false },
  17: { name: 'bytea', kind: 'blob', precision: 2147483647, signed: false, caseSensitive: false },
  18: { name: 'char', kind: 'string', precision: 1, signed: false, caseSensitive: true },
  19: { name: 'name', kind: 'string', precision: 64, signed: false, caseSensitive: true },
  20: { name: 'int8', kind: 'long', precision: 19, signed: true, caseSensitive: false },
  21: { name: 'int2', kind: 'long', precision: 5, signed: true, caseSensitive: false },
  23: { name: 'int4', kind: 'long', precision: 10, signed: true, caseSensitive: false },
  25: { name: 'text', kind: 'string', precision: 65535, signed: false, caseSensitive: true },
  26: { name: 'oid', kind: 'long', precision: 10, signed: false, caseSensitive: false },
  114: { name: 'super', kind: 'string', precision: 65535, signed: false, caseSensitive: true },
  3802: { name: 'super', kind: 'string', precision: 65535, signed: false, caseSensitive: true },
  700: { name: 'float4', kind: 'double', precision: 8, signed: true, caseSensitive: false },
  701: { name: 'float8', kind: 'double', precision: 17, signed: true, caseSensitive: false },
  1042: { name: 'bpchar', kind: 'string', precision: 256, signed: false, caseSensitive: true },
  1043: { name: 'varchar', kind: 'string', precision: 256, signed: false, caseSensitive: true },
  1082: { name: 'date', kind: 'string', precision: 13, signed: false, caseSensitive: false },
  1083: { name: 'time', kind: 'string', precision: 15, signed: false, caseSensitive: false },
  1114: { name: 'timestamp', kind: 'string', precision: 29, signed: false, caseSensitive: false },
  1184: { name: 'timestamptz', kind: 'string', precision: 35, signed: false, caseSensitive: false },
  1266: { name: 'timetz', kind: 'string', precision: 21, signed: false, caseSensitive: false },
  1700: { name: 'numeric', kind: 'string', precision: 38, signed: true, caseSensitive: false },
};

/**
 * Converts one PostgreSQL text value of the given type to a Data API Field.
 *
 * @example
 * toField('42', 23); // { longValue: 42 }
 * toField(null, 25); // { isNull: true }
 */
export function toField(value: string | null, typeOid: number): Field {
  if (value === null) return { isNull: true };
  switch (types[typeOid]?.kind ?? 'string') {
    case 'long':
      return { longValue: Number(value) };
    case 'double':
      return { doubleValue: value === 'NaN' ? Number.NaN : Number(value) };
    case 'boolean':
      return { booleanValue: value === 't' || value === 'true' };
    case 'blob':
      return {
        blobValue: (value.startsWith('\\x')
          ? Buffer.from(value.slice(2), 'hex')
          : Buffer.from(value)
        ).toString('base64'),
      };
    default:
      return { stringValue: value };
  }
}

/** The Redshift (lower-case) type name of a PostgreSQL type oid; `unknown` for others. */
export function redshiftTypeName(typeOid: number): string {
  return types[typeOid]?.name ?? 'unknown';
}

/** Fractional-second digits of Redshift's time and timestamp types (microseconds). */
const temporalScale: Record<number, number> = { 1083: 6, 1114: 6, 1184: 6, 1266: 6 };

/** varchar(n) and char(n) carry n + 4 in their type modifier; numeric(p, s) carries ((p << 16) | s) + 4. */
function declaredSize(field: EngineField): { length?: number; precision?: number; scale?: number } {
  const modifier = field.typeModifier ?? -1;
  if (modifier < 4) return {};
  if (field.typeOid === 1043 || field.typeOid === 1042) {
    return { length: modifier - 4, precision: modifier - 4 };
  }
  if (field.typeOid === 1700) {
    return { precision: ((modifier - 4) >> 16) & 0xffff, scale: (modifier - 4) & 0xffff };
  }
  return {};
}

/**
 * Column metadata of a result column. As the service reports it
 * (https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_ColumnMetadata.html):
 * `precision` is a decimal's precision "or the column length for a non-numeric column", so a
 * varchar(20) column has precision and length 20 (an undeclared varchar is Redshift's default 256);
 * timestamps have scale 6 (microseconds); a column read from a table names its schema and table.
 *
 * @example
 * columnMetadata({ name: 'id', typeOid: 23 }).typeName; // 'int4'
 */
export function columnMetadata(field: EngineField): ColumnMetadata {
  const type = types[field.typeOid];
  const size = declaredSize(field);
  return {
    name: field.name,
    label: field.name,
    typeName: type?.name ?? 'unknown',
    nullable: field.nullable ?? 1,
    precision: size.precision ?? type?.precision ?? 0,
    scale:
      size.scale ??
      temporalScale[field.typeOid] ??
      (field.typeOid === 700 ? 8 : field.typeOid === 701 ? 17 : 0),
    length: size.length ?? 0,
    isSigned: type?.signed ?? false,
    isCaseSensitive: type?.caseSensitive ?? false,
    isCurrency: false,
    schemaName: field.schemaName ?? '',
    tableName: field.tableName ?? '',
  };
}

/** Formats one value for CSV output (RFC 4180 quoting; NULL is an empty field). */
export function csvValue(value: string | null, typeOid: number): string {
  if (value === null) return '';
  const text = typeOid === 16 ? (value === 't' ? 'true' : 'false') : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
