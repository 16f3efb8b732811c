// ESM consumer: the `version` each package exports next to the version in its installed package.json
// (a release bumps package.json; the exported constant must follow).
import { createRequire } from 'node:module';
import { report } from './report.mjs';

const require = createRequire(import.meta.url);
const names = [
  '@shiftflow/data-api',
  '@shiftflow/events',
  '@shiftflow/elt-runner',
  '@shiftflow/notifier',
  '@shiftflow/redshift-local',
];
const versions = {};
for (const name of names) {
  const exports = await import(name);
  versions[name] = {
    manifest: require(`${name}/package.json`).version,
    exported: 'version' in exports ? exports.version : null,
  };
}
report({ versions });
