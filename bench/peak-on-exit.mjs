// Preloaded with --import into a process we do not write (the CLI): reports its peak RSS on exit.
import { peakRssMb } from './peak-rss.mjs';

process.on('exit', () => process.stderr.write(`\nPEAK_RSS_MB=${peakRssMb()}\n`));
