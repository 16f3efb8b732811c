#!/usr/bin/env node
/**
 * The `redshift-local` command: `redshift-local serve --port N --data-dir D --s3-root S [--postgres-url U]`
 * serves the local Redshift Data API and prints the `export …` lines for the AWS SDK, boto3 and the AWS CLI.
 */
import { runRedshiftLocalCommand } from './run-redshift-local-command';

runRedshiftLocalCommand(process.argv.slice(2), process.stdout, process.stderr).then(
  (redshift) => {
    if (redshift === undefined) return;
    const stop = () => {
      redshift.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (error: unknown) => {
    console.error(`redshift-local: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
