import { defineQueryHistorySuite } from './support/query-history-suite';

defineQueryHistorySuite('PGlite', () => ({ engine: { type: 'pglite' } }));
