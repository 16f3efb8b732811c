import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPipelineConfig } from '../src/config/load-pipeline-config';
import {
  type LocalPipeline,
  type PipelineProgress,
  startLocalPipeline,
} from '../src/pipeline/start-local-pipeline';
import { Scheduler } from '../src/scheduler';
import { stateLayout } from '../src/state/state-layout';
import { repositoryRoot } from './cli-process';

let directory: string;
let pipeline: LocalPipeline;
const progress: PipelineProgress[] = [];

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'shiftflow-scheduled-'));
  const config = await loadPipelineConfig(path.join(repositoryRoot, 'shiftflow.config.json'));
  pipeline = await startLocalPipeline({
    repositoryRoot,
    config,
    state: stateLayout(directory),
    onProgress: (event) => progress.push(event),
  });
  await pipeline.applySetup();
  await pipeline.ensureSampleData(1500);
});

afterAll(async () => {
  await pipeline?.close();
  await rm(directory, { recursive: true, force: true });
});

describe('a scheduled run of the local pipeline', () => {
  it("runs the runner on EventBridge Scheduler's payload and names the statement after the scheduled time", async () => {
    const config = pipeline.config;
    const scheduler = new Scheduler({
      name: `${config.name}-schedule`,
      expression: config.schedule.expression,
      timeZone: config.schedule.timeZone,
    });
    const scheduledTime = scheduler.schedule.nextRuns(new Date('2026-03-02T00:00:00Z'), 1)[0]!;
    const payload = scheduler.payloadFor(scheduledTime);

    const result = await pipeline.run({ trigger: 'schedule', payload });

    expect(result).toMatchObject({
      status: 'FINISHED',
      rows: 1500,
      statementName: `nyc-taxi/${scheduledTime.toISOString()}`,
    });
    expect(result.notification?.subject).toContain('succeeded');
    const runs = await pipeline.history.list();
    expect(runs.at(-1)).toMatchObject({ trigger: 'schedule', status: 'FINISHED', rows: 1500 });
    const types = progress.map((event) => event.type);
    expect(types.indexOf('submitted')).toBeLessThan(types.indexOf('ended'));
    expect(types).toContain('notified');
  });

  it('gives the functions the environment built from the configuration plus the local endpoints', async () => {
    const log = await readFile(path.join(directory, 'logs', 'nyc-taxi-runner.log'), 'utf8');

    expect(log).toContain('"pipeline":"nyc-taxi"');
    expect(process.env.SHIFTFLOW_PIPELINE_NAME).toBeUndefined();
    expect(pipeline.environment.AWS_ENDPOINT_URL_REDSHIFT_DATA).toBe(pipeline.redshift.endpoint);
    expect(pipeline.environment.AWS_ACCESS_KEY_ID).toBe('test');
  });
});
