/** Every Arabic text the bot sends, in one place, so wording can be reviewed and changed without code. */
export const BOT_TEXT = {
  welcome: (titles: readonly string[], more: number) =>
    [
      "أهلا بك في «إسناد» 👋",
      "أجيب عن أسئلتك من مقالات إخبارية، وأذكر مع كل جواب مصدره: المقطع كما ورد حرفيا، والمقال، والقسم.",
      "",
      "المقالات التي أعرفها:",
      ...titles.map((title) => `\u200F• ${title}`),
      ...(more > 0 ? [`\u200F• و${more} مقالا آخر (القائمة الكاملة: /sources)`] : []),
      "",
      "اكتب سؤالك بالعربية، الفصحى أو الدارجة، ولو بلا همزات.",
    ].join("\n"),
  example: (question: string) => `مثال: ${question}`,
  help: [
    "كيف تسألني:",
    "• في المحادثة الخاصة: اكتب سؤالك مباشرة.",
    "• في المجموعات: /ask ثم السؤال، أو اذكرني ‎@{bot}‎، أو رد على إحدى رسائلي.",
    "• في أي محادثة: اكتب ‎@{bot}‎ ثم سؤالك، واختر الجواب لترسله مع مصادره.",
    "",
    "أجيب بمقاطع منقولة حرفيا من المقالات، وكل مقطع مرقم [1] [2] ومنسوب إلى مقاله وقسمه.",
    "إن لم أجد الجواب في مصادري قلت ذلك، ولا أخمن.",
    "",
    "الأوامر:",
    "/ask — اطرح سؤالا (في المجموعات)",
    "/sources — المقالات التي أعرفها (/sources كلمة: ما يطابقها منها)",
    "/help — هذه المساعدة",
  ].join("\n"),
  sourcesHeader: (count: number) => `المقالات التي أجيب منها (${count})، الأحدث أولا:`,
  sourcesMatching: (filter: string, matching: number, total: number) => `المقالات التي تطابق «${filter}» (${matching} من ${total})، الأحدث أولا:`,
  sourcesMore: (shown: number, matching: number) => `\u200Fعرضت ${shown} من ${matching}. لتضييق القائمة أضف كلمة من العنوان أو اسم المصدر، مثلا: /sources الرباط`,
  sourcesNoMatch: (filter: string) => `لا توجد في مصادري مقالات يطابق عنوانها أو مصدرها أو تاريخها «${filter}». القائمة كاملة: /sources`,
  sourcesFilterTooLong: "اكتب بعد /sources كلمة أو كلمتين من عنوان المقال أو اسم مصدره. ولطرح سؤال اكتبه مباشرة، أو بعد /ask في المجموعات.",
  noSources: "لا توجد مقالات في مصادري بعد.",
  askNeedsQuestion: "اكتب سؤالك بعد الأمر، مثلا: /ask من يترأس الوفد؟",
  textOnly: "أستطيع الإجابة عن الأسئلة المكتوبة فقط. اكتب سؤالك نصا من فضلك.",
  rateLimited: "تمهل قليلا من فضلك 🙏 لقد أرسلت أسئلة كثيرة في وقت قصير. حاول بعد دقيقة.",
  failure: "عذرا، حدث خطأ أثناء معالجة رسالتك. حاول مرة أخرى بعد قليل.",
  notAllowed: "هذا الأمر غير متاح.",
  feedbackUseful: "👍 مفيد",
  feedbackNotUseful: "👎 غير مفيد",
  feedbackThanks: "شكرا، سُجّل رأيك في هذا الجواب.",
  feedbackExpired: "شكرا. انقضت مدة التقييم لهذا الجواب، فلم يُسجَّل.",
  feedbackFailed: "عذرا، تعذر تسجيل رأيك الآن. حاول مرة أخرى بعد قليل.",
  inlineHint: "اكتب سؤالك بعد اسمي، مثلا: من يترأس الوفد؟",
  inlineQuestion: (question: string) => `س: ${question}`,
  reindexStarted: "بدأت إعادة بناء الفهرس. سأواصل الإجابة من الفهرس الحالي حتى ينتهي.",
  reindexBusy: "إعادة بناء الفهرس جارية بالفعل. سأخبرك عند انتهائها.",
  reindexBusyElsewhere: "إعادة بناء الفهرس جارية بالفعل على نسخة أخرى من البوت. ستنتقل كل النسخ إلى الفهرس الجديد عند انتهائها.",
  reindexNoLock: "تعذرت إعادة البناء الآن: لا أستطيع التأكد من أن نسخة أخرى من البوت لا تعيد البناء، لأن Redis غير متاح. ما زلت أجيب من الفهرس الحالي؛ حاول بعد قليل.",
  reindexDone: (articles: number, chunks: number, seconds: number, problems: number, vectors?: { embedded: number; reused: number }) =>
    `اكتملت إعادة البناء: ${articles} مقال، ${chunks} مقطع، في ${seconds.toFixed(1)} ثانية.` +
    (vectors ? `\nالتمثيلات الدلالية: ${vectors.embedded} مقطع حُسب من جديد، و${vectors.reused} لم يتغير نصه فأُخذ من الفهرس السابق.` : "") +
    (problems > 0 ? `\nتعذرت قراءة ${problems} ملف (التفاصيل في السجل).` : ""),
  reindexFailed: (reason: string) => `فشلت إعادة البناء، وما زلت أجيب من الفهرس السابق.\nالسبب: ${reason}\n(التفاصيل في سجل الخادم.)`,
  /** Why a rebuild failed, in words for the admin's chat: never a server path (the log has the full error). */
  reindexFailure: {
    corpusMissing: "مجلد المقالات غير موجود على الخادم.",
    corpusNotFolder: "مسار المقالات على الخادم ليس مجلدا.",
    noArticles: "لم يصلح أي ملف من المقالات للفهرسة: كلها فارغة أو معيبة.",
    indexFolder: "مجلد الفهرس على الخادم غير صالح (INDEX_DIR).",
    other: "خطأ داخلي.",
  },
  status: (fields: { retrieval: string; articles: number; chunks: number; builtAt: string; uptime: string; rebuilding: boolean; inline: boolean; votes: boolean; instances?: string }) =>
    [
      "الحالة:",
      `• البحث: ${fields.retrieval}`,
      `• المقالات: ${fields.articles}`,
      `• المقاطع: ${fields.chunks}`,
      `• بُني الفهرس: ${fields.builtAt}`,
      `• مدة التشغيل: ${fields.uptime}`,
      `• الوضع المضمّن (السؤال من أي محادثة): ${fields.inline ? "مفعّل" : "غير مفعّل — فعّله بالأمر /setinline لدى ‎@BotFather"}`,
      `• تقييم القراء للأجوبة (👍 / 👎): ${fields.votes ? "مفعّل، يُحفظ في FEEDBACK_FILE" : "غير مفعّل — حدد FEEDBACK_FILE لتفعيله"}`,
      ...(fields.rebuilding ? ["• إعادة بناء الفهرس جارية"] : []),
      ...(fields.instances ? [`• النسخ العاملة ${fields.instances}`] : []),
    ].join("\n"),
} as const;

/** The texts of /add and of the feeds in /status (importing articles from the web). */
export const IMPORT_TEXT = {
  addUsage: "أرسل بعد /add عنوان مقال أو عنوان موجز RSS/Atom، مثلا:\n/add https://www.example.ma/article.html",
  addWorking: "جارٍ جلب الصفحة واستخراج المقال…",
  added: (fields: { title: string; date?: string; outlet?: string; sections: readonly string[]; file: string; updated: boolean }) =>
    [
      `${fields.updated ? "🔄 حُدّث المقال" : "✅ أضيف المقال"}: «${fields.title}»`,
      `\u200F• التاريخ: ${fields.date ?? "غير مذكور في الصفحة"}${fields.outlet ? ` — ${fields.outlet}` : ""}`,
      fields.sections.length > 0 ? `\u200F• الأقسام (${fields.sections.length}): ${fields.sections.join(" · ")}` : "\u200F• بلا عناوين أقسام (مقدمة فقط)",
      `\u200F• الملف: ${fields.file}`,
      "يُعاد بناء الفهرس في الخلفية، وسأخبرك حين يصبح متاحا للأسئلة.",
    ].join("\n"),
  unchanged: (title: string, file: string) => `المقال «${title}» موجود في مصادري بلا تغيير (${file})، فلم أغيّر شيئا.`,
  duplicate: (title: string, file: string) => `لم أضف «${title}»: القصة نفسها موجودة في مصادري من عنوان آخر (${file}).`,
  failed: (reason: string) => `تعذر الاستيراد: ${reason}\nلم يُكتب شيء في المصادر.`,
  feed: (fields: { title?: string; items: number; known: number; added: readonly string[]; duplicates: number; failed: number }) =>
    [
      `الموجز${fields.title ? ` «${fields.title}»` : ""}: ${fields.items} عنصر، ${fields.known} منها في مصادري من قبل.`,
      fields.added.length > 0 ? `أضيف ${fields.added.length}:` : "لا جديد فيه.",
      ...fields.added.slice(0, 10).map((title) => `\u200F• ${title}`),
      ...(fields.added.length > 10 ? [`\u200F• و${fields.added.length - 10} آخر`] : []),
      ...(fields.duplicates > 0 ? [`تُرك ${fields.duplicates} لأن القصة نفسها في مصادري من عنوان آخر.`] : []),
      ...(fields.failed > 0 ? [`تعذر جلب ${fields.failed} (التفاصيل في السجل).`] : []),
      ...(fields.added.length > 0 ? ["يُعاد بناء الفهرس في الخلفية، وسأخبرك حين ينتهي."] : []),
    ].join("\n"),
  indexUpdated: "اكتمل تحديث الفهرس: ما أضفته متاح للأسئلة الآن.",
  indexNotUpdated: "حُفظ ما أضفته في المصادر، لكن تعذر تحديث الفهرس (التفاصيل في السجل). أعد المحاولة بالأمر /reindex.",
  /** Why an import failed, by ImportError.failure. */
  reasons: {
    "bad-address": "ليس عنوان ويب كاملا. أرسل عنوانا يبدأ بـ https:// أو http://",
    "private-address": "العنوان يشير إلى جهاز محلي أو شبكة خاصة، ولا أجلب إلا من الويب العام.",
    robots: "ملف robots.txt في الموقع لا يسمح للزواحف بجلب هذه الصفحة (أو تعذرت قراءته الآن).",
    "http-status": "أجاب الموقع بخطأ",
    redirects: "الموقع يحوّل العنوان بلا نهاية (حلقة تحويل أو تحويلات كثيرة).",
    "too-large": "حجم الصفحة أكبر من الحد المسموح.",
    "content-type": "ليست صفحة ويب ولا موجز أخبار (ملف PDF أو صورة مثلا).",
    timeout: "لم يُجب الموقع في الوقت المحدد. حاول لاحقا.",
    network: "تعذر الاتصال بالموقع. تحقق من العنوان.",
    "no-article": "لم أجد في الصفحة نص مقال (صفحة رئيسية أو قائمة أخبار؟).",
    "not-arabic": "المقال ليس بالعربية، وأنا أجيب من مقالات عربية.",
    "bad-feed": "ليس موجز RSS أو Atom صالحا (خريطة موقع؟ تُستورد من سطر الأوامر: npm run import -- --sitemap).",
  },
  feedsHeader: "• الموجزات:",
  feedLine: (fields: { address: string; lastReadAt?: string; added: readonly string[]; error?: string }) =>
    [
      `\u200F  – ${fields.address}`,
      `\u200F    آخر قراءة: ${fields.lastReadAt ? `${fields.lastReadAt.slice(0, 16).replace("T", " ")} UTC` : "لم يُقرأ بعد"}` +
        (fields.error ? ` — تعذرت: ${fields.error}` : fields.lastReadAt ? ` — أتى بـ ${fields.added.length} مقال${fields.added.length > 0 ? `: ${fields.added.slice(0, 3).join(" · ")}${fields.added.length > 3 ? " …" : ""}` : ""}` : ""),
    ].join("\n"),
} as const;

/** The command list registered with Telegram (shown in the "/" menu), in Arabic. */
export const BOT_COMMANDS = [
  { command: "start", description: "ترحيب وما أعرفه" },
  { command: "ask", description: "اطرح سؤالا عن المقالات" },
  { command: "sources", description: "المقالات التي أجيب منها" },
  { command: "help", description: "كيف تسألني" },
] as const;

/** Extra commands shown to admins in their private chat with the bot. */
export const ADMIN_COMMANDS = [
  ...BOT_COMMANDS,
  { command: "reindex", description: "إعادة بناء الفهرس من المقالات" },
  { command: "status", description: "حالة الفهرس والتشغيل" },
  { command: "add", description: "استيراد مقال أو موجز من عنوانه" },
] as const;
