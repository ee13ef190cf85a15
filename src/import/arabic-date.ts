/**
 * Publication dates as Arabic news sites write them: «18 شتنبر 2025» (Moroccan month names), «الخميس 18
 * سبتمبر 2025 - 10:30» (Egyptian), «١٨ أيلول ٢٠٢٥» (Levantine names, Eastern Arabic digits), «جانفي» (Algerian
 * and Tunisian), and a Hijri date beside the Gregorian one («٢٦ ربيع الأول ١٤٤٧هـ الموافق ١٨ سبتمبر ٢٠٢٥م»).
 * chrono-node has no Arabic parser, and Intl only formats dates: this is Isnad's own, and pure.
 */

/** A calendar date read from text, as YYYY-MM-DD in the Gregorian calendar, with a time when one was written. */
export interface ReadDate {
  readonly date: string;
  /** HH:MM (24 h) when the text gave a time next to the date. */
  readonly time?: string;
  /** The calendar the text was written in; Hijri dates are converted (Umm al-Qura). */
  readonly calendar: "gregorian" | "hijri";
}

/** Folds what varies between sites but not in meaning: digits, alef forms, ى/ي, ة/ه, tatweel, harakat. */
function foldForDates(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u0660-\u0669]/gu, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/gu, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .replace(/[\u0622\u0623\u0625\u0671]/gu, "\u0627")
    .replace(/\u0649/gu, "\u064A")
    .replace(/\u0629/gu, "\u0647")
    .replace(/[\u064B-\u065F\u0670\u0640\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069]/gu, "");
}

// Month names after foldForDates (ا for أ, ي for ى, ه for ة). Several spellings per month, by region.
const GREGORIAN_MONTHS: ReadonlyArray<readonly string[]> = [
  ["يناير", "كانون الثاني", "جانفي", "جانفييه"],
  ["فبراير", "شباط", "فيفري", "فبرابر"],
  ["مارس", "اذار", "مارص"],
  ["ابريل", "نيسان", "افريل"],
  ["مايو", "ماي", "ايار"],
  ["يونيو", "يونيه", "حزيران", "جوان"],
  ["يوليو", "يوليه", "يوليوز", "تموز", "جويليه", "جويلي"],
  ["اغسطس", "غشت", "اب", "اوت", "اغشت"],
  ["سبتمبر", "شتنبر", "ايلول", "سيبتمبر"],
  ["اكتوبر", "تشرين الاول", "اكتوير"],
  ["نوفمبر", "نونبر", "تشرين الثاني"],
  ["ديسمبر", "دجنبر", "كانون الاول"],
];

const HIJRI_MONTHS: ReadonlyArray<readonly string[]> = [
  ["محرم", "المحرم"],
  ["صفر"],
  ["ربيع الاول", "ربيع اول"],
  ["ربيع الثاني", "ربيع الاخر", "ربيع ثاني", "ربيع اخر"],
  ["جمادي الاولي", "جمادي الاول", "جمادي اولي"],
  ["جمادي الاخره", "جمادي الثانيه", "جمادي الثاني", "جمادي الاخر"],
  ["رجب"],
  ["شعبان"],
  ["رمضان"],
  ["شوال"],
  ["ذو القعده", "ذي القعده"],
  ["ذو الحجه", "ذي الحجه"],
];

/** Longest names first, so «كانون الثاني» is not read as a bare prefix and «ربيع الاول» beats «ربيع». */
function monthAlternation(months: ReadonlyArray<readonly string[]>): { pattern: string; monthOf: Map<string, number> } {
  const monthOf = new Map<string, number>();
  months.forEach((names, index) => names.forEach((name) => monthOf.set(name, index + 1)));
  const names = [...monthOf.keys()].sort((a, b) => b.length - a.length).map((name) => name.replace(/ /gu, "\\s+"));
  return { pattern: names.join("|"), monthOf };
}

const GREGORIAN = monthAlternation(GREGORIAN_MONTHS);
const HIJRI = monthAlternation(HIJRI_MONTHS);
// An Arabic letter may not touch a month name (اب inside «كتاب», ماي inside «مايو» is handled by length order).
const NOT_LETTER_BEFORE = "(?<![\\p{L}])";
const NOT_LETTER_AFTER = "(?![\\p{L}])";
const TIME = "(?:\\s*(?:[-–—,،|]|الساعه|على الساعه|في)?\\s*(\\d{1,2})[:.](\\d{2})(?!\\d))?";

// «18 شتنبر 2025», «الخميس 18 سبتمبر، 2025 - 10:30»
const WRITTEN_GREGORIAN = new RegExp(`(?<!\\d)(\\d{1,2})\\s*(?:من\\s+)?${NOT_LETTER_BEFORE}(${GREGORIAN.pattern})${NOT_LETTER_AFTER}\\s*[،,]?\\s*(\\d{4})(?!\\d)\\s*م?${TIME}`, "gu");
// «26 ربيع الأول 1447 هـ»
const WRITTEN_HIJRI = new RegExp(`(?<!\\d)(\\d{1,2})\\s*${NOT_LETTER_BEFORE}(${HIJRI.pattern})${NOT_LETTER_AFTER}\\s*[،,]?\\s*(\\d{4})(?!\\d)`, "gu");
// «18/09/2025», «18-9-2025», «2025/09/18», «2025-09-18 10:30»
const NUMERIC_DAY_FIRST = new RegExp(`(?<!\\d)(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})(?!\\d)${TIME}`, "gu");
const NUMERIC_YEAR_FIRST = new RegExp(`(?<!\\d)(\\d{4})[/.-](\\d{1,2})[/.-](\\d{1,2})(?!\\d)(?:[T\\s]+(\\d{1,2}):(\\d{2}))?`, "gu");

interface Candidate extends ReadDate {
  readonly position: number;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** A valid Gregorian date as YYYY-MM-DD, or undefined (31 شتنبر, 13/13/2025). Years 1900–2100 only. */
function gregorianDate(year: number, month: number, day: number): string | undefined {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return undefined;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function timeOf(hours: string | undefined, minutes: string | undefined): { time?: string } {
  if (hours === undefined || minutes === undefined) return {};
  const h = Number(hours);
  const m = Number(minutes);
  return h <= 23 && m <= 59 ? { time: `${pad(h)}:${pad(m)}` } : {};
}

const HIJRI_PARTS = new Intl.DateTimeFormat("en-u-ca-islamic-umalqura-nu-latn", { year: "numeric", month: "numeric", day: "numeric", timeZone: "UTC" });

function hijriOf(date: Date): { year: number; month: number; day: number } {
  const parts = Object.fromEntries(HIJRI_PARTS.formatToParts(date).map((part) => [part.type, part.value]));
  return { year: Number.parseInt(parts.year ?? parts.relatedYear ?? "0", 10), month: Number(parts.month), day: Number(parts.day) };
}

/**
 * The Gregorian date of a Hijri (Umm al-Qura) date, found through Intl's islamic-umalqura calendar: an
 * estimate from the mean month, then the day whose Hijri date matches within a week either side.
 */
export function hijriToGregorian(year: number, month: number, day: number): string | undefined {
  if (year < 1300 || year > 1500 || month < 1 || month > 12 || day < 1 || day > 30) return undefined;
  // 1 Muharram 1 AH ≈ 16 July 622; a Hijri month is 29.530588 days on average.
  const epoch = Date.UTC(622, 6, 16);
  const estimate = epoch + ((year - 1) * 12 + (month - 1)) * 29.530588 * 86_400_000 + (day - 1) * 86_400_000;
  for (let offset = -7; offset <= 7; offset += 1) {
    const candidate = new Date(Math.round(estimate / 86_400_000 + offset) * 86_400_000);
    const hijri = hijriOf(candidate);
    if (hijri.year === year && hijri.month === month && hijri.day === day) return candidate.toISOString().slice(0, 10);
  }
  return undefined;
}

function candidatesIn(folded: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of folded.matchAll(WRITTEN_GREGORIAN)) {
    const month = GREGORIAN.monthOf.get(match[2]!.replace(/\s+/gu, " "));
    const date = month === undefined ? undefined : gregorianDate(Number(match[3]), month, Number(match[1]));
    if (date) found.push({ date, ...timeOf(match[4], match[5]), calendar: "gregorian", position: match.index });
  }
  for (const match of folded.matchAll(NUMERIC_YEAR_FIRST)) {
    const date = gregorianDate(Number(match[1]), Number(match[2]), Number(match[3]));
    if (date) found.push({ date, ...timeOf(match[4], match[5]), calendar: "gregorian", position: match.index });
  }
  for (const match of folded.matchAll(NUMERIC_DAY_FIRST)) {
    const date = gregorianDate(Number(match[3]), Number(match[2]), Number(match[1]));
    if (date) found.push({ date, ...timeOf(match[4], match[5]), calendar: "gregorian", position: match.index });
  }
  for (const match of folded.matchAll(WRITTEN_HIJRI)) {
    const month = HIJRI.monthOf.get(match[2]!.replace(/\s+/gu, " "));
    const date = month === undefined ? undefined : hijriToGregorian(Number(match[3]), month, Number(match[1]));
    if (date) found.push({ date, calendar: "hijri", position: match.index });
  }
  return found.sort((a, b) => a.position - b.position);
}

/**
 * The first date written in a text (a byline, a dateline), or undefined. A Gregorian date is preferred to a
 * Hijri one written beside it (sites print both, and the Gregorian is the one readers cite); a time written
 * anywhere in the text joins a date that has none. Years outside 1900–2100 are not dates.
 */
export function readArabicDate(text: string): ReadDate | undefined {
  const folded = foldForDates(text);
  const candidates = candidatesIn(folded);
  const chosen = candidates.find((candidate) => candidate.calendar === "gregorian") ?? candidates[0];
  if (!chosen) return undefined;
  const { position: _position, ...date } = chosen;
  if (date.time !== undefined) return date;
  const time = /(?<!\d)(\d{1,2}):(\d{2})(?!\d)/u.exec(folded);
  return { ...date, ...(time ? timeOf(time[1], time[2]) : {}) };
}

/**
 * A machine-readable date (ISO 8601 from a meta tag, JSON-LD or <time datetime>): its calendar date as
 * written, in the publisher's own time zone (no conversion to UTC, which could move it to the day before).
 */
export function readIsoDate(value: string): ReadDate | undefined {
  const match = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/u.exec(foldForDates(value));
  if (!match) return undefined;
  const date = gregorianDate(Number(match[1]), Number(match[2]), Number(match[3]));
  return date ? { date, ...timeOf(match[4], match[5]), calendar: "gregorian" } : undefined;
}
