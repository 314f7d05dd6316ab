import fs from 'node:fs';
import path from 'node:path';
import { operations } from './table';

describe('the rules documentation', () => {
  const documentation = fs.readFileSync(path.resolve(__dirname, '../../../../docs/rules.md'), 'utf8');

  it.each(operations.map((operation) => operation.name))('has a row for the operation %s', (name) => {
    expect(documentation).toContain(`| \`${name.replace(/\|/g, '\\|')}\` |`);
  });
});
