// Run inside a private mount namespace whose tmpfs is mounted at argv[2] (see data-dir-full-disk.test.ts):
// opens a PGlite data dir there once the disk is full and prints the error as one JSON line.
// argv[3] is 'fresh' (the disk fills while the data dir is created) or 'existing' (created first,
// then the disk is filled, then reopened).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startLocalRedshift } from '../../dist/index.js';

const [mount, scenario] = process.argv.slice(2);
const dataDir = path.join(mount, 'engine');
const s3Root = path.join(mount, 's3');
mkdirSync(s3Root);
if (scenario === 'existing') {
  const redshift = await startLocalRedshift({ dataDir, s3Root });
  await redshift.close();
  // A reopen that only reads opens even on a full disk; without this record it runs the
  // compatibility SQL again, which writes (as an upgrade to a new version of the SQL does).
  rmSync(path.join(dataDir, 'redshift-local', 'setup-sql-sha256'));
  const block = Buffer.alloc(1024 * 1024);
  try {
    for (let index = 0; ; index++) writeFileSync(path.join(mount, `fill-${index}`), block);
  } catch (error) {
    if (error.code !== 'ENOSPC') throw error;
  }
  // Leave a few kilobytes: enough for small files, not for the engine.
  rmSync(path.join(mount, 'fill-0'));
  writeFileSync(path.join(mount, 'fill-0'), block.subarray(0, block.length - 16 * 1024));
}
try {
  const redshift = await startLocalRedshift({ dataDir, s3Root });
  await redshift.close();
  console.log(JSON.stringify({ opened: true }));
} catch (error) {
  console.log(
    JSON.stringify({ name: error.name, code: error.code, reason: error.reason, message: error.message }),
  );
}
