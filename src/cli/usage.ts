/** A command-line mistake: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Resolves to the exit code. */
  run(argv: string[]): Promise<number>;
}

/** `--help`: the usage on stdout, success. */
export function printUsage(text: string): number {
  process.stdout.write(text + '\n');
  return 0;
}
