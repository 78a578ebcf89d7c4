/** Keeping secrets out of logs, messages and output: one scrubber and one list of redacted fields. */
export { REDACTED_PATHS } from './redact-paths.js';
export { createSecretScrubber, REDACTED, type SecretScrubber } from './secret-scrubber.js';
export type { SecretSources } from './secret-values.js';
