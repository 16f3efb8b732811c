import { defineUnloadSuite } from './support/unload-suite';

defineUnloadSuite('PGlite', () => ({ engine: { type: 'pglite' } }));
