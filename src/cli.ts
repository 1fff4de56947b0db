import { run } from './cli/main.js';
import { useDescriptorStreams } from './cli/streams.js';

useDescriptorStreams();

void run(process.argv).then((code) => {
  process.exitCode = code;
  // Two more turns of the event loop, in which a signal that arrived during the last synchronous write is handled
  // (src/data/write-file.ts): the run then ends by that signal, as the user asked, rather than with this code.
  // (Node reads a signal that came while JavaScript ran at the second turn's poll, not at the first.)
  setImmediate(() => setImmediate(() => undefined));
});
