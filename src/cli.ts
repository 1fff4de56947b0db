import { run } from './cli/main.js';
import { useDescriptorStreams } from './cli/streams.js';

useDescriptorStreams();

void run(process.argv).then((code) => {
  process.exitCode = code;
});
