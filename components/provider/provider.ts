import { ContextProvider } from '@lit/context';
import { html, LitElement, type PropertyValues } from 'lit';
import { withMeals } from '../core/http-meals.ts';
import { withPoints } from '../core/http-points.ts';
import { withVolunteer } from '../core/http-volunteer.ts';
import { HttpSource } from '../core/http-source.ts';
import { linliSourceContext, type LinliSource } from '../core/source.ts';
import { providerStyles } from './provider.styles.ts';

/**
 * Provides one data source to every Linli widget inside it, so several widgets on a page share
 * one connection to the station server. Its `lang` applies to the widgets inside as well.
 *
 * @summary Data-source provider for Linli widgets.
 * @tagname linli-provider
 * @slot - The widgets (and any other content).
 */
export class LinliProvider extends LitElement {
  static override styles = providerStyles;
  static override properties = {
    api: { type: String },
    station: { type: String },
    source: { attribute: false },
  };

  /** Base URL of the station server's API, e.g. `https://example.gov.cn/linli/api`. */
  declare api: string;
  /** Station id. */
  declare station: string;
  /** A source to provide instead of the HTTP one (the kiosk's, or an in-memory one in tests). */
  declare source: LinliSource | undefined;

  private readonly provider = new ContextProvider(this, { context: linliSourceContext, initialValue: undefined });
  private http: HttpSource | undefined;

  constructor() {
    super();
    this.api = '';
    this.station = '';
    this.source = undefined;
  }

  /** The source the widgets inside receive. */
  get effectiveSource(): LinliSource | undefined {
    return this.provider.value;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') || changed.has('station')) {
      this.http = this.api && this.station ? withVolunteer(withMeals(withPoints(new HttpSource(this.api, this.station)))) : undefined;
    }
    const next = this.source ?? this.http;
    if (next !== this.provider.value) this.provider.setValue(next);
  }

  protected override render(): unknown {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-provider': LinliProvider;
  }
}
