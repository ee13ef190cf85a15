import { describe, expect, it } from "vitest";
import { hijriToGregorian, readArabicDate, readIsoDate } from "../../src/import/arabic-date.js";

describe("readArabicDate: dates as Arabic news sites write them", () => {
  it.each([
    ["Moroccan month names", "18 شتنبر 2025", { date: "2025-09-18", calendar: "gregorian" }],
    ["Moroccan, with the weekday and a time", "الخميس 18 شتنبر 2025 - 10:30", { date: "2025-09-18", time: "10:30", calendar: "gregorian" }],
    ["Egyptian, with a comma after the weekday", "الخميس، 18 سبتمبر 2025 - 10:30 ص", { date: "2025-09-18", time: "10:30", calendar: "gregorian" }],
    ["Moroccan غشت, دجنبر, يوليوز", "نشر في 3 غشت 2024", { date: "2024-08-03", calendar: "gregorian" }],
    ["Moroccan دجنبر", "31 دجنبر 2023", { date: "2023-12-31", calendar: "gregorian" }],
    ["Levantine names in Eastern Arabic digits", "١٨ أيلول ٢٠٢٥", { date: "2025-09-18", calendar: "gregorian" }],
    ["Levantine two-word names", "5 تشرين الثاني 2024", { date: "2024-11-05", calendar: "gregorian" }],
    ["Algerian names", "3 جانفي 2024", { date: "2024-01-03", calendar: "gregorian" }],
    ["Persian digits", "۱۸ سبتمبر ۲۰۲۵", { date: "2025-09-18", calendar: "gregorian" }],
    ["a Hijri date beside the Gregorian one: the Gregorian wins", "الخميس ٢٦ ربيع الأول ١٤٤٧هـ - ١٨ سبتمبر ٢٠٢٥م", { date: "2025-09-18", calendar: "gregorian" }],
    ["the Gregorian first, then الموافق and the Hijri", "18 سبتمبر 2025م الموافق 26 ربيع الأول 1447هـ", { date: "2025-09-18", calendar: "gregorian" }],
    ["a Hijri date alone, converted (Umm al-Qura)", "٢٦ ربيع الأول ١٤٤٧هـ", { date: "2025-09-18", calendar: "hijri" }],
    ["Ramadan 1446 began on 1 March 2025", "1 رمضان 1446 هـ", { date: "2025-03-01", calendar: "hijri" }],
    ["numeric, day first, with a time elsewhere", "نشر في: 18/09/2025 على الساعة 14:05", { date: "2025-09-18", time: "14:05", calendar: "gregorian" }],
    ["numeric, year first", "2025-09-18 08:15", { date: "2025-09-18", time: "08:15", calendar: "gregorian" }],
    ["tatweel and a hamza-less alef", "18 اكتـوبر 2025", { date: "2025-10-18", calendar: "gregorian" }],
  ])("%s: «%s»", (_case, text, expected) => {
    expect(readArabicDate(text)).toEqual(expected);
  });

  it.each([
    ["a day that does not exist", "31 شتنبر 2025"],
    ["a month name inside a word", "كتاب 2025 عن مايو"],
    ["a year out of range", "18 سبتمبر 1066"],
    ["no date at all", "عبد اللطيف حموشي يترأس وفدا أمنيا"],
  ])("reads no date in %s", (_case, text) => {
    expect(readArabicDate(text)).toBeUndefined();
  });

  it("converts Hijri dates through the Umm al-Qura calendar", () => {
    expect(hijriToGregorian(1447, 1, 1)).toBe("2025-06-26");
    expect(hijriToGregorian(1445, 9, 1)).toBe("2024-03-11");
    expect(hijriToGregorian(1447, 13, 1)).toBeUndefined();
  });

  it("reads machine dates in the publisher's own time zone", () => {
    expect(readIsoDate("2025-09-18T00:30:00+01:00")).toEqual({ date: "2025-09-18", time: "00:30", calendar: "gregorian" });
    expect(readIsoDate("not a date")).toBeUndefined();
  });
});
