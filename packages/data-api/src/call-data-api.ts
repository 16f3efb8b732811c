import { RedshiftDataServiceError } from './errors';

/** Runs one Data API call and wraps whatever it throws in a {@link RedshiftDataServiceError} naming the operation. */
export async function callDataApi<Output>(operation: string, run: () => Promise<Output>): Promise<Output> {
  try {
    return await run();
  } catch (error) {
    throw new RedshiftDataServiceError(operation, error);
  }
}
