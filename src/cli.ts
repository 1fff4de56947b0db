import { run } from './cli/main.js';
import { guardOutputStreams } from './cli/streams.js';

guardOutputStreams();

void run(process.argv).then((code) => {
  process.exitCode = code;
});
