#!/usr/bin/env node
// The aptrust-registry executable (package.json "bin").
import { processIO } from './io.js';
import { run } from './run.js';

// `aptrust-registry list items --all | head` closes our stdout early: that is the reader saying
// "enough", not an error. Exit 0 quietly instead of crashing with EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
// A closed stderr leaves nowhere to complain to; carry on with the exit code we would have had.
process.stderr.on('error', () => undefined);

process.exitCode = await run(process.argv.slice(2), processIO());
