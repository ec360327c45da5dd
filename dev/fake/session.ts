/** `Session`: the active and effective users' e-mail addresses, the script's time zone and the user's locale. */

import { FakeSession } from './types';

/** What the fake Session reports. */
export interface SessionSettings {
  activeUserEmail: string;
  effectiveUserEmail: string;
  timeZone: string;
  locale: string;
}

/** Makes the Session global. */
export function makeSession(settings: SessionSettings): FakeSession {
  return {
    getActiveUser: () => ({ getEmail: () => settings.activeUserEmail }),
    getEffectiveUser: () => ({ getEmail: () => settings.effectiveUserEmail }),
    getScriptTimeZone: () => settings.timeZone,
    getActiveUserLocale: () => settings.locale,
    getTemporaryActiveUserKey: () => 'fake-temporary-active-user-key',
  };
}
