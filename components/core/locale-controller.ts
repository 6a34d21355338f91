/**
 * Re-renders a component when a `lang` attribute that decides its locale changes: its own, an
 * ancestor's (a provider, the kiosk root) or `<html lang>`. One MutationObserver serves all hosts.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { resolveLocale, type Locale } from './i18n.ts';

type Host = ReactiveControllerHost & HTMLElement;

const hosts = new Set<Host>();
let observer: MutationObserver | null = null;

function watch(target: Node, subtree: boolean): void {
  observer ??= new MutationObserver(() => {
    for (const h of hosts) h.requestUpdate();
  });
  observer.observe(target, { attributes: true, attributeFilter: ['lang'], subtree });
}

export class LocaleController implements ReactiveController {
  private readonly host: Host;

  constructor(host: Host) {
    this.host = host;
    host.addController(this);
  }

  /** The locale the host should render in now. */
  get value(): Locale {
    return resolveLocale(this.host);
  }

  hostConnected(): void {
    hosts.add(this.host);
    watch(document.documentElement, true);
    // The document subtree does not reach into shadow roots; watch the host itself too.
    watch(this.host, false);
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
  }
}
