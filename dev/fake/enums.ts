/**
 * Apps Script enums. A real enum member is an object whose `toString()` and `name()` give its name, so
 * `mode === ScriptApp.AuthMode.NONE` works by identity and `String(mode)` gives "NONE"; comparing with the
 * string "NONE" does not work, exactly as in Apps Script.
 */

/** One member of a fake Apps Script enum. */
export interface FakeEnumMember<N extends string = string> {
  name(): N;
  toString(): N;
  toJSON(): N;
  ordinal(): number;
}

/** A fake Apps Script enum: its member names mapped to members. */
export type FakeEnum<N extends string> = { readonly [K in N]: FakeEnumMember<K> };

/** Builds a frozen enum whose members are plain objects (no prototype tricks, so they work in any realm). */
export function makeEnum<N extends string>(names: readonly N[]): FakeEnum<N> {
  const result: Record<string, FakeEnumMember> = {};
  names.forEach((name, index) => {
    result[name] = Object.freeze({
      name: () => name,
      toString: () => name,
      toJSON: () => name,
      ordinal: () => index,
    });
  });
  return Object.freeze(result) as FakeEnum<N>;
}

/** The member's name when `value` is a member of `enumeration`, else undefined. Accepts the name itself too. */
export function enumName<N extends string>(enumeration: FakeEnum<N>, value: unknown): N | undefined {
  if (typeof value === 'string')
    return Object.prototype.hasOwnProperty.call(enumeration, value) ? (value as N) : undefined;
  for (const key of Object.keys(enumeration) as N[]) {
    if (enumeration[key] === value) return key;
  }
  return undefined;
}
