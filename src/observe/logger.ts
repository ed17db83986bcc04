import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Structured JSON logs. Personal data never reaches them: phones are masked where they are logged
 * (maskPhone), and phone and token fields, request bodies and Authorization headers are not logged.
 */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'miaosha' },
    redact: { paths: ['req.headers.authorization', '*.phone', 'phone', '*.token', 'token'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
