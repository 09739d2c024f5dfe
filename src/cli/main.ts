#!/usr/bin/env node
// The aptrust-registry executable (package.json "bin"): main() in ./run.ts with this process's
// argv, streams, environment and exit.
import { processIO } from './io.js';
import { main } from './run.js';

process.exitCode = await main({ argv: process.argv.slice(2), io: processIO(), exit: (code) => process.exit(code) });
