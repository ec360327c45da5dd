/** `ScriptApp`: the AuthMode and AuthorizationStatus enums and the authorization info. */

import { FakeContext, signatureMismatch } from './context';
import { enumName, makeEnum } from './enums';
import { FakeScriptApp } from './types';

/** `ScriptApp.AuthMode`. */
export const AUTH_MODE = makeEnum(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL'] as const);
/** `ScriptApp.AuthorizationStatus`. */
export const AUTHORIZATION_STATUS = makeEnum(['REQUIRED', 'NOT_REQUIRED'] as const);

/** Makes the ScriptApp global; `authorizationRequired()` says whether the user still has to authorize. */
export function makeScriptApp(ctx: FakeContext, scriptId: string, authorizationRequired: () => boolean): FakeScriptApp {
  return {
    AuthMode: AUTH_MODE,
    AuthorizationStatus: AUTHORIZATION_STATUS,
    getAuthorizationInfo: (authMode) => {
      if (!enumName(AUTH_MODE, authMode) || typeof authMode === 'string')
        return signatureMismatch(ctx, 'ScriptApp.getAuthorizationInfo', [authMode]);
      const required = authorizationRequired();
      return {
        getAuthorizationStatus: () => (required ? AUTHORIZATION_STATUS.REQUIRED : AUTHORIZATION_STATUS.NOT_REQUIRED),
        getAuthorizationUrl: () => (required ? `https://script.google.com/macros/d/${scriptId}/authorize` : null),
      };
    },
    getScriptId: () => scriptId,
  };
}
