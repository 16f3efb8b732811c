import { defineSessionIsolationSuite } from './support/session-isolation-suite';

defineSessionIsolationSuite('PGlite', () => ({}));
