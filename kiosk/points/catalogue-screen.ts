/**
 * 积分超市管理 (staff mode): every catalogue item (withdrawn ones too, and edits waiting to sync),
 * and the editor — name, description, goods or service, points, stock, monthly limit, when it can
 * be redeemed (station time), photo address, withdrawn. Saved offline as catalogue.save with the
 * revision it was based on; a stale revision comes back as a conflict on 需要处理. A new item's
 * stock is typed in; an existing item's is shown and moved by 补货 / 减少 (a delta the server adds
 * to its stock as it is then), because redemptions elsewhere move it meanwhile.
 *
 * @summary Staff catalogue list and editor.
 */
import { css, html, LitElement, nothing } from 'lit';
import { fill, formatNumber } from '../../components/core/i18n.ts';
import { LocaleController } from '../../components/core/locale-controller.ts';
import { token } from '../../components/core/theme.ts';
import { validateCatalogueItemDraft, type CatalogueItemDraft } from '../../domain/index.ts';
import type { KioskServices } from '../kiosk-services.ts';
import { isoToStationInput, stationInputToIso } from '../staff/station-time.ts';
import type { StaffSession } from '../staff/staff-sign-in.ts';
import type { ReplicaCatalogueItem } from '../store/kiosk-db.ts';
import { kioskStyles } from '../ui/kiosk-styles.ts';
import { ReplicaWatch } from '../ui/replica-watch.ts';
import { announce, joinSpoken, type SpokenScreen } from '../ui/spoken-screen.ts';
import { saveCatalogueItem } from './points-commands.ts';
import { catalogueItems } from './points-data.ts';
import { pointsStrings } from './strings.ts';

interface Form {
  name: string;
  description: string;
  kind: 'goods' | 'service';
  cost: string;
  stock: string;
  /** Existing items: units to add and to remove (empty: none). */
  restock: string;
  writeOff: string;
  monthlyLimit: string;
  activeFrom: string;
  activeUntil: string;
  photo: string;
  retired: boolean;
}

const EMPTY: Form = { name: '', description: '', kind: 'goods', cost: '', stock: '', restock: '', writeOff: '', monthlyLimit: '', activeFrom: '', activeUntil: '', photo: '', retired: false };

export class LinliPointsCatalogueScreen extends LitElement implements SpokenScreen {
  static override styles = [
    kioskStyles,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 16px;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 24px;
        align-items: center;
        border: 3px solid ${token('--linli-color-border')};
        border-radius: ${token('--linli-radius')};
        padding: 16px;
      }
      .name {
        font-weight: 700;
        flex: 1 1 8em;
      }
      .chip {
        border: 2px solid currentColor;
        border-radius: 0.25em;
        padding-inline: 0.375em;
        font-weight: 700;
      }
      form {
        display: grid;
        gap: 16px;
        max-inline-size: 36em;
      }
      .check {
        display: flex;
        gap: 16px;
        align-items: center;
        min-block-size: 64px;
      }
      .check input {
        inline-size: 48px;
        block-size: 48px;
        min-block-size: 48px;
      }
      .choices {
        display: flex;
        flex-wrap: wrap;
        gap: 16px;
      }
      button[aria-pressed='true'] {
        background: ${token('--linli-color-accent')};
        color: ${token('--linli-color-on-accent')};
      }
      .field-error {
        color: ${token('--linli-color-danger')};
        font-weight: 600;
        margin: 0;
      }
    `,
  ];

  static override properties = {
    services: { attribute: false },
    staff: { attribute: false },
    items: { attribute: false },
    editing: { attribute: false },
    form: { attribute: false },
    problems: { attribute: false },
    message: { attribute: false },
  };

  declare services: KioskServices | null;
  declare staff: StaffSession | null;
  declare items: ReplicaCatalogueItem[];
  /** null: the list; 'new' or the item being edited: the editor. */
  declare editing: ReplicaCatalogueItem | 'new' | null;
  declare form: Form;
  /** The domain's validateCatalogueItemDraft: field → plain sentence. */
  declare problems: Partial<Record<keyof CatalogueItemDraft, string>>;
  declare message: string;
  readonly #locale = new LocaleController(this);
  #busy = false;

  constructor() {
    super();
    this.services = null;
    this.staff = null;
    this.items = [];
    this.editing = null;
    this.form = { ...EMPTY };
    this.problems = {};
    this.message = '';
    new ReplicaWatch(this, () => void this.load());
  }

  async load(): Promise<void> {
    if (this.services) this.items = await catalogueItems(this.services.db);
  }

  edit(item: ReplicaCatalogueItem | 'new'): void {
    this.editing = item;
    this.problems = {};
    this.message = '';
    this.form =
      item === 'new'
        ? { ...EMPTY }
        : {
            name: item.name,
            description: item.description,
            kind: item.kind,
            cost: String(item.cost),
            stock: String(item.stock),
            restock: '',
            writeOff: '',
            monthlyLimit: item.monthlyLimit === null ? '' : String(item.monthlyLimit),
            activeFrom: item.activeFrom ? isoToStationInput(item.activeFrom) : '',
            activeUntil: item.activeUntil ? isoToStationInput(item.activeUntil) : '',
            photo: item.photo ?? '',
            retired: item.retired,
          };
  }

  /** 补货 − 减少 for an existing item (NaN when either is not a whole number); 0 for a new one. */
  #stockDelta(): number {
    if (this.editing === 'new' || this.editing === null) return 0;
    const units = (v: string): number => (v.trim() === '' ? 0 : /^\d{1,6}$/.test(v.trim()) ? Number(v.trim()) : NaN);
    return units(this.form.restock) - units(this.form.writeOff);
  }

  #draft(): CatalogueItemDraft {
    const f = this.form;
    const num = (v: string): number => (/^\d{1,7}$/.test(v.trim()) ? Number(v.trim()) : NaN);
    const seen = this.editing === 'new' || this.editing === null ? null : this.editing.stock;
    return {
      name: f.name.trim(),
      description: f.description.trim(),
      kind: f.kind,
      cost: num(f.cost),
      stock: seen === null ? num(f.stock) : seen + this.#stockDelta(),
      monthlyLimit: f.monthlyLimit.trim() === '' ? null : num(f.monthlyLimit),
      activeFrom: f.activeFrom ? stationInputToIso(f.activeFrom) : null,
      activeUntil: f.activeUntil ? stationInputToIso(f.activeUntil) : null,
      photo: f.photo.trim() === '' ? null : f.photo.trim(),
      retired: f.retired,
    };
  }

  async save(): Promise<void> {
    const s = this.services;
    if (!s || !this.staff || this.#busy || this.editing === null) return;
    const t = pointsStrings[this.#locale.value].catalogue;
    const draft = this.#draft();
    this.problems = validateCatalogueItemDraft(draft);
    if (this.editing !== 'new' && this.problems.stock && draft.stock < 0) this.problems = { ...this.problems, stock: t.writeOffTooMany };
    const count = Object.keys(this.problems).length;
    if (count > 0) {
      announce(this, fill(t.fixErrors, { n: count }));
      return;
    }
    this.#busy = true;
    try {
      const stationId = (await s.db.getMeta('stationId')) ?? '';
      const base = this.editing === 'new' ? null : ((await s.db.run((conn) => conn.get('catalogue', (this.editing as ReplicaCatalogueItem).id))) ?? this.editing);
      await saveCatalogueItem(s.outbox, stationId, this.staff, base, draft, { stockDelta: this.#stockDelta() });
      this.editing = null;
      this.message = t.saved;
      announce(this, t.saved);
    } finally {
      this.#busy = false;
    }
  }

  spokenText(): string {
    const locale = this.#locale.value;
    const t = pointsStrings[locale].catalogue;
    if (this.editing !== null) {
      return joinSpoken(
        [this.editing === 'new' ? t.editorNew : t.editorEdit, ...(Object.keys(this.problems).length > 0 ? [fill(t.fixErrors, { n: Object.keys(this.problems).length }), ...Object.values(this.problems)] : [])],
        locale,
      );
    }
    const sep = locale === 'en' ? ', ' : '，';
    return joinSpoken(
      [
        t.heading,
        this.message,
        this.items.length === 0 ? t.empty : null,
        ...this.items.map((i) => [i.name, `${formatNumber(i.cost, locale)}`, i.retired ? t.retired : '', i.pendingCommandId ? t.pending : ''].filter(Boolean).join(sep)),
      ],
      locale,
    );
  }

  #field(key: keyof Omit<Form, 'kind' | 'retired'>, label: string, o: { type?: string; inputmode?: string; maxlength?: number; hint?: string } = {}): unknown {
    // An existing item's stock problem belongs to the 减少 box (the only way to make it wrong).
    const draftKey = key === 'writeOff' ? 'stock' : key === 'restock' ? null : key;
    const problem = (draftKey && this.problems[draftKey]) || '';
    return html`<div>
      <label for=${key}>${label}</label>
      ${o.hint ? html`<p class="muted">${o.hint}</p>` : nothing}
      ${key === 'description'
        ? html`<textarea id=${key} class=${key} rows="3" maxlength="2000" .value=${this.form[key]}
            @input=${(e: Event) => (this.form = { ...this.form, [key]: (e.target as HTMLTextAreaElement).value })}></textarea>`
        : html`<input id=${key} class=${key} type=${o.type ?? 'text'} inputmode=${o.inputmode ?? 'text'} maxlength=${o.maxlength ?? 200} .value=${this.form[key]}
            aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${`${key}-error`}
            @input=${(e: Event) => (this.form = { ...this.form, [key]: (e.target as HTMLInputElement).value })} />`}
      <p class="field-error" id=${`${key}-error`}>${problem}</p>
    </div>`;
  }

  #renderEditor(): unknown {
    const t = pointsStrings[this.#locale.value].catalogue;
    const f = this.form;
    return html`<h1>${this.editing === 'new' ? t.editorNew : t.editorEdit}</h1>
      ${Object.keys(this.problems).length > 0 ? html`<p class="error" role="alert">${fill(t.fixErrors, { n: Object.keys(this.problems).length })}</p>` : nothing}
      <form @submit=${(e: Event) => (e.preventDefault(), void this.save())}>
        ${this.#field('name', t.name, { maxlength: 60 })}
        ${this.#field('description', t.description)}
        <div>
          <span class="label" id="kind-label">${t.kind}</span>
          <div class="choices" role="group" aria-labelledby="kind-label">
            <button type="button" class="kind-goods" aria-pressed=${f.kind === 'goods' ? 'true' : 'false'} @click=${() => (this.form = { ...f, kind: 'goods' })}>${t.goods}</button>
            <button type="button" class="kind-service" aria-pressed=${f.kind === 'service' ? 'true' : 'false'} @click=${() => (this.form = { ...f, kind: 'service' })}>${t.service}</button>
          </div>
        </div>
        ${this.#field('cost', t.cost, { inputmode: 'numeric', maxlength: 6 })}
        ${this.editing === 'new'
          ? this.#field('stock', t.stock, { inputmode: 'numeric', maxlength: 6 })
          : html`<p class="stock-now">${fill(t.stockNow, { n: formatNumber(this.editing?.stock ?? 0, this.#locale.value) })}</p>
              ${this.#field('restock', t.restock, { inputmode: 'numeric', maxlength: 6, hint: t.stockChangeHint })}
              ${this.#field('writeOff', t.writeOff, { inputmode: 'numeric', maxlength: 6 })}`}
        ${this.#field('monthlyLimit', t.monthlyLimit, { inputmode: 'numeric', maxlength: 3, hint: t.monthlyLimitHint })}
        ${this.#field('activeFrom', t.activeFrom, { type: 'datetime-local' })}
        ${this.#field('activeUntil', t.activeUntil, { type: 'datetime-local' })}
        ${this.#field('photo', t.photo, { maxlength: 500 })}
        <label class="check">
          <input type="checkbox" class="retired" .checked=${f.retired} @change=${(e: Event) => (this.form = { ...this.form, retired: (e.target as HTMLInputElement).checked })} />
          <span>${t.retire}</span>
        </label>
        <div class="actions"><button type="submit" class="primary save">${t.save}</button></div>
      </form>`;
  }

  protected override render(): unknown {
    const locale = this.#locale.value;
    const t = pointsStrings[locale].catalogue;
    if (!this.staff || !this.services) return html`<h1>${t.heading}</h1>`;
    if (this.editing !== null) return this.#renderEditor();
    return html`<h1>${t.heading}</h1>
      <p class="message" role="status">${this.message}</p>
      <div class="actions"><button type="button" class="primary add" @click=${() => this.edit('new')}>${t.add}</button></div>
      ${this.items.length === 0 ? html`<p class="empty">${t.empty}</p>` : nothing}
      <ul>
        ${this.items.map(
          (i) => html`<li data-item=${i.id}>
            <span class="name">${i.name}</span>
            <span class="cost">${fill(pointsStrings[locale].shop.cost, { n: formatNumber(i.cost, locale) })}</span>
            <span class="stock">${fill(pointsStrings[locale].shop.stock, { n: formatNumber(i.stock, locale) })}</span>
            ${i.retired ? html`<span class="chip">${t.retired}</span>` : nothing}
            ${i.pendingCommandId ? html`<span class="chip pending">${t.pending}</span>` : nothing}
            <button type="button" class="edit" @click=${() => this.edit(i)}>${t.edit}</button>
          </li>`,
        )}
      </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'linli-points-catalogue-screen': LinliPointsCatalogueScreen;
  }
}
