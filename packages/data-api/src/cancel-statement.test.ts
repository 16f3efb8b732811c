import { CancelStatementCommand, ValidationException } from '@aws-sdk/client-redshift-data';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createTestRedshiftData,
  mockRedshiftDataClient,
  statementId,
} from './__fixtures__/mocked-redshift-data';
import type { RedshiftData } from './redshift-data';

describe('RedshiftData', () => {
  const mock = mockRedshiftDataClient();
  let data: RedshiftData;

  beforeEach(() => {
    data = createTestRedshiftData();
  });

  describe('cancel', () => {
    it('returns the service answer', async () => {
      mock
        .on(CancelStatementCommand)
        .resolvesOnce({ Status: true, $metadata: {} })
        .resolvesOnce({ Status: false, $metadata: {} });
      expect(await data.cancel(statementId)).toBe(true);
      expect(await data.cancel(statementId)).toBe(false);
    });

    it('wraps a service error', async () => {
      mock
        .on(CancelStatementCommand)
        .rejects(new ValidationException({ message: 'already finished', $metadata: {} }));
      await expect(data.cancel(statementId)).rejects.toMatchObject({ operation: 'CancelStatement' });
    });
  });
});
