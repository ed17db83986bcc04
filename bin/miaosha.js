#!/usr/bin/env node
// Runs the TypeScript sources directly: one code base, no build step to forget.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
