import { defineServiceShapesSuite } from '../support/service-shapes-suite';

defineServiceShapesSuite('PGlite', () => ({ engine: { type: 'pglite' } }));
