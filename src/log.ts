import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Header and field names that could carry secrets are redacted,
 * as a second line of defence: code never logs secrets on purpose.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'wapulse' },
      redact: {
        paths: [
          '*.authorization',
          '*.headers["x-hub-signature-256"]',
          '*.headers["x-wapulse-signature"]',
          '*.appSecret',
          '*.signingSecret',
          '*.botToken',
          '*.password',
          'config',
        ],
        censor: '[redacted]',
      },
    },
    destination as pino.DestinationStream | undefined,
  );
}
