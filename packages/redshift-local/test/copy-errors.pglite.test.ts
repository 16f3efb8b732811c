import { defineCopyErrorsSuite } from './support/copy-errors-suite';

defineCopyErrorsSuite('PGlite', () => ({ engine: { type: 'pglite' } }));
