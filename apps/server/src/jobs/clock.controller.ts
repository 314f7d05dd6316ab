import { Body, Controller, Get, HttpStatus, Inject, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { addDuration, parseDuration } from '@tessera/process';
import { Roles } from '../auth/decorators';
import { Clock } from '../core/clock/clock';
import { ApiError } from '../core/errors/api-error';
import { text } from '../core/errors/localized';
import { ClockAdvancer } from './clock-advancer';

export class AdvanceClockDto {
  @ApiProperty({ description: 'ISO 8601 duration to move the clock forward by, e.g. P1DT2H' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  by!: string;
}

export class SetClockDto {
  @ApiProperty({ description: 'ISO 8601 date-time to put the clock at' })
  @IsISO8601({ strict: true })
  now!: string;
}

export interface ClockView {
  now: string;
  controllable: boolean;
}

@ApiTags('clock')
@ApiBearerAuth()
@Controller('clock')
export class ClockController {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    private readonly advancer: ClockAdvancer,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'The server time processes and rules read, and whether it may be moved' })
  now(): ClockView {
    return { now: this.clock.now().toISOString(), controllable: this.clock.controllable };
  }

  @Put()
  @Roles('admin')
  @ApiOkResponse({
    description: 'Puts the clock at a moment; forward, the jobs and timers falling due meanwhile run in order',
  })
  async set(@Body() body: SetClockDto): Promise<ClockView & { jobsRun: number }> {
    this.requireControllable();
    const moment = new Date(body.now);
    if (moment.getTime() <= this.clock.now().getTime()) {
      this.clock.travelTo(moment);
      return { ...this.now(), jobsRun: 0 };
    }
    const jobsRun = await this.advancer.advanceTo(moment);
    return { ...this.now(), jobsRun };
  }

  @Post('advance')
  @Roles('admin')
  @ApiOkResponse({ description: 'Moves the clock forward, running the jobs and timers that fall due, in order' })
  async advance(@Body() body: AdvanceClockDto): Promise<ClockView & { jobsRun: number }> {
    this.requireControllable();
    const duration = parseDuration(body.by);
    if (!duration) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'clock.durationInvalid',
        text(`无效的 ISO 8601 时长 "${body.by}"`, `"${body.by}" is not an ISO 8601 duration`),
        [
          {
            path: 'by',
            code: 'duration.invalid',
            message: text('应为 ISO 8601 时长，如 P1DT2H', 'Expected an ISO 8601 duration such as P1DT2H'),
          },
        ],
      );
    }
    const jobsRun = await this.advancer.advanceTo(addDuration(this.clock.now(), duration));
    return { ...this.now(), jobsRun };
  }

  private requireControllable(): void {
    if (!this.clock.controllable) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'clock.notControllable',
        text(
          '服务器使用系统时钟；以 TESSERA_CLOCK=controllable 启动才可调整',
          'The server runs on the system clock; start it with TESSERA_CLOCK=controllable to move it',
        ),
      );
    }
  }
}
