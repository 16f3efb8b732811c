import { defineLatencySuite } from '../support/latency-suite';

defineLatencySuite('PGlite', () => ({ engine: { type: 'pglite' } }));
