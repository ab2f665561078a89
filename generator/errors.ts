/**
 * The one error type every generator stage throws for bad input. The CLI prints
 * `format(err)` as a single line and exits 2; nothing else should reach the user.
 */
export interface ErrorLocation {
  /** The file the problem is in (a model JSON, a generator.yaml, a lock file). */
  file: string;
  /** Where in that file: a Smithy shape id or a dotted YAML key path. */
  at?: string;
}

export class GeneratorError extends Error {
  readonly file: string;
  readonly at: string | undefined;
  readonly hint: string | undefined;

  constructor(location: ErrorLocation, message: string, hint?: string) {
    super(message);
    this.name = 'GeneratorError';
    this.file = location.file;
    this.at = location.at;
    this.hint = hint;
  }

  /** One line: `file: at: message (hint)`. */
  format(): string {
    const where = this.at ? `${this.file}: ${this.at}` : this.file;
    const flat = (s: string) => s.replace(/\s*\n\s*/g, ' ');
    return `${where}: ${flat(this.message)}${this.hint ? ` (${flat(this.hint)})` : ''}`;
  }
}

export function isGeneratorError(e: unknown): e is GeneratorError {
  return e instanceof GeneratorError;
}
