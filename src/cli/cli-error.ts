/** A user mistake: printed as one clear line, exit code 2. */
export class CliError extends Error {}

/** A command takes its argv (after the command name) and returns what to print. */
export type CliCommand = (args: string[]) => Promise<string> | string;
