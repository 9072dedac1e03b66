import { InitialSchema1764400000000 } from './1764400000000-initial-schema';
import { Lifecycle1764500000000 } from './1764500000000-lifecycle';

/** Every migration, oldest first. */
export const MIGRATIONS = [InitialSchema1764400000000, Lifecycle1764500000000];
