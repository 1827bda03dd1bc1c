import type { z } from 'zod';
import { unprocessable } from '../errors';
import { categoryOf } from './stream-id';
import type { JsonObject, RecordedEvent } from './types';

/**
 * The personal data of an event type, declared in its schema's metadata
 * (`schema.meta({ personal })`): `subject` points (JSON Pointer into data) at what names the
 * data subject, `fields` at the values to keep sealed under that subject's key. With `kind`,
 * the subject's id is a keyed pseudonym of the named value (`kind:…`, see MasterKey), so the
 * value itself may be personal; without it, the value is the subject id as is. An event whose
 * subject field is absent carries no personal data.
 */
export type PersonalDeclaration = { subject: string; kind?: string; fields: readonly string[] };

/** Lifts data stored at schema version `n` to version `n + 1`. */
export type Upcaster = (data: JsonObject) => JsonObject;

export type EventTypeDefinition = {
  category: string;
  type: string;
  schemaVersion: number;
  schema: z.ZodType<JsonObject>;
  /** Keyed by the version they read: `{ 1: v1ToV2 }`. */
  upcasters?: Record<number, Upcaster>;
};

/**
 * Event types with a schema. A category with at least one registered type only accepts its
 * registered types; other categories accept any type with object data at schema version 1.
 * A category that belongs to an aggregate takes only events its fold accepted (see append).
 */
export class EventRegistry {
  private readonly types = new Map<string, EventTypeDefinition>();
  private readonly categories = new Set<string>();
  private readonly aggregateCategories = new Set<string>();
  private readonly personal = new Map<string, PersonalDeclaration>();

  /** An aggregate's event types; its category (`type`) then takes only folded appends. */
  registerAggregate(aggregate: { type: string; events: EventTypeDefinition[] }): this {
    this.register(...aggregate.events);
    this.aggregateCategories.add(aggregate.type);
    return this;
  }

  /** Every registered type, in the order registered. */
  definitions(): EventTypeDefinition[] {
    return [...this.types.values()];
  }

  isAggregateCategory(category: string): boolean {
    return this.aggregateCategories.has(category);
  }

  register(...definitions: EventTypeDefinition[]): this {
    for (const definition of definitions) {
      for (let v = 1; v < definition.schemaVersion; v++) {
        if (!definition.upcasters?.[v]) {
          throw new Error(
            `${definition.type} v${definition.schemaVersion} lacks an upcaster from v${v}`,
          );
        }
      }
      this.types.set(key(definition.category, definition.type), definition);
      this.categories.add(definition.category);
      const personal = personalDeclarationOf(definition);
      if (personal) this.personal.set(key(definition.category, definition.type), personal);
    }
    return this;
  }

  /** The personal data its type declares, if any. */
  personalOf(category: string, type: string): PersonalDeclaration | undefined {
    return this.personal.get(key(category, type));
  }

  /** Validates new event data; returns what to store and at which schema version. */
  prepare(
    category: string,
    type: string,
    data: JsonObject,
  ): { schemaVersion: number; data: JsonObject } {
    const definition = this.types.get(key(category, type));
    if (!definition) {
      if (this.categories.has(category)) {
        throw unprocessable(`Event type ${type} is not registered for category ${category}`, [
          { path: 'type', message: `unknown in category ${category}` },
        ]);
      }
      return { schemaVersion: 1, data };
    }
    const parsed = definition.schema.safeParse(data);
    if (!parsed.success) {
      throw unprocessable(
        `Data does not match ${type} schema version ${definition.schemaVersion}`,
        parsed.error.issues.map((issue) => ({
          path: ['data', ...issue.path.map(String)].join('.'),
          message: issue.message,
        })),
      );
    }
    return { schemaVersion: definition.schemaVersion, data: parsed.data };
  }

  /** Reads an event at the current schema version of its type, upcasting older data. */
  upcast(event: RecordedEvent): RecordedEvent {
    const definition = this.types.get(key(categoryOf(event.streamId), event.type));
    if (!definition || event.schemaVersion >= definition.schemaVersion) return event;
    let data = event.data;
    for (let v = event.schemaVersion; v < definition.schemaVersion; v++) {
      const upcaster = definition.upcasters?.[v];
      if (upcaster) data = upcaster(data);
    }
    return { ...event, data, schemaVersion: definition.schemaVersion };
  }
}

const key = (category: string, type: string) => `${category}\u0000${type}`;

function personalDeclarationOf(definition: EventTypeDefinition): PersonalDeclaration | undefined {
  const declared = definition.schema.meta()?.personal as PersonalDeclaration | undefined;
  if (!declared) return undefined;
  const pointers = [declared.subject, ...declared.fields];
  if (declared.fields.length === 0 || pointers.some((p) => !p.startsWith('/'))) {
    throw new Error(`${definition.type} declares personal fields that are not JSON Pointers`);
  }
  if (!declared.kind && declared.fields.includes(declared.subject)) {
    throw new Error(
      `${definition.type} seals its subject field, so its subject id needs a pseudonym kind`,
    );
  }
  return declared;
}
