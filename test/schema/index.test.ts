import { readFile } from 'node:fs/promises';
import { isIntrospectionType, isObjectType, isInputObjectType, isInterfaceType, isEnumType, printSchema, lexicographicSortSchema } from 'graphql';
import { describe, expect, it } from 'vitest';

// Building the schema never connects; the client module only needs a URL to exist.
process.env.DATABASE_URL ??= 'postgresql://schema-test.invalid/unused';
const { schema } = await import('../../src/schema/index.ts');

describe('the schema', () => {
  it('matches the committed src/schema/schema.graphql (run `npm run codegen` after changing it)', async () => {
    const committed = await readFile(new URL('../../src/schema/schema.graphql', import.meta.url), 'utf8');
    expect(committed.trim()).toBe(printSchema(lexicographicSortSchema(schema)).trim());
  });

  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (isIntrospectionType(type) || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
    expect(missing).toEqual([]);
  });
});
