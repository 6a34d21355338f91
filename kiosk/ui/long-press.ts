/**
 * A discreet long press (the staff entrance on the station name): fires after the pointer has
 * stayed down for `ms` without leaving the element. Short taps do nothing, so residents never
 * stumble into staff mode.
 */
export function attachLongPress(el: HTMLElement, ms: number, onLongPress: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancel = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const start = (event: PointerEvent): void => {
    if (event.button > 0) return;
    cancel();
    timer = setTimeout(() => {
      timer = null;
      onLongPress();
    }, ms);
  };
  const noMenu = (event: Event): void => event.preventDefault();
  el.addEventListener('pointerdown', start);
  for (const type of ['pointerup', 'pointerleave', 'pointercancel'] as const) el.addEventListener(type, cancel);
  el.addEventListener('contextmenu', noMenu);
  return () => {
    cancel();
    el.removeEventListener('pointerdown', start);
    for (const type of ['pointerup', 'pointerleave', 'pointercancel'] as const) el.removeEventListener(type, cancel);
    el.removeEventListener('contextmenu', noMenu);
  };
}
