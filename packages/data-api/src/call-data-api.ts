import { configurationErrorOf } from './configuration-error-of';
import { RedshiftDataServiceError } from './errors';

/**
 * Runs one Data API call and wraps whatever it throws: a set-up mistake (no region, no credentials) as
 * {@link ConfigurationError}, anything else as a {@link RedshiftDataServiceError} naming the operation.
 */
export async function callDataApi<Output>(operation: string, run: () => Promise<Output>): Promise<Output> {
  try {
    return await run();
  } catch (error) {
    throw configurationErrorOf(error) ?? new RedshiftDataServiceError(operation, error);
  }
}
