import { defineDataApiSuite } from './support/data-api-suite';

defineDataApiSuite('PGlite', () => ({ engine: { type: 'pglite' } }));
