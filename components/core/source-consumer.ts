/**
 * Receives the nearest provider's LinliSource through the @lit/context protocol, like
 * ContextConsumer but smaller, and it also finds a provider that is defined after the widget
 * (two widget scripts loaded in either order).
 */
import { ContextEvent } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { linliSourceContext, type LinliSource } from './source.ts';

type Host = ReactiveControllerHost & HTMLElement;

interface ProviderEvent extends Event {
  context?: unknown;
  contextTarget?: Element;
}

export class SourceConsumer implements ReactiveController {
  /** The provided source, if a provider above the host gave one. */
  value: LinliSource | undefined;
  private readonly host: Host;
  private unsubscribe: (() => void) | undefined;

  constructor(host: Host) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.request();
    document.addEventListener('context-provider', this.onProvider);
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    document.removeEventListener('context-provider', this.onProvider);
  }

  private request(): void {
    this.host.dispatchEvent(
      new ContextEvent(
        linliSourceContext,
        this.host,
        (value, unsubscribe) => {
          if (unsubscribe !== this.unsubscribe) this.unsubscribe?.();
          this.unsubscribe = unsubscribe;
          this.value = value;
          this.host.requestUpdate();
        },
        true,
      ),
    );
  }

  /** A provider connected after us: ask again if it is one of our ancestors. */
  private readonly onProvider = (e: ProviderEvent): void => {
    if (e.context === linliSourceContext && e.contextTarget?.contains(this.host)) {
      this.unsubscribe?.();
      this.unsubscribe = undefined;
      this.request();
    }
  };
}
