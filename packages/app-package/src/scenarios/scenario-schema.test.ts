import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioSchema } from './scenario-schema';

describe('the scenario schema', () => {
  it('is published as the JSON Schema file scenarios name in $schema, identical to the one validation uses', () => {
    const published = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schema', 'scenario.schema.json'), 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(scenarioSchema)));
  });
});
