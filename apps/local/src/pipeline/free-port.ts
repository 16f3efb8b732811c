import { createServer } from 'node:net';

/**
 * A free TCP port on 127.0.0.1, as the OS hands it out.
 *
 * @example
 * const port = await freePort(); // e.g. 41234
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  // A TCP listener's address is an AddressInfo; a string is a pipe's path, null a closed server.
  if (address === null || typeof address === 'string') {
    throw new Error(`listening on 127.0.0.1:0 gave no TCP port (${String(address)})`);
  }
  return address.port;
}
