/** `Logger`: `log(data)` and `log(format, ...values)` with %s/%d/%f/%o placeholders, recorded line by line. */

import { FakeContext } from './context';
import { FakeLogger } from './types';

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  if (typeof value === 'object' && value !== null && Object.prototype.toString.call(value) !== '[object Date]') {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

/** Formats a Logger.log call the way Apps Script writes it to the log. */
export function formatLogMessage(data: unknown, values: unknown[]): string {
  if (values.length === 0 || typeof data !== 'string') return show(data);
  let i = 0;
  return data.replace(/%[sdfo%]/g, (placeholder) => {
    if (placeholder === '%%') return '%';
    if (i >= values.length) return placeholder;
    const value = values[i];
    i += 1;
    return show(value);
  });
}

/** Makes the Logger global, writing to `ctx.logs`. */
export function makeLogger(ctx: FakeContext): FakeLogger {
  const logger: FakeLogger = {
    log: (data, ...values) => {
      ctx.logs.push(formatLogMessage(data, values));
      return logger;
    },
    getLog: () => ctx.logs.join('\n') + (ctx.logs.length > 0 ? '\n' : ''),
    clear: () => {
      ctx.logs.length = 0;
    },
  };
  return logger;
}
