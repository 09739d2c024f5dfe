// A mistake in how the command was called, found by the CLI itself (not by the client):
// unknown resource, bad flag value, missing option. Always exit 2, always before any request.
export class UsageError extends Error {
  static {
    this.prototype.name = 'UsageError';
  }
  /** A second line for a person: what to do instead. */
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.hint = hint;
  }
}
