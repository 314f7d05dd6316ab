import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsString, Matches } from 'class-validator';

export class SaveFormDto {
  @ApiProperty({ example: 'loan-approval' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,63}$/)
  appKey!: string;

  @ApiProperty({ description: 'A form definition (see docs/forms.md); its version is assigned by the server' })
  @IsObject()
  definition!: Record<string, unknown>;
}
