/**
 * The local S3 jail on the host side: maps `bucket/key` to a file inside the local S3 folder, or
 * refuses it. Self-contained (node: built-ins and `./errors.ts` only, erasable TypeScript) because
 * the PGlite worker imports it from `src/` on Node 24 as well as from both builds.
 */
import { closeSync, constants, fstatSync, openSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { S3ObjectRefusedError } from './errors.ts';

/**
 * Most bytes an S3 object key may have, UTF-8 encoded.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html
 */
export const maxS3KeyBytes = 1024;

const reservedBucketPrefixes = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const reservedBucketSuffixes = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/**
 * Why `bucket` is not a valid general purpose bucket name, or undefined when it is. The rules of
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html: 3 to 63 lowercase
 * letters, digits, dots and hyphens, starting and ending with a letter or digit, no two adjacent dots,
 * not an IP address, none of the reserved prefixes and suffixes.
 *
 * @example
 * bucketNameProblem('my-bucket'); // undefined
 * bucketNameProblem('..'); // 'bucket names are 3 to 63 characters long'
 */
export function bucketNameProblem(bucket: string): string | undefined {
  if (bucket.length < 3 || bucket.length > 63) return 'bucket names are 3 to 63 characters long';
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(bucket)) {
    return 'bucket names hold only lowercase letters, digits, dots and hyphens, and start and end with a letter or digit';
  }
  if (bucket.includes('..')) return 'bucket names have no two adjacent dots';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(bucket)) return 'bucket names are not IP addresses';
  const prefix = reservedBucketPrefixes.find((reserved) => bucket.startsWith(reserved));
  if (prefix !== undefined) return `bucket names do not start with the reserved prefix ${prefix}`;
  const suffix = reservedBucketSuffixes.find((reserved) => bucket.endsWith(reserved));
  if (suffix !== undefined) return `bucket names do not end with the reserved suffix ${suffix}`;
  return undefined;
}

/** `segment` with percent-encoding undone, repeatedly (`%252e` → `%2e` → `.`). */
function percentDecoded(segment: string): string {
  let value = segment;
  for (let round = 0; round < 8 && value.includes('%'); round++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      // Not valid percent-encoding (a lone '%'): S3 keys may hold it; the text stays as it is.
      return value;
    }
    if (decoded === value) return value;
    value = decoded;
  }
  return value;
}

/**
 * Why `key` cannot name a file in the local S3 folder, or undefined when it can. S3 allows any UTF-8
 * key up to 1,024 bytes; a folder on disk cannot hold a key with an empty, `.` or `..` segment (also
 * percent-encoded, or split by a backslash), or with a NUL character, so those are refused.
 *
 * @example
 * keyProblem('2024/trips.csv.gz'); // undefined
 * keyProblem('../etc/passwd'); // 'key segment ".." would leave the bucket'
 */
export function keyProblem(key: string): string | undefined {
  if (key === '') return 'the key is empty';
  if (Buffer.byteLength(key, 'utf8') > maxS3KeyBytes) return `keys are at most ${maxS3KeyBytes} bytes long`;
  if (key.includes('\0')) return 'keys hold no NUL character';
  for (const segment of key.split('/')) {
    if (segment === '') return 'a key segment is empty ("//" or a leading or trailing "/")';
    const decoded = percentDecoded(segment);
    if (decoded.includes('\0')) return 'keys hold no NUL character, not even percent-encoded';
    for (const part of decoded.split(/[/\\]/)) {
      if (part === '.' || part === '..')
        return `key segment ${JSON.stringify(segment)} would leave the bucket`;
    }
  }
  return undefined;
}

function isInside(directory: string, file: string): boolean {
  const relative = path.relative(directory, file);
  return (
    relative !== '' &&
    relative !== '..' &&
    !relative.startsWith(`..${path.sep}`) &&
    !path.isAbsolute(relative)
  );
}

/**
 * Opens the object `bucketAndKey` (`bucket/key`, as the COPY helper passes it) of the local S3 folder
 * `s3Root` for reading and returns the file descriptor; the caller closes it. Refused with an
 * S3ObjectRefusedError naming `object`: an invalid bucket name or key, a link that resolves outside
 * `s3Root` (checked on the real path), and anything that is not a regular file (folder, device, pipe).
 *
 * @example
 * const fd = openS3ObjectFile('/project/.shiftflow/s3', 'shiftflow-sample/trips.csv.gz', 's3://shiftflow-sample/trips.csv.gz');
 */
export function openS3ObjectFile(s3Root: string, bucketAndKey: string, object: string): number {
  const slash = bucketAndKey.indexOf('/');
  const bucket = slash < 0 ? bucketAndKey : bucketAndKey.slice(0, slash);
  const key = slash < 0 ? '' : bucketAndKey.slice(slash + 1);
  const problem =
    bucket === '.' || bucket === '..'
      ? `bucket ${JSON.stringify(bucket)} would leave the local S3 folder`
      : (bucketNameProblem(bucket) ?? keyProblem(key));
  if (problem !== undefined) throw new S3ObjectRefusedError(object, problem);
  const root = realpathSync(s3Root);
  let file: string;
  try {
    file = realpathSync(path.join(root, bucket, ...key.split('/')));
  } catch (error) {
    throw new S3ObjectRefusedError(object, 'no such object in the local S3 folder', { cause: error });
  }
  if (!isInside(root, file))
    throw new S3ObjectRefusedError(object, 'it is a link that leads out of the local S3 folder');
  if (!statSync(file).isFile()) throw new S3ObjectRefusedError(object, 'it is not a regular file');
  // O_NOFOLLOW and O_NONBLOCK: a file swapped for a link or a pipe after the checks is not followed
  // and does not block the engine; fstat checks what was really opened.
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  if (!fstatSync(fd).isFile()) {
    closeSync(fd);
    throw new S3ObjectRefusedError(object, 'it is not a regular file');
  }
  return fd;
}
