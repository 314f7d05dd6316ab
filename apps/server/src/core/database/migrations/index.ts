import { InitialSchema1763900000000 } from './1763900000000-initial-schema';

/** Every migration, oldest first. Migrations are reviewed like code and never edited once landed. */
export const migrations = [InitialSchema1763900000000];
