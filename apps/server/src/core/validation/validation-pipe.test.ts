import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { IsInt, IsObject, Min } from 'class-validator';
import { ApiError } from '../errors/api-error';
import { createValidationPipe, FreeFormJson } from './validation-pipe';

class WriteDto {
  @IsInt()
  @Min(1)
  version!: number;

  @IsObject()
  @FreeFormJson()
  data!: Record<string, unknown>;
}

const body: ArgumentMetadata = { type: 'body', metatype: WriteDto };

async function refusal(value: unknown): Promise<ApiError> {
  const error = await createValidationPipe()
    .transform(value, body)
    .then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe('the validation pipe with free-form JSON properties', () => {
  it('hands the data object on as it came, on an instance of the DTO with its other properties validated', async () => {
    const data = { applicant: { name: '何明' }, collateral: [{ value: '200000.00' }] };
    const dto = (await createValidationPipe().transform({ version: 2, data }, body)) as WriteDto;
    expect(dto).toBeInstanceOf(WriteDto);
    expect(dto.version).toBe(2);
    expect(dto.data).toBe(data);
    expect(dto.data).toEqual({ applicant: { name: '何明' }, collateral: [{ value: '200000.00' }] });
  });

  it('strips prototype keys at any depth of the data', async () => {
    const data = JSON.parse(
      '{"a":{"__proto__":{"polluted":true},"constructor":{"x":1},"keep":1},"list":[{"__proto__":{}}]}',
    );
    const dto = (await createValidationPipe().transform({ version: 1, data }, body)) as WriteDto;
    const nested = dto.data.a as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(nested, '__proto__')).toBe(false);
    expect(Object.prototype.hasOwnProperty.call(nested, 'constructor')).toBe(false);
    expect(nested.keep).toBe(1);
    expect(Object.keys((dto.data.list as object[])[0]!)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['an array', [1, 2]],
    ['a string', 'text'],
    ['null', null],
  ])('refuses data that is %s with the path data', async (_what, data) => {
    const error = await refusal({ version: 1, data });
    expect(error.code).toBe('request.invalid');
    expect(error.details).toEqual([expect.objectContaining({ path: 'data', code: 'validation.isObject' })]);
  });

  it('still lists the problems of the other properties and refuses unknown ones beside the data', async () => {
    const error = await refusal({ version: 0, data: { a: 1 }, extra: true });
    expect(error.details.map((detail) => `${detail.path} ${detail.code}`).sort()).toEqual([
      'extra validation.whitelistValidation',
      'version validation.min',
    ]);
  });

  it('refuses a missing data property', async () => {
    const error = await refusal({ version: 1 });
    expect(error.details).toEqual([expect.objectContaining({ path: 'data', code: 'validation.isObject' })]);
  });
});
