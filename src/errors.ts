/**
 * Expected problems a person can act on. The message is shown to them as is,
 * so it must be clear and must never hold a secret or a stack trace.
 */
export class UserFacingError extends Error {
  override readonly name: string = 'UserFacingError';
  /** Stable machine-readable code, used in `--json` errors and in logs. */
  readonly code: string;
  /** True when the input itself is at fault (a gate, a blocked URL, an unsupported type): CLI exit code 2. */
  readonly badInput: boolean;

  constructor(code: string, message: string, options: { badInput?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.badInput = options.badInput ?? true;
  }
}

/**
 * A configuration variable is missing or malformed, or names something that cannot be used (a store
 * that cannot be opened or created). Names the variable, never its value. CLI exit code 2.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly issues: readonly string[], options: { cause?: unknown } = {}) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`, options.cause === undefined ? undefined : { cause: options.cause });
  }
}
