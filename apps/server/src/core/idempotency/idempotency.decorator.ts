import { SetMetadata } from '@nestjs/common';

export const NO_IDEMPOTENCY = 'tessera:noIdempotency';

/** The route ignores `Idempotency-Key`: its response holds secrets (tokens) that must not be stored. */
export const NoIdempotency = (): MethodDecorator => SetMetadata(NO_IDEMPOTENCY, true);
