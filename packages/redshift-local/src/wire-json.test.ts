import { describe, expect, it } from 'vitest';
import { toWireJson } from './wire-json';

describe('toWireJson', () => {
  it('writes whole doubleValues as JSON floats and leaves other numbers alone', () => {
    const text = toWireJson({
      Records: [[{ doubleValue: 5 }, { doubleValue: -2 }, { doubleValue: 0.25 }, { longValue: 7 }]],
      TotalNumRows: 1,
    });
    expect(text).toBe(
      '{"Records":[[{"doubleValue":5.0},{"doubleValue":-2.0},{"doubleValue":0.25},{"longValue":7}]],"TotalNumRows":1}',
    );
    expect(JSON.parse(text)).toEqual({
      Records: [[{ doubleValue: 5 }, { doubleValue: -2 }, { doubleValue: 0.25 }, { longValue: 7 }]],
      TotalNumRows: 1,
    });
  });

  it('writes NaN and infinities as the JSON protocols do, as strings', () => {
    const fields = [
      { doubleValue: Number.NaN },
      { doubleValue: Number.POSITIVE_INFINITY },
      { doubleValue: Number.NEGATIVE_INFINITY },
    ];
    expect(toWireJson(fields)).toBe(
      '[{"doubleValue":"NaN"},{"doubleValue":"Infinity"},{"doubleValue":"-Infinity"}]',
    );
  });

  it('leaves strings that look like the marker as they are', () => {
    expect(toWireJson({ stringValue: 'double:5', doubleValue: 1e21 })).toBe(
      '{"stringValue":"double:5","doubleValue":1e+21}',
    );
  });
});
