import { z } from 'zod';
import type { OutputSchema } from './types.js';

type JsonSchemaNode = Record<string, unknown>;

export interface DerivedJsonSchema {
  /** The output's name, reduced to what OpenAI accepts: `^[a-zA-Z0-9_-]{1,64}$`. */
  name: string;
  schema: JsonSchemaNode;
  /**
   * Whether OpenAI's strict mode can take the schema: every object lists all its properties as
   * required and allows no others, and every node has a type. Optional fields (`.optional()`)
   * break this, and zod would reject the `null` that strict mode needs instead, so such
   * schemas go out with `strict: false` rather than being rewritten.
   */
  strict: boolean;
}

/** Deriving a schema costs about 0.3 ms of CPU; the same prompt's schema is derived once, not per call. */
const derived = new WeakMap<object, DerivedJsonSchema>();

/** The JSON Schema sent as `response_format.json_schema`, and shown to the model in the other formats. */
export function deriveJsonSchema(output: OutputSchema<unknown>): DerivedJsonSchema {
  const known = derived.get(output.schema);
  if (known && known.name === jsonSchemaName(output.name)) return known;
  const fresh = deriveFresh(output);
  derived.set(output.schema, fresh);
  return fresh;
}

function deriveFresh(output: OutputSchema<unknown>): DerivedJsonSchema {
  // `unrepresentable: 'any'`: a transform or a date becomes `{}` (no constraint) instead of throwing;
  // the zod check after the call still applies it.
  const schema = { ...(z.toJSONSchema(output.schema, { io: 'output', unrepresentable: 'any' }) as JsonSchemaNode) };
  // The dialect line is noise to OpenAI and to the model.
  delete schema['$schema'];
  const sent = withoutSizeBounds(schema) as JsonSchemaNode;
  return { name: jsonSchemaName(output.name), schema: sent, strict: isStrictCompatible(sent) };
}

/**
 * Length and count bounds stay in the zod check after the call, where they are enforced anyway.
 * Sent to the model they cost about 60 prompt tokens a call, and some servers' strict modes
 * refuse them.
 */
const SIZE_BOUNDS = new Set(['minLength', 'maxLength', 'minItems', 'maxItems']);

function withoutSizeBounds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutSizeBounds);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).filter(([key]) => !SIZE_BOUNDS.has(key)).map(([key, value]) => [key, withoutSizeBounds(value)]),
  );
}

function jsonSchemaName(name: string): string {
  const cleaned = name.replace(/[^a-zA-Z0-9_-]+/g, '_').slice(0, 64);
  return cleaned || 'output';
}

const UNSUPPORTED_IN_STRICT = ['oneOf', 'allOf', 'not', 'if', 'patternProperties'] as const;

function isStrictCompatible(node: unknown): boolean {
  if (typeof node !== 'object' || node === null) return false;
  const schema = node as JsonSchemaNode;
  if (UNSUPPORTED_IN_STRICT.some((keyword) => keyword in schema)) return false;
  if ('$ref' in schema) return true;

  const definitions = schema['$defs'] ?? schema['definitions'];
  if (definitions !== undefined && !Object.values(definitions as JsonSchemaNode).every(isStrictCompatible)) return false;

  const branches = schema['anyOf'];
  if (branches !== undefined) return Array.isArray(branches) && branches.every(isStrictCompatible);
  if (!('type' in schema) && !('enum' in schema) && !('const' in schema)) return false;

  const types = Array.isArray(schema['type']) ? schema['type'] : [schema['type']];
  if (types.includes('object')) {
    const properties = (schema['properties'] ?? {}) as JsonSchemaNode;
    const required = new Set(Array.isArray(schema['required']) ? (schema['required'] as string[]) : []);
    if (schema['additionalProperties'] !== false) return false;
    if (!Object.keys(properties).every((key) => required.has(key))) return false;
    if (!Object.values(properties).every(isStrictCompatible)) return false;
  }
  if (types.includes('array')) {
    const items = schema['items'];
    if (items === undefined || !isStrictCompatible(items)) return false;
  }
  return true;
}
