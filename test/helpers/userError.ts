/**
 * A message that starts with an internal function name, such as `cleanGrid: `, `markMissing: ` or `runRecipe: `.
 * Issue 9: errors speak to the user, so no message the user sees may start like this.
 */
export const INTERNAL_PREFIX = /^\w+:/;

/**
 * Runs `run`, which must throw, and checks its message: equal to `expected` (a string) or matching it (a pattern),
 * and never starting with an internal function name. Returns the message.
 */
export function expectUserError(run: () => unknown, expected: string | RegExp): string {
  let message: string | undefined;
  try {
    run();
  } catch (error) {
    message = (error as Error).message;
  }
  if (message === undefined) throw new Error(`expected an error matching ${String(expected)}, but nothing was thrown`);
  if (typeof expected === 'string') expect(message).toBe(expected);
  else expect(message).toMatch(expected);
  expect(message).not.toMatch(INTERNAL_PREFIX);
  return message;
}
