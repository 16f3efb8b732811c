/**
 * `shiftflow serve` prints `export NAME=value` lines "for any AWS SDK, boto3 or the AWS CLI". This
 * runs boto3 for real with nothing but those exports (no inherited AWS_* variable, an empty HOME so
 * no ~/.aws files): boto3 reads its region only from AWS_DEFAULT_REGION, not AWS_REGION, and fails
 * with NoRegionError when the exports lack it. Needs python3 with boto3 (Debian: python3-boto3;
 * .ci/run installs it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliProcess } from './cli-process';

const snippet = `
import json, time, boto3
data = boto3.client("redshift-data")
statement = data.execute_statement(WorkgroupName="shiftflow", Database="dev", Sql="select 6 * 7 as answer")
for _ in range(600):
    status = data.describe_statement(Id=statement["Id"])["Status"]
    if status in ("FINISHED", "FAILED", "ABORTED"):
        break
    time.sleep(0.05)
result = data.get_statement_result(Id=statement["Id"])
sns = boto3.client("sns")
published = sns.publish(TopicArn="arn:aws:sns:us-east-1:123456789012:nyc-taxi-notifications", Message="from boto3")
print(json.dumps({"region": data.meta.region_name, "status": status, "records": result["Records"], "messageId": published["MessageId"]}))
`;

let directory: string;
let home: string;
let serve: Awaited<ReturnType<typeof startCliProcess>>;
let exports: Record<string, string>;

/** Waits until `serve` printed its last line of instructions; the CLI's exit fails the wait at once. */
async function waitForInstructions(): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (!serve.output().includes('Ctrl-C stops.')) {
    if (serve.child.exitCode !== null)
      throw new Error(`serve exited with ${serve.child.exitCode}: ${serve.output()}`);
    if (Date.now() > deadline) throw new Error(`serve printed no instructions: ${serve.output()}`);
    await new Promise((resolve) => serve.child.stdout?.once('data', resolve));
  }
  return serve.output();
}

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'shiftflow-serve-boto3-'));
  home = await mkdtemp(path.join(tmpdir(), 'shiftflow-empty-home-'));
  serve = await startCliProcess(['serve', '--state-dir', directory]);
  const text = await waitForInstructions();
  exports = Object.fromEntries(
    [...text.matchAll(/^export ([A-Z_]+)=(\S+)$/gm)].map((match) => [match[1] ?? '', match[2] ?? '']),
  );
});

afterAll(async () => {
  await serve?.stop();
  await rm(directory, { recursive: true, force: true });
  await rm(home, { recursive: true, force: true });
});

describe('shiftflow serve and boto3', () => {
  it('prints a region every SDK reads: AWS_REGION and AWS_DEFAULT_REGION', () => {
    expect(exports).toMatchObject({ AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1' });
  });

  it('lets boto3 run a statement and publish with only the printed exports', () => {
    const python = spawnSync('python3', ['-c', snippet], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, ...exports },
      encoding: 'utf8',
      timeout: 50_000,
    });
    if (python.error || /No module named .?boto3/.test(python.stderr ?? '')) {
      throw new Error(
        `this test needs python3 with boto3 (Debian: apt-get install python3-boto3; .ci/run installs it): ${python.error?.message ?? python.stderr}`,
      );
    }
    expect(python.stderr).not.toContain('NoRegionError');
    expect(python.status, python.stderr).toBe(0);
    const output = JSON.parse(python.stdout) as {
      region: string;
      status: string;
      records: unknown;
      messageId: string;
    };
    expect(output).toMatchObject({ region: 'us-east-1', status: 'FINISHED', records: [[{ longValue: 42 }]] });
    expect(output.messageId).toMatch(/\S/);
  });
});
