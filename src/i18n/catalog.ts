import type { en } from './en.js';

/** The shape every locale's catalog has: the English one's, strings and parameterised functions. */
export type Catalog = typeof en;
