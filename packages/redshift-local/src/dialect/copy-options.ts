/**
 * The options of a Redshift COPY the local helper understands, passed to it as JSON.
 *
 * @example
 * ```ts
 * const options: CopyOptions = { ...defaults, delimiter: ',', csv: true, ignoreHeader: 1 };
 * ```
 */
export interface CopyOptions {
  delimiter: string;
  csv: boolean;
  quote: string;
  ignoreHeader: number;
  /** The NULL AS string; Redshift's default is `\N`. */
  nullAs: string;
  emptyAsNull: boolean;
  blanksAsNull: boolean;
  /** GZIP, BZIP2, ZSTD or LZOP: the program that decompresses each object; null for plain objects. */
  compression: 'gzip' | 'bzip2' | 'zstd' | 'lzop' | null;
  /** MAXERROR: how many rejected rows the load skips (and records in stl_load_errors) before it fails. */
  maxError: number;
  dateFormat: string | null;
  timeFormat: string | null;
  manifest: boolean;
  explicitIds: boolean;
  truncateColumns: boolean;
  region: string | null;
}
