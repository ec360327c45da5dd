/**
 * Every document property TikFit writes goes through here, so that Google's quotas are met in UTF-8 bytes, as Google
 * counts them: a property of at most 9 KB, a store of at most 500 KB (keys and values). A write that would not fit is
 * not made (the caller says what it gives up), never left to fail with Google's raw "Argument too large" or "You have
 * exceeded the property storage quota".
 *
 * Records that belong to one sheet — `tikfit.encoded.<sheetId>`, `tikfit.warnings.<sheetId>` and
 * `tikfit.backup.<backupSheetId>` — are deleted once their sheet is gone (`tidyRecords`), and when the store would
 * pass its budget the records of other sheets are given up first, largest first: they only make findings and
 * warnings richer, never change what a step does.
 */
import { utf8Bytes } from '../core/cells/utf8Bytes';

/** Google's limit on one property, in UTF-8 bytes (counted here as key and value together, the stricter reading). */
export const PROPERTY_VALUE_BYTES = 9 * 1024;
/**
 * What TikFit lets its store hold, in UTF-8 bytes of keys and values: Google allows 500 KB a store; 500,000 bytes is
 * under it whether a KB is 1,000 or 1,024 bytes.
 */
export const STORE_BYTES = 500 * 1000;

/** The per-sheet records: their kind and the sheet id in the key. */
const PER_SHEET_KEY = /^tikfit\.(encoded|warnings|backup)\.(-?\d+)$/;

/** A key's kind and sheet id when it is a per-sheet record, else null. */
export function perSheetKey(key: string): { kind: string; sheetId: number } | null {
  const match = PER_SHEET_KEY.exec(key);
  return match === null ? null : { kind: match[1] as string, sheetId: Number(match[2]) };
}

/** The bytes a property takes in its store, as Google counts them. */
export function propertyBytes(key: string, value: string): number {
  return utf8Bytes(key) + utf8Bytes(value);
}

/** Whether a property of this key and value is within Google's 9 KB. */
export function fitsProperty(key: string, value: string): boolean {
  return propertyBytes(key, value) <= PROPERTY_VALUE_BYTES;
}

/**
 * A document property read back as the JSON TikFit wrote there; undefined when it is absent or is not JSON (a
 * corrupt value is ignored, never allowed to break the add-on). Cost: one service call.
 */
export function readProperty(key: string): unknown {
  const text = PropertiesService.getDocumentProperties().getProperty(key);
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Deletes a document property (nothing when it is absent). Cost: one service call. */
export function deleteProperty(key: string): void {
  PropertiesService.getDocumentProperties().deleteProperty(key);
}

/** The bytes the document's store holds now. Cost: one service call. */
export function storeBytes(): number {
  const all = PropertiesService.getDocumentProperties().getProperties();
  let bytes = 0;
  for (const key of Object.keys(all)) bytes += propertyBytes(key, String(all[key]));
  return bytes;
}

/**
 * Writes a document property if it fits: the key and value within 9 KB, and the store within `STORE_BYTES` once
 * written — giving up, to make room, the per-sheet records of sheets other than `sheetId` (largest first).
 * Returns false, having written nothing, when it cannot fit. Cost: 2 service calls, plus one per record given up.
 */
export function putProperty(key: string, value: string, sheetId?: number): boolean {
  if (!fitsProperty(key, value)) return false;
  const properties = PropertiesService.getDocumentProperties();
  const all = properties.getProperties();
  let total = 0;
  for (const k of Object.keys(all)) if (k !== key) total += propertyBytes(k, String(all[k]));
  const needed = propertyBytes(key, value);
  if (total + needed > STORE_BYTES) {
    const spare = Object.keys(all)
      .filter((k) => {
        const record = perSheetKey(k);
        return k !== key && record !== null && record.kind !== 'backup' && record.sheetId !== sheetId;
      })
      .map((k) => ({ k, bytes: propertyBytes(k, String(all[k])) }))
      .sort((a, b) => b.bytes - a.bytes);
    const giveUp: string[] = [];
    let freed = 0;
    for (const { k, bytes } of spare) {
      if (total - freed + needed <= STORE_BYTES) break;
      giveUp.push(k);
      freed += bytes;
    }
    if (total - freed + needed > STORE_BYTES) return false;
    for (const k of giveUp) properties.deleteProperty(k);
  }
  properties.setProperty(key, value);
  return true;
}

/**
 * Deletes the per-sheet records whose sheet no longer exists, and the results record of a deleted sheet. Returns how
 * many were deleted. `sheetIds` are the spreadsheet's sheets. Cost: 2 service calls plus one per record deleted.
 */
export function tidyRecords(sheetIds: ReadonlySet<number>, resultsKey: string): number {
  const ids = sheetIds;
  const properties = PropertiesService.getDocumentProperties();
  let deleted = 0;
  for (const key of properties.getKeys()) {
    const record = perSheetKey(key);
    if (record !== null && !ids.has(record.sheetId)) {
      properties.deleteProperty(key);
      deleted += 1;
    }
  }
  const results = readProperty(resultsKey) as { sheetId?: unknown } | null | undefined;
  const sheetId = results?.sheetId;
  if (typeof sheetId === 'number' && !ids.has(sheetId)) {
    properties.deleteProperty(resultsKey);
    deleted += 1;
  }
  return deleted;
}
