import { describe, expect, it } from 'vitest';
import { lazySchema } from './lazy-schema';
import { parseRunnerInput, runnerInputSchema } from './runner-input';

const inputs: unknown[] = [
  { source: 'shiftflow.scheduler', scheduledTime: '2026-12-06T10:00:00Z' },
  { source: 'shiftflow.scheduler', scheduledTime: 'yesterday' },
  { source: 'shiftflow.manual', reason: 'reload' },
  { source: 'shiftflow.manual', reason: ' ', extra: 1 },
  {
    source: 'aws.scheduler',
    version: '0',
    id: 'i',
    'detail-type': 'Scheduled Event',
    account: '1',
    time: '2026-12-06T10:00:00Z',
    region: 'r',
    resources: [],
    detail: '{}',
  },
  {
    source: 'aws.events',
    version: '0',
    id: 'i',
    'detail-type': 'Scheduled Event',
    account: '1',
    time: '2026-12-06T10:00:00Z',
    region: 'r',
    resources: ['x'],
    detail: {},
  },
  { source: 'aws.events', detail: 'not an object' },
  { source: 'somewhere.else' },
  { source: 7 },
  {},
  null,
  'shiftflow.manual',
];

/** The union's own verdict: the parsed value, or the issues' paths and messages. */
function viaUnion(input: unknown): unknown {
  const result = runnerInputSchema.safeParse(input);
  return result.success
    ? result.data
    : result.error.issues.map((issue) => [issue.path.join('.'), issue.message]);
}

function viaParse(input: unknown): unknown {
  try {
    return parseRunnerInput(input);
  } catch (error) {
    const cause = (error as { cause?: { issues?: { path: PropertyKey[]; message: string }[] } }).cause;
    return cause?.issues?.map((issue) => [issue.path.join('.'), issue.message]);
  }
}

describe('lazy schemas', () => {
  it('builds once, on first use', () => {
    let builds = 0;
    const once = lazySchema(() => ({ built: ++builds }));
    expect(builds).toBe(0);
    expect(once()).toBe(once());
    expect(builds).toBe(1);
  });

  it.each(inputs.map((input) => [JSON.stringify(input), input]))(
    'parseRunnerInput picking the branch by source agrees with the whole union: %s',
    (_name, input) => {
      expect(viaParse(input)).toEqual(viaUnion(input));
    },
  );
});
