import { describe, expect, it } from 'vitest';
import { loadErrorNoticePrefix, loadErrorOfNotice } from './load-error-notice';

describe('loadErrorOfNotice', () => {
  it("returns the row JSON of the COPY helper's notice and nothing for other notices", () => {
    expect(loadErrorOfNotice(`${loadErrorNoticePrefix}{"line_number":3}`)).toBe('{"line_number":3}');
    expect(loadErrorOfNotice('table "t" does not exist, skipping')).toBeUndefined();
    expect(loadErrorOfNotice(undefined)).toBeUndefined();
  });
});
