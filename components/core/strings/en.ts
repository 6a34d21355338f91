import type { SourceErrorStrings } from '../strings.ts';

/** Shared strings, en. One module per locale, so a widget loads only the locale it shows. */
export const sourceErrors: SourceErrorStrings = {
  errors: {
    network: 'Cannot reach the service station. Please check the network and try again.',
    server: 'The service station has a problem. Please try again later.',
    'not-found': 'This could not be found. It may have been taken down.',
  },
  retry: 'Try again',
};
