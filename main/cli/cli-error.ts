/**
 * How the CLI reports a run that could not give a verdict. A person reads one message on stderr;
 * a script that asked for `--json` also gets exactly one JSON object on stdout, so it never has to
 * parse prose or a stack trace.
 */


export type CliErrorKind = 'bad-config' | 'bad-usage' | 'internal';

/** The `error` member of the `--json` error object. */
export interface CliError {
  readonly kind: CliErrorKind;
  readonly message: string;
  readonly file: string | null;
  readonly line: number | null;
  readonly column: number | null;
  readonly key: string | null;
}

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** 64 (EX_USAGE) for what the user can fix, 3 (unknown) for our own bug. */
function exitCodeForError(kind: CliErrorKind): number {
  return kind === 'internal' ? 3 : 64;
}

/** A usage or internal error with no file position. */
export function plainError(kind: CliErrorKind, message: string): CliError {
  return { kind, message, file: null, line: null, column: null, key: null };
}

/** An unexpected exception as a CLI error; the stack stays for stderr only. */
export function internalError(error: unknown): { readonly error: CliError; readonly detail: string } {
  const message = error instanceof Error ? error.message : String(error);
  const detail = error instanceof Error ? (error.stack ?? message) : message;
  return { error: plainError('internal', message), detail };
}

/**
 * Writes the error: `human` to stderr, and with `json` the error object to stdout. Returns the
 * exit code.
 */
export function reportError(io: Io, json: boolean, error: CliError, human: string): number {
  io.err(human.endsWith('\n') ? human : `${human}\n`);
  if (json) io.out(`${JSON.stringify({ error }, null, 2)}\n`);
  return exitCodeForError(error.kind);
}
