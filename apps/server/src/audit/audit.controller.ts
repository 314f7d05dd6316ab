import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { AuditQueryDto } from './audit.dto';
import { type AuditRow, AuditService, type ChainVerification } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('supervisor', 'auditor')
  @ApiOkResponse({ description: 'Audit entries, oldest first' })
  async list(@Query() query: AuditQueryDto): Promise<{ items: AuditRow[] }> {
    return { items: await this.audit.list({ ...query, limit: query.limit ?? 100 }) };
  }

  @Get('verify')
  @Roles('auditor')
  @ApiOkResponse({ description: '`{ ok, checked, firstBroken?: { seq, id, reason } }`' })
  verify(): Promise<ChainVerification> {
    return this.audit.verify();
  }
}
