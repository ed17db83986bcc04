import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Personal data never reaches them: phones are masked where they are logged
 * (maskPhone) and request bodies and Authorization headers are not logged at all.
 */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service: 'miaosha' },
    redact: { paths: ['req.headers.authorization', '*.phone', 'phone', '*.token', 'token'], censor: '[redacted]' },
  });
}
