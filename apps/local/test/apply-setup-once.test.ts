import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPipelineConfig } from '../src/config/load-pipeline-config';
import { type LocalPipeline, startLocalPipeline } from '../src/pipeline/start-local-pipeline';
import { stateLayout } from '../src/state/state-layout';
import { repositoryRoot } from './cli-process';

let directory: string;
let pipeline: LocalPipeline;
let setupFileCount: number;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'shiftflow-apply-setup-'));
  const config = await loadPipelineConfig(path.join(repositoryRoot, 'shiftflow.config.json'));
  setupFileCount = config.setupFiles.length;
  pipeline = await startLocalPipeline({
    repositoryRoot,
    config,
    state: stateLayout(directory),
    lambdas: false,
  });
});

afterAll(async () => {
  await pipeline?.close();
  await rm(directory, { recursive: true, force: true });
});

// `run` skips its catalog check of the setup's objects when `complete` says they were all just created.
describe('applySetup on a new state folder', () => {
  it('applies every setup file once and says so with complete', async () => {
    const first = await pipeline.applySetup();
    expect(first.files.length).toBeGreaterThan(0);
    expect(first).toMatchObject({ applied: true, complete: true });
    expect(first.files).toHaveLength(setupFileCount);
  });

  it('applies nothing, and is not complete, when nothing changed since', async () => {
    expect(await pipeline.applySetup()).toEqual({ applied: false, files: [], complete: false });
  });

  it('is complete again when forced', async () => {
    const forced = await pipeline.applySetup({ force: true });
    expect(forced).toMatchObject({ applied: true, complete: true });
  });
});
