import fc from 'fast-check';
import type { FuzzJson } from './json-text';

/** The part of JSON Schema (OpenAPI 3.1) that the served document uses. */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
};

export type Components = Record<string, JsonSchema>;

const anyJson: fc.Arbitrary<FuzzJson> = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<FuzzJson>;

const instants = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.date({
      min: new Date(Date.now() - 86_400_000),
      max: new Date(),
      noInvalidDate: true,
    }),
  },
  fc.date({
    min: new Date('0001-01-01T00:00:00Z'),
    max: new Date('9999-12-31T23:59:59Z'),
    noInvalidDate: true,
  }),
);

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'date-time') return instants.map((date) => date.toISOString());
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
  const minLength = schema.minLength ?? 0;
  return fc.string({ minLength, maxLength: Math.min(schema.maxLength ?? 40, minLength + 40) });
}

/**
 * Values of the shape a schema describes: what a well-behaved client would send. Sizes stay
 * small (arrays of a few items, short strings), since the bad input comes from elsewhere.
 */
export function valueOf(schema: JsonSchema, components: Components): fc.Arbitrary<FuzzJson> {
  if (schema.$ref) {
    const target = components[schema.$ref.replace('#/components/schemas/', '')];
    if (!target) throw new Error(`unresolved ${schema.$ref}`);
    return valueOf(target, components);
  }
  if (schema.enum) return fc.constantFrom(...(schema.enum as FuzzJson[]));
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map((choice) => valueOf(choice, components)));
  if (Array.isArray(schema.type)) {
    return fc.oneof(...schema.type.map((type) => valueOf({ ...schema, type }, components)));
  }
  switch (schema.type) {
    case 'string':
      return stringOf(schema);
    case 'integer':
      return fc.integer({
        min: schema.minimum ?? -1000,
        max: Math.min(schema.maximum ?? 1000, 1000),
      });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(valueOf(schema.items ?? {}, components), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, (schema.minItems ?? 0) + 4),
      });
    case 'object':
      return objectOf(schema, components);
    default:
      return anyJson;
  }
}

function objectOf(schema: JsonSchema, components: Components): fc.Arbitrary<FuzzJson> {
  const properties = schema.properties ?? {};
  const known = fc.record(
    Object.fromEntries(
      Object.entries(properties).map(([key, property]) => [key, valueOf(property, components)]),
    ),
    { requiredKeys: (schema.required ?? []).filter((key) => key in properties) },
  );
  if (schema.additionalProperties === false || Object.keys(properties).length > 0) {
    return known as fc.Arbitrary<FuzzJson>;
  }
  return fc.dictionary(fc.string({ maxLength: 12 }), anyJson, { maxKeys: 5 });
}
