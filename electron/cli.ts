/** The `ferry` command: the same core as the app, without Electron or a window. */
import { runCli } from './cli/program';

runCli(process.argv).then(
  (code) => {
    process.exitCode = code;
    // Everything is closed by now; if a stray handle kept the process alive, do not hang.
    setTimeout(() => process.exit(code), 3000).unref();
  },
  (error: unknown) => {
    console.error('ferry: unexpected failure', error);
    process.exit(1);
  },
);
