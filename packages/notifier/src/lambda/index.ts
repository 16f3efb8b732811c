/** Entry of the single-file Lambda bundle `dist/lambda/index.mjs`: `handler` and `reconcile`. */
export { handler, reconcileHandler as reconcile } from '../handler';
