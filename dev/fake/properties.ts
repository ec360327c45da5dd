/**
 * `PropertiesService`: document, script and user property stores, with the documented quotas — a value of at
 * most 9 KB (9,216 bytes of UTF-8) and at most 500 KB (512,000 bytes, keys and values) in one store.
 */

import { utf8Length } from './bytes';
import { FakeContext, signatureMismatch } from './context';
import { FakeProperties, FakePropertiesService } from './types';

/** The kinds of property store. */
export type PropertyScope = 'document' | 'script' | 'user';

/** The largest value, in bytes of UTF-8. */
export const MAX_PROPERTY_VALUE_BYTES = 9 * 1024;
/** The most one store holds, in bytes of UTF-8 of its keys and values. */
export const MAX_PROPERTY_STORE_BYTES = 500 * 1024;

const METHOD: Record<PropertyScope, string> = {
  document: 'getDocumentProperties',
  script: 'getScriptProperties',
  user: 'getUserProperties',
};

/** Makes the PropertiesService global over the given stores (one Map per scope, kept by the caller). */
export function makePropertiesService(
  ctx: FakeContext,
  stores: Record<PropertyScope, Map<string, string>>,
): FakePropertiesService {
  const makeStore = (scope: PropertyScope): FakeProperties => {
    const store = stores[scope];
    const total = (map: Map<string, string>): number => {
      let bytes = 0;
      for (const [k, v] of map) bytes += utf8Length(k) + utf8Length(v);
      return bytes;
    };
    // In a custom function, an editor cannot set user properties.
    const write = (method: string): void => {
      if (scope === 'user') ctx.guard('Properties', method, { none: false, customFunction: false });
    };
    const commit = (next: Map<string, string>): void => {
      for (const v of next.values())
        if (utf8Length(v) > MAX_PROPERTY_VALUE_BYTES) ctx.fail('Argument too large: value');
      if (total(next) > MAX_PROPERTY_STORE_BYTES)
        ctx.fail('You have exceeded the property storage quota. Please remove some properties and try again.');
      store.clear();
      for (const [k, v] of next) store.set(k, v);
    };
    const text = (value: unknown, method: string, args: unknown[]): string => {
      if (value === null || value === undefined || typeof value === 'object' || typeof value === 'function') {
        return signatureMismatch(ctx, `PropertiesService.Properties.${method}`, args);
      }
      return String(value);
    };
    const properties: FakeProperties = {
      getProperty: (key) => {
        const k = text(key, 'getProperty', [key]);
        return store.get(k) ?? null;
      },
      getProperties: () => Object.fromEntries(store),
      getKeys: () => [...store.keys()],
      setProperty: (key, value) => {
        write('setProperty');
        const k = text(key, 'setProperty', [key, value]);
        const v = text(value, 'setProperty', [key, value]);
        const next = new Map(store);
        next.set(k, v);
        commit(next);
        return properties;
      },
      setProperties: (values, deleteAllOthers) => {
        write('setProperties');
        if (typeof values !== 'object' || values === null || Array.isArray(values))
          return signatureMismatch(ctx, 'PropertiesService.Properties.setProperties', [values]);
        const next = deleteAllOthers === true ? new Map<string, string>() : new Map(store);
        for (const [k, v] of Object.entries(values)) next.set(k, text(v, 'setProperties', [values]));
        commit(next);
        return properties;
      },
      deleteProperty: (key) => {
        write('deleteProperty');
        store.delete(text(key, 'deleteProperty', [key]));
        return properties;
      },
      deleteAllProperties: () => {
        write('deleteAllProperties');
        store.clear();
        return properties;
      },
    };
    return properties;
  };

  const get = (scope: PropertyScope) => (): FakeProperties => {
    ctx.guard('PropertiesService', METHOD[scope], { none: false, customFunction: true });
    return makeStore(scope);
  };
  return { getDocumentProperties: get('document'), getScriptProperties: get('script'), getUserProperties: get('user') };
}
