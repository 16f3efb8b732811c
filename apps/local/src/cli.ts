#!/usr/bin/env node
import { enableCompileCache } from './cli/enable-compile-cache';

// Before anything else loads, so the modules below are read from the compile cache.
enableCompileCache();
await import('./cli/main');
