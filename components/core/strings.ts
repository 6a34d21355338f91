/** Strings shared by several components: what went wrong reading a source. */
import type { LinliSourceErrorKind } from './source.ts';

export interface SourceErrorStrings {
  errors: Record<LinliSourceErrorKind, string>;
  retry: string;
}
