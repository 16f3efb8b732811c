/**
 * The program each Lambda worker thread runs (CommonJS, evaluated): it imports the handler
 * bundle once, like a warm Lambda sandbox, and answers `invoke` messages with a Lambda-shaped
 * context. Kept as text so the host works from source (tests) and from the built CLI alike.
 */
export const lambdaWorkerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { randomBytes } = require('node:crypto');
const { functionName, handlerName, bundleUrl, region, account, memoryMb, compileCacheDir } = workerData;
// The host's module compile cache (see enable-compile-cache.ts): the bundle is not compiled again by every command.
if (compileCacheDir !== undefined) require('node:module').enableCompileCache?.(compileCacheDir);
const today = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
const logStreamName = today + '/[$LATEST]' + randomBytes(16).toString('hex');
const serialiseError = (error) =>
  error instanceof Error
    ? { type: error.name || 'Error', message: error.message, stack: error.stack }
    : { type: 'Error', message: typeof error === 'string' ? error : JSON.stringify(error) };
const loaded = import(bundleUrl).then((module) => {
  const handler = module[handlerName];
  if (typeof handler !== 'function') {
    const names = Object.keys(module).join(', ') || 'nothing';
    throw new Error('the bundle exports no function "' + handlerName + '" (it exports ' + names + ')');
  }
  return handler;
});
loaded.then(
  () => parentPort.postMessage({ type: 'ready' }),
  (error) => parentPort.postMessage({ type: 'load-error', error: serialiseError(error) }),
);
parentPort.on('message', async (message) => {
  if (message.type !== 'invoke') return;
  const { requestId, event, deadline } = message;
  let settled = false;
  const reply = (outcome) => {
    if (settled) return;
    settled = true;
    try {
      // Lambda returns the result as JSON: undefined becomes null, class instances plain objects.
      if (outcome.ok) outcome.value = outcome.value === undefined ? null : JSON.parse(JSON.stringify(outcome.value));
      parentPort.postMessage({ type: 'result', requestId, ...outcome });
    } catch (error) {
      parentPort.postMessage({ type: 'result', requestId, ok: false, error: serialiseError(error) });
    }
  };
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:' + region + ':' + account + ':function:' + functionName,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: requestId,
    logGroupName: '/aws/lambda/' + functionName,
    logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: (error, value) => (error ? reply({ ok: false, error: serialiseError(error) }) : reply({ ok: true, value })),
    fail: (error) => reply({ ok: false, error: serialiseError(error) }),
    succeed: (value) => reply({ ok: true, value }),
  };
  try {
    const handler = await loaded;
    const callback = (error, value) =>
      error ? reply({ ok: false, error: serialiseError(error) }) : reply({ ok: true, value });
    const returned = handler(event, context, callback);
    if (returned && typeof returned.then === 'function') reply({ ok: true, value: await returned });
    else if (handler.length < 3) reply({ ok: true, value: returned });
  } catch (error) {
    reply({ ok: false, error: serialiseError(error) });
  }
});
`;
