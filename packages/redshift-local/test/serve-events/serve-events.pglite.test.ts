import { defineServeEventsSuite } from '../support/serve-events-suite';

defineServeEventsSuite('PGlite', () => []);
