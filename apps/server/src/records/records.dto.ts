import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { FreeFormJson } from '../core/validation/validation-pipe';

export class CreateRecordDto {
  @ApiProperty({ description: 'Field values keyed by field key' })
  @IsObject()
  @FreeFormJson()
  data!: Record<string, unknown>;
}

export class UpdateRecordDto {
  @ApiProperty({ description: 'The version the change is based on; 409 when the record has moved on' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiProperty({ description: 'The fields to change; fields left out keep their values' })
  @IsObject()
  @FreeFormJson()
  data!: Record<string, unknown>;
}

export class ListRecordsQuery {
  @ApiPropertyOptional({ description: 'A JSON-logic rule over the record fields' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  filter?: string;

  @ApiPropertyOptional({ description: 'Comma-separated fields, `-` for descending, e.g. `-createdAt,amount`' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  sort?: string;

  @ApiPropertyOptional({ description: 'Text searched in the fields the caller sees' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 20, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

export class ExportRecordsQuery {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';
}

export class DeleteRecordQuery {
  @ApiPropertyOptional({ description: 'When given, 409 unless the record is still at this version' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}
