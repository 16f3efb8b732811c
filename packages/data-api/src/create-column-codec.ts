import type { ColumnMetadata, Field } from '@aws-sdk/client-redshift-data';
import { type ColumnKind, kindByTypeName } from './column-kind';
import { createTextDecoder } from './create-text-decoder';
import { decodeInt8 } from './decode-int8';
import type { DecodingOptions } from './decoding-options';
import { DecodingError } from './errors';
import type { DecodingFailure, TextDecoder } from './text-decoder';

/** Decodes one `GetStatementResult` Field. */
export type FieldDecoder = (field: Field) => unknown;

/** A column's two decoders: from a JSON-format Field and from CSV text. */
export interface ColumnCodec {
  fromField: FieldDecoder;
  fromText: TextDecoder;
}

/**
 * Builds a column's decoders from its metadata; the fast path reads the Field member the type is sent in,
 * anything else (NULL, another member) takes the slow path, and a value that does not fit throws
 * {@link DecodingError} naming the column.
 */
export function createColumnCodec(
  column: ColumnMetadata,
  name: string,
  options: DecodingOptions,
): ColumnCodec {
  const typeName = (column.typeName ?? '').toLowerCase();
  const kind = kindByTypeName[typeName] ?? 'text';
  const fail = (value: unknown, reason: string, cause?: unknown): never => {
    throw new DecodingError({ column: name, typeName: typeName || 'unknown', value, reason, cause });
  };
  const fromText = createTextDecoder(kind, options, fail);
  // The slow path: NULL, an unexpected Field member, or an unknown member.
  const other = (field: Field): unknown => {
    if (field.isNull === true) return null;
    if (field.stringValue !== undefined) return fromText(field.stringValue);
    if (field.longValue !== undefined) return fromNumber(kind, field.longValue, options, fail);
    if (field.doubleValue !== undefined) return fromNumber(kind, field.doubleValue, options, fail);
    if (field.booleanValue !== undefined) {
      return kind === 'bool' || kind === 'text'
        ? field.booleanValue
        : fail(field.booleanValue, 'unexpected boolean');
    }
    if (field.blobValue !== undefined) {
      return kind === 'varbyte' || kind === 'text'
        ? field.blobValue
        : fail('<blob>', 'unexpected binary value');
    }
    if (field.isNull === false) return fail(field, 'the Field has isNull false and no value');
    return fail(field, 'the Field has no known member');
  };

  let fromField: FieldDecoder;
  switch (kind) {
    case 'int':
    case 'float':
      fromField = (field) => field.longValue ?? field.doubleValue ?? other(field);
      break;
    case 'int8':
      fromField = (field) => {
        const value = field.longValue;
        return value === undefined ? other(field) : decodeInt8(value, options.int8, fail);
      };
      break;
    case 'bool':
      fromField = (field) => field.booleanValue ?? other(field);
      break;
    case 'varbyte':
      fromField = (field) => field.blobValue ?? other(field);
      break;
    case 'text':
      fromField = (field) => field.stringValue ?? other(field);
      break;
    default:
      fromField = (field) => {
        const value = field.stringValue;
        return value === undefined ? other(field) : fromText(value);
      };
  }
  return { fromField, fromText };
}

function fromNumber(
  kind: ColumnKind,
  value: number,
  options: DecodingOptions,
  fail: DecodingFailure,
): unknown {
  switch (kind) {
    case 'int':
    case 'float':
    case 'text':
      return value;
    case 'int8':
      return decodeInt8(value, options.int8, fail);
    case 'numeric':
      return options.numeric === 'number' ? value : String(value);
    case 'bool':
      return value !== 0;
    default:
      return fail(value, `unexpected number for this column type`);
  }
}
