import jsonpointer from 'jsonpointer';
import { unprocessable } from '../errors';
import { canonicalJson } from '../event-store/canonical-json';
import { assertStorableJson } from '../event-store/json';
import type { PersonalDeclaration } from '../event-store/registry';
import type { JsonObject, RecordedEvent } from '../event-store/types';
import { noMasterKey, type MasterKey } from './master-key';
import { isSealed, type SubjectKey } from './subject-key';
import type { SubjectKeys } from './subject-keys';

/** Whose personal data an event holds, and where in its data. */
export type PersonalPlan = { subjectId: string; fields: string[] };

const MAX_FIELDS = 100;
/** No `@`: an e-mail address is personal, and the subject id is stored in the clear. */
export const SUBJECT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9:._-]{0,199}$/;

const present = (data: JsonObject, pointer: string) => {
  const value: unknown = jsonpointer.get(data, pointer);
  return value !== undefined && value !== null;
};

/**
 * The personal data of a new event: what its registered type declares, or else what its
 * metadata names (`subjectId` and `personalFields`). Null when it holds none, which costs an
 * event without personal data two property reads.
 */
export function personalPlan(
  declaration: PersonalDeclaration | undefined,
  data: JsonObject,
  metadata: JsonObject,
  master: MasterKey | null,
  path: string,
): PersonalPlan | null {
  const named = metadata.subjectId !== undefined || metadata.personalFields !== undefined;
  if (declaration) {
    if (named) {
      throw unprocessable(
        `${path}: its type declares its own personal data; metadata.subjectId and metadata.personalFields are not taken`,
        [{ path: `${path}.metadata`, message: 'personal data declared by the type' }],
      );
    }
    const subject: unknown = jsonpointer.get(data, declaration.subject);
    if (subject === undefined || subject === null) return null;
    let subjectId = String(subject);
    if (declaration.kind) {
      if (!master) throw noMasterKey();
      subjectId = master.pseudonym(declaration.kind, subjectId);
    } else if (!SUBJECT_ID_PATTERN.test(subjectId)) {
      throw unprocessable(`${path}.data${declaration.subject} is not a subject id`, [
        { path: `${path}.data${declaration.subject}`, message: 'not a subject id' },
      ]);
    }
    return { subjectId, fields: declaration.fields.filter((field) => present(data, field)) };
  }
  if (!named) return null;
  return namedPlan(data, metadata, path);
}

function namedPlan(data: JsonObject, metadata: JsonObject, path: string): PersonalPlan {
  const { subjectId, personalFields } = metadata;
  const refuse = (field: string, message: string) =>
    unprocessable(`${path}.metadata.${field} ${message}`, [
      { path: `${path}.metadata.${field}`, message },
    ]);
  if (typeof subjectId !== 'string' || !SUBJECT_ID_PATTERN.test(subjectId)) {
    throw refuse(
      'subjectId',
      'must be a pseudonymous id of at most 200 letters, digits and : . _ - (never an e-mail address or a name)',
    );
  }
  if (
    !Array.isArray(personalFields) ||
    personalFields.length === 0 ||
    personalFields.length > MAX_FIELDS ||
    !personalFields.every((p): p is string => typeof p === 'string' && p.startsWith('/'))
  ) {
    throw refuse('personalFields', `must list 1–${MAX_FIELDS} JSON Pointers into data`);
  }
  for (const pointer of personalFields) {
    if (!present(data, pointer))
      throw refuse('personalFields', `${pointer} names no value in data`);
    if (personalFields.some((other) => other !== pointer && other.startsWith(`${pointer}/`))) {
      throw refuse('personalFields', `${pointer} contains another personal field`);
    }
  }
  if (new Set(personalFields).size !== personalFields.length) {
    throw refuse('personalFields', 'names a field twice');
  }
  return { subjectId, fields: personalFields };
}

/** Data with each personal field replaced by its sealed text; the caller's object is untouched. */
export function sealFields(
  key: SubjectKey,
  eventId: string,
  data: JsonObject,
  plan: PersonalPlan,
  path: string,
): JsonObject {
  const sealed = structuredClone(data);
  for (const pointer of plan.fields) {
    const value: unknown = jsonpointer.get(sealed, pointer);
    const json = canonicalJson(value);
    if (json === null) {
      assertStorableJson(value, `${path}.data${pointer}`);
      throw unprocessable(`${path}.data${pointer} is not JSON`);
    }
    jsonpointer.set(sealed, pointer, key.seal(eventId + pointer, json));
  }
  return sealed;
}

const personalFieldsOf = (event: RecordedEvent): string[] | null => {
  const fields = event.metadata.personalFields;
  return Array.isArray(fields) && typeof event.metadata.subjectId === 'string'
    ? (fields as string[])
    : null;
};

/**
 * Opens the sealed fields of events read from the store, in place: with the subject's key the
 * stored value comes back; after erasure (or with no key at all) the field reads `null` and its
 * pointer is listed in `erasedFields`. Events without personal data are not touched.
 */
export async function openEvents(
  keys: SubjectKeys,
  events: RecordedEvent[],
): Promise<RecordedEvent[]> {
  const subjects = events.flatMap((event) =>
    personalFieldsOf(event) ? [event.metadata.subjectId as string] : [],
  );
  if (subjects.length === 0) return events;
  const found = await keys.forReading(subjects);
  for (const event of events) {
    const fields = personalFieldsOf(event);
    if (!fields) continue;
    const key = found.get(event.metadata.subjectId as string) ?? null;
    const erased: string[] = [];
    for (const pointer of fields) {
      const value: unknown = jsonpointer.get(event.data, pointer);
      if (!isSealed(value)) continue;
      if (key) {
        jsonpointer.set(event.data, pointer, JSON.parse(key.open(event.eventId + pointer, value)));
      } else {
        jsonpointer.set(event.data, pointer, null);
        erased.push(pointer);
      }
    }
    if (erased.length) event.erasedFields = erased;
  }
  return events;
}
