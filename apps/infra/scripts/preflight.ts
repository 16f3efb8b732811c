// Runs before `cdk deploy`, `diff` and `destroy`: fails with a clear message when no AWS
// credentials or region are configured, instead of the CLI's later, vaguer error.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const environment = process.env;
// Credentials the SDK finds without any variable or file (an EC2 instance profile) are invisible
// here; this lets such a machine deploy.
if (environment.SHIFTFLOW_SKIP_PREFLIGHT === '1') {
  process.stdout.write('shiftflow deploy: preflight skipped (SHIFTFLOW_SKIP_PREFLIGHT=1)\n');
  process.exit(0);
}
const home = homedir();
const credentialsFile = environment.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials');
const configFile = environment.AWS_CONFIG_FILE ?? join(home, '.aws', 'config');

function readIfExists(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

const profile = environment.AWS_PROFILE ?? 'default';
const profileHeaders = [`[${profile}]`, `[profile ${profile}]`];
const sharedFiles = `${readIfExists(credentialsFile)}\n${readIfExists(configFile)}`;
const hasProfile = profileHeaders.some((header) => sharedFiles.includes(header));

const sources: [string, boolean][] = [
  [
    'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
    Boolean(environment.AWS_ACCESS_KEY_ID && environment.AWS_SECRET_ACCESS_KEY),
  ],
  [`profile "${profile}" in ${credentialsFile} or ${configFile}`, hasProfile],
  ['AWS_WEB_IDENTITY_TOKEN_FILE', Boolean(environment.AWS_WEB_IDENTITY_TOKEN_FILE)],
  [
    'container credentials (AWS_CONTAINER_CREDENTIALS_*)',
    Boolean(
      environment.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || environment.AWS_CONTAINER_CREDENTIALS_FULL_URI,
    ),
  ],
];
const found = sources.find(([, present]) => present);
const problems: string[] = [];
if (found === undefined) {
  problems.push(
    'no AWS credentials found. Configure one of:',
    ...sources.map(([name]) => `  - ${name}`),
    'for example `aws configure sso` then `export AWS_PROFILE=<profile>`, or `aws configure`.',
    'On an EC2 instance whose instance profile gives the credentials, set SHIFTFLOW_SKIP_PREFLIGHT=1.',
  );
}
const regionPattern = new RegExp(`\\[(profile )?${profile}\\][^[]*\\nregion\\s*=`);
const hasRegion =
  Boolean(environment.AWS_REGION || environment.AWS_DEFAULT_REGION || environment.CDK_DEPLOY_REGION) ||
  regionPattern.test(readIfExists(configFile));
if (!hasRegion) {
  problems.push(
    'no AWS region set: export AWS_REGION=<region> (e.g. eu-west-1) or set region in the profile.',
  );
}
if (problems.length > 0) {
  process.stderr.write(
    `shiftflow deploy: cannot reach AWS:\n${problems.join('\n')}\nNothing was deployed.\n`,
  );
  process.exit(1);
}
process.stdout.write(`shiftflow deploy: using ${found?.[0]}\n`);
