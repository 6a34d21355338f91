/**
 * Personal data checks and masking (PIPL): public surfaces never show a full name, phone or ID.
 */

export interface PersonalNumberFinding {
  kind: 'mobile' | 'id-card';
  /** The matched text, for highlighting in the editor. */
  text: string;
  index: number;
}

// A mainland mobile number: 11 digits starting 1[3-9], not part of a longer digit run.
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
// An 18-character resident ID: 17 digits then a digit or X, not part of a longer run.
const ID_CARD = /(?<![\dXx])\d{17}[\dXx](?![\dXx])/g;

/** Full mobile numbers and 18-digit ID numbers in free text, so staff are warned before publishing. */
export function findPersonalNumbers(text: string): PersonalNumberFinding[] {
  const found: PersonalNumberFinding[] = [];
  // Tolerate spaces or dashes people type inside numbers (138 1234 5678, 138-1234-5678).
  const compact: { ch: string; at: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '-') {
      const prev = text[i - 1];
      const next = text[i + 1];
      if (prev && next && /\d/.test(prev) && /\d/.test(next)) continue;
    }
    compact.push({ ch, at: i });
  }
  const joined = compact.map((c) => c.ch).join('');
  for (const [re, kind] of [[ID_CARD, 'id-card'], [MOBILE, 'mobile']] as const) {
    re.lastIndex = 0;
    for (let m = re.exec(joined); m; m = re.exec(joined)) {
      const start = compact[m.index]!.at;
      const end = compact[m.index + m[0].length - 1]!.at + 1;
      if (kind === 'mobile' && found.some((f) => f.kind === 'id-card' && start >= f.index && start < f.index + f.text.length)) continue;
      found.push({ kind, text: text.slice(start, end), index: start });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** 张三华 → 张*华, 张三 → 张*, 欧阳娜娜 → 欧**娜. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** 13800138000 → 138****8000. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}
