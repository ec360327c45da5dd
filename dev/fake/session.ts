/**
 * `Session`: the active and effective users' e-mail addresses, the script's time zone and the user's locale.
 * `getActiveUser()` and `getEffectiveUser()` need the userinfo.email scope: without it they throw (see scopes.ts).
 */

import { FakeContext } from './context';
import { FakeSession } from './types';

/** What the fake Session reports. */
export interface SessionSettings {
  activeUserEmail: string;
  effectiveUserEmail: string;
  /** The script's time zone: the manifest's, not the spreadsheet's. */
  timeZone: string;
  locale: string;
}

/** Makes the Session global. */
export function makeSession(ctx: FakeContext, settings: SessionSettings): FakeSession {
  return {
    getActiveUser: () => {
      ctx.requireScopes('Session', 'getActiveUser');
      return { getEmail: () => settings.activeUserEmail };
    },
    getEffectiveUser: () => {
      ctx.requireScopes('Session', 'getEffectiveUser');
      return { getEmail: () => settings.effectiveUserEmail };
    },
    getScriptTimeZone: () => settings.timeZone,
    getActiveUserLocale: () => settings.locale,
    getTemporaryActiveUserKey: () => 'fake-temporary-active-user-key',
  };
}
