/** A logger that keeps what it was told, so tests can assert that refusals are logged. */
export class MemoryLog {
  readonly lines: string[] = [];
  warn = (message: string, ...details: unknown[]): void => void this.lines.push(['warn', message, ...details.map(String)].join(' '));
  error = (message: string, ...details: unknown[]): void => void this.lines.push(['error', message, ...details.map(String)].join(' '));
  has(fragment: string): boolean {
    return this.lines.some((line) => line.includes(fragment));
  }
}
