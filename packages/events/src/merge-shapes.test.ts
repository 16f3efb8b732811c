import { describe, expect, it } from 'vitest';
import { mergeShapes } from './merge-shapes';

describe('mergeShapes', () => {
  it('returns a new object with the fields of both, leaving its arguments alone', () => {
    const base = { a: 1, b: 2 };
    const extra = { c: 3 };
    const merged = mergeShapes(base, extra);
    expect(merged).toEqual({ a: 1, b: 2, c: 3 });
    expect(merged).not.toBe(base);
    expect(base).toEqual({ a: 1, b: 2 });
    expect(extra).toEqual({ c: 3 });
  });

  it('lets the extra fields replace base fields of the same name', () => {
    expect(mergeShapes({ a: 1, b: 2 }, { b: 'two' })).toEqual({ a: 1, b: 'two' });
  });
});

describe('schemas composed with mergeShapes', () => {
  // The reason mergeShapes exists: a bundle that uses one schema must not build the others at import.
  const bundle = async (exported: string) => {
    const { build } = await import('esbuild');
    const result = await build({
      stdin: {
        contents: `export { ${exported} } from './index';`,
        resolveDir: import.meta.dirname,
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      platform: 'node',
      write: false,
      logLevel: 'silent',
    });
    return result.outputFiles[0]?.text ?? '';
  };

  it('leave the notifier environment schema out of a bundle of the runner environment parser', async () => {
    const code = await bundle('parseRunnerEnvironment');
    expect(code).toContain('SHIFTFLOW_ELT_SQL');
    expect(code).not.toContain('SHIFTFLOW_TOPIC_ARN');
  });

  it('leave the runner environment schema out of a bundle of the notifier environment parser', async () => {
    const code = await bundle('parseNotifierEnvironment');
    expect(code).toContain('SHIFTFLOW_TOPIC_ARN');
    expect(code).not.toContain('SHIFTFLOW_ELT_SQL');
  });

  it('leave the EventBridge rule and Scheduler default forms out of a bundle of the Scheduler input schema', async () => {
    const code = await bundle('schedulerInputEventSchema');
    expect(code).toContain('shiftflow.scheduler');
    expect(code).not.toContain('Scheduled Event');
    expect(code).not.toContain('aws.events');
  });
});
