import { forTerminal, runCommand, UsageError, usage, version, type Io } from './args';
import { FIT_COMMAND } from './fitCommand';
import { RUN_COMMAND } from './runCommand';

/**
 * Runs the command line with the given arguments (without `node` and the script) and returns the exit code:
 * 0 on success, 2 for bad input or usage, 1 for an unexpected failure.
 */
export function main(argv: readonly string[], io: Io): number {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(usage + '\n');
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v' || command === 'version') {
      io.stdout(`tikfit ${version()}\n`);
      return 0;
    }
    if (command === 'fit') return runCommand(FIT_COMMAND, rest, io);
    if (command === 'run') return runCommand(RUN_COMMAND, rest, io);
    throw new UsageError(`unknown command "${command}"; try "tikfit --help"`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(forTerminal(`tikfit ${command}: error: ${message.split('\n')[0]}`) + '\n');
    return isInputError(error) ? 2 : 1;
  }
}

/** Errors from reading or checking the input (the core names the problem); a TypeError and the like is a bug. */
function isInputError(error: unknown): boolean {
  return (
    error instanceof Error &&
    !(error instanceof TypeError) &&
    !(error instanceof RangeError) &&
    !(error instanceof ReferenceError)
  );
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  });
}
