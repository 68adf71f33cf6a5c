/*
 * The page, its script and its stylesheet are TypeScript string modules, not
 * files beside the code: tsc emits them into dist with everything else, so
 * the page is the same whether the server runs from src (vitest) or from the
 * built CLI, with no copy step in the build and no path to find at run time.
 * The script is plain browser JavaScript (no build step for the page).
 */

/** The one HTML page of the review server; the token lets its script post decisions. */
export function reviewPageHtml(options: { token: string }): string {
  if (!/^[0-9a-f]+$/.test(options.token)) throw new Error('the page token must be hexadecimal');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="kitap-token" content="${options.token}">
<title>Migration review — Проверка миграции — kitap</title>
<link rel="stylesheet" href="/review.css">
<script src="/review.js" defer></script>
</head>
<body>
<a class="skip" href="#queue">Skip to the duplicates / Перейти к дублям</a>
<header>
  <h1>Migration review <span lang="ru">· Проверка миграции</span></h1>
  <p>Folder / Папка: <code id="dir">…</code></p>
  <nav aria-label="Sections / Разделы">
    <ul>
      <li><a href="#ledger">Ledger / Баланс</a></li>
      <li><a href="#queue">Duplicates to review / Дубли на проверку</a></li>
      <li><a href="#journal">Clean-up journal / Журнал исправлений</a></li>
      <li><a href="#findings">Audit findings / Замечания сверки</a></li>
    </ul>
  </nav>
</header>
<div id="announcer" class="announcer" role="status" aria-live="polite" aria-atomic="true"></div>
<main>
  <section id="ledger" tabindex="-1" aria-labelledby="ledger-h">
    <h2 id="ledger-h">Ledger <span lang="ru">/ Баланс по этапам</span></h2>
    <div id="stages"></div>
    <div id="ledger-body"><p>Loading… / Загрузка…</p></div>
  </section>

  <section id="queue" tabindex="-1" aria-labelledby="queue-h">
    <h2 id="queue-h">Duplicates to review <span lang="ru">/ Дубли на проверку</span></h2>
    <p class="help">Each group below may be one book catalogued several times. Compare the records, read why they were matched, and decide.
      <span lang="ru">Сравните записи и решите: объединить их или оставить раздельно.</span>
      Decisions are saved at once and applied by the next <code>kitap migrate --from dedup</code>.
      Highlighted lines (<mark class="differs">≠</mark>) differ between the records.</p>
    <form id="queue-filter" class="filters">
      <span class="field"><label for="queue-status">Show / Показать</label> <select id="queue-status" name="status">
        <option value="all">All groups / Все</option>
        <option value="undecided">Undecided / Не решено</option>
        <option value="merge">Merge / Объединить</option>
        <option value="keep-apart">Keep apart / Не объединять</option>
      </select></span>
    </form>
    <p id="queue-counts" class="counts"></p>
    <div id="queue-body"><p>Loading… / Загрузка…</p></div>
    <nav id="queue-pager" class="pager" aria-label="Pages of duplicates / Страницы дублей"></nav>
  </section>

  <section id="journal" tabindex="-1" aria-labelledby="journal-h">
    <h2 id="journal-h">Clean-up journal <span lang="ru">/ Журнал исправлений</span></h2>
    <p class="help">Every change the automatic clean-up and the merge made, record by record, with the field before and after in mnemonic text.</p>
    <form id="journal-filter" class="filters">
      <span class="field"><label for="journal-rule">Rule / Правило</label> <select id="journal-rule" name="rule"><option value="">All rules / Все</option></select></span>
      <span class="field"><label for="journal-record">Record number or 001 / Номер записи или 001</label> <input id="journal-record" name="record" type="search" autocomplete="off" inputmode="search"></span>
      <button type="submit">Show / Показать</button>
    </form>
    <div id="journal-sections"></div>
    <div id="journal-body"><p>Loading… / Загрузка…</p></div>
    <nav id="journal-pager" class="pager" aria-label="Pages of the journal / Страницы журнала"></nav>
  </section>

  <section id="findings" tabindex="-1" aria-labelledby="findings-h">
    <h2 id="findings-h">Audit findings <span lang="ru">/ Замечания сверки с актами</span></h2>
    <form id="findings-filter" class="filters">
      <span class="field"><label for="findings-code">Code / Код</label> <select id="findings-code" name="code"><option value="">All codes / Все</option></select></span>
      <span class="field"><label for="findings-severity">Severity / Важность</label> <select id="findings-severity" name="severity"><option value="">All / Все</option></select></span>
      <span class="field"><label for="findings-branch">Branch / Филиал</label> <select id="findings-branch" name="branch"><option value="">All branches / Все</option></select></span>
      <span class="field"><label for="findings-act">Act file / Файл акта</label> <select id="findings-act" name="act"><option value="">All acts / Все</option></select></span>
    </form>
    <p id="findings-counts" class="counts"></p>
    <div id="findings-body"><p>Loading… / Загрузка…</p></div>
    <nav id="findings-pager" class="pager" aria-label="Pages of findings / Страницы замечаний"></nav>
  </section>
</main>
<footer><p>kitap serve — a local page on this computer only (127.0.0.1). <span lang="ru">Страница открыта только на этом компьютере.</span></p></footer>
</body>
</html>
`;
}
