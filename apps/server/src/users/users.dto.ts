import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const ROLE = /^[a-z][a-z0-9_]{0,63}$/;

export class CreateUserDto {
  @ApiProperty()
  @IsString()
  @Matches(/^[A-Za-z0-9_.@-]{2,64}$/)
  username!: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName!: string;

  @ApiProperty()
  @IsString()
  @MinLength(8)
  @MaxLength(256)
  password!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  departmentId?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @Matches(ROLE, { each: true })
  roles?: string[];

  @ApiPropertyOptional({ description: 'Roles per app key' })
  @IsOptional()
  @IsObject()
  appRoles?: Record<string, string[]>;
}

export class SetRolesDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @Matches(ROLE, { each: true })
  roles!: string[];

  @ApiPropertyOptional({ description: 'Roles per app key' })
  @IsOptional()
  @IsObject()
  appRoles?: Record<string, string[]>;
}

/** One person as every signed-in user may see them: who they are and which global roles they hold. */
export class DirectoryUserDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'credit_officer' })
  username!: string;

  @ApiProperty({ example: '李强' })
  displayName!: string;

  @ApiProperty({ type: [String], description: 'Roles held in every app', example: ['credit_officer'] })
  roles!: string[];
}
