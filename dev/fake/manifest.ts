/**
 * The script's manifest (appsscript.json) as the fake reads it: its time zone is the script's
 * (`Session.getScriptTimeZone()`), and its `oauthScopes`, when listed, are the only scopes granted.
 */
import projectManifest from '../../appsscript.json';

/** The parts of appsscript.json the fake reads. */
export interface FakeManifest {
  /** The script's time zone (`Session.getScriptTimeZone()`); default "Etc/UTC". */
  timeZone?: string;
  /** The scopes granted; absent means Apps Script detects them from the code (every scope the fake knows is granted). */
  oauthScopes?: readonly string[];
}

/** This project's appsscript.json, the fake's default manifest. */
export const PROJECT_MANIFEST: FakeManifest = projectManifest;
