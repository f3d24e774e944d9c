/** Errors that end a CLI command with exit code 2 and a one-line message. */
export class UsageError extends Error {}
