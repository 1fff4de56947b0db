import { run } from './cli/main.js';

function onStdoutError(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(0); // the reader left early (`| head`): not a failure of ours
  throw error;
}
process.stdout.on('error', onStdoutError);

void run(process.argv).then((code) => {
  process.exitCode = code;
});
