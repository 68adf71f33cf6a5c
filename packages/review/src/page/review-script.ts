/**
 * The script of the review page: plain browser JavaScript, served as
 * `/review.js`. It builds every element with `textContent` (never HTML from
 * data), keeps focus where the person is, and says what was saved in the
 * page's live region. It must not contain a backtick or a dollar-brace: it is
 * kept in a template literal.
 */
export const REVIEW_SCRIPT = String.raw`
(function () {
  'use strict';
  var tokenMeta = document.querySelector('meta[name="kitap-token"]');
  var TOKEN = tokenMeta ? tokenMeta.getAttribute('content') : '';
  var SEVERITY = { error: 'error / ошибка', warning: 'warning / предупреждение', info: 'info / сведения' };
  var DECISION = { merge: 'Merge / Объединить', 'keep-apart': 'Keep apart / Не объединять' };
  // A view shows only the answer to its latest request: an earlier answer arriving late (a slow
  // machine, a filter changed twice quickly) is dropped instead of painting over the newer one.
  var LATEST = { queue: 0, journal: 0, findings: 0 };
  var STATE = { queue: { status: 'all', page: 1 }, journal: { page: 1, rule: '', record: '' }, findings: { page: 1, code: '', severity: '', branch: '', act: '' } };

  function $(id) { return document.getElementById(id); }

  /** Makes an element: attributes (class, text, on*), then children (elements or strings). */
  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'text') el.textContent = String(v);
        else if (k === 'class') el.className = v;
        else if (k.slice(0, 2) === 'on') el.addEventListener(k.slice(2), v);
        else el.setAttribute(k, v === true ? '' : String(v));
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return el;
  }

  function fill(container, nodes) {
    container.replaceChildren.apply(container, nodes.filter(function (n) { return n; }));
  }

  function count(n) { return String(n).replace(/\B(?=(\d{3})+$)/g, '\u202f'); }

  /** 2023-04-19 → 19.04.2023, as dates are written in the acts. */
  function day(iso) { var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso); return m ? m[3] + '.' + m[2] + '.' + m[1] : iso; }

  var announceTimer = null;
  /** Says something in the live region (a repeated message is said again). */
  function announce(text, isError) {
    var region = $('announcer');
    region.classList.toggle('error', !!isError);
    region.textContent = '';
    clearTimeout(announceTimer);
    announceTimer = setTimeout(function () { region.textContent = text; }, 50);
  }

  function query(params) {
    var parts = [];
    Object.keys(params).forEach(function (k) {
      if (params[k] !== '' && params[k] !== null && params[k] !== undefined) parts.push(encodeURIComponent(k) + '=' + encodeURIComponent(params[k]));
    });
    return parts.length ? '?' + parts.join('&') : '';
  }

  function getJson(path) {
    return fetch(path, { headers: { accept: 'application/json' }, credentials: 'same-origin' }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body && body.error ? body.error : 'HTTP ' + r.status);
        return body;
      });
    });
  }

  function postJson(path, body) {
    return fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-kitap-token': TOKEN },
      body: JSON.stringify(body),
    }).then(function (r) {
      return r.json().then(function (answer) {
        if (!r.ok) throw new Error(answer && answer.error ? answer.error : 'HTTP ' + r.status);
        return answer;
      });
    });
  }

  /** What the page says when a file of the folder cannot be shown. */
  function fileProblem(view) {
    if (view.state === 'missing') {
      return h('p', { class: 'notice', 'data-state': 'missing' }, [
        h('code', { text: view.file }), ' is not in the folder: the migration has not reached this step, or stopped before it. ',
        h('span', { lang: 'ru', text: 'Файла нет в папке: миграция не дошла до этого шага или остановилась.' }),
      ]);
    }
    return h('p', { class: 'problem', 'data-state': 'unreadable' }, [
      h('code', { text: view.file }), ' cannot be read / не читается: ' + (view.error || ''),
    ]);
  }

  function failure(container, what, error) {
    fill(container, [h('p', { class: 'problem', role: 'alert', text: what + ': ' + error.message })]);
  }

  function table(caption, headers, rows, attrs) {
    return h('table', attrs || null, [
      caption ? h('caption', { text: caption }) : null,
      h('thead', null, [h('tr', null, headers.map(function (x) { return h('th', { scope: 'col', class: x.num ? 'num' : null, text: x.text || x }); }))]),
      h('tbody', null, rows),
    ]);
  }

  /** Previous / next buttons and where we are; focus stays on a pager button. */
  function pager(nav, page, pages, name, go) {
    if (pages <= 1) { fill(nav, []); return; }
    var prev = h('button', { type: 'button', 'data-go': 'prev', disabled: page <= 1, text: '← Previous / Назад', onclick: function () { go(page - 1, 'prev'); } });
    var next = h('button', { type: 'button', 'data-go': 'next', disabled: page >= pages, text: 'Next / Далее →', onclick: function () { go(page + 1, 'next'); } });
    fill(nav, [prev, h('span', { text: 'Page ' + page + ' of ' + pages + ' / Страница ' + page + ' из ' + pages }), next]);
  }

  function refocusPager(nav, which) {
    var want = nav.querySelector('button[data-go="' + which + '"]');
    if (want && !want.disabled) { want.focus(); return; }
    var other = nav.querySelector('button:not([disabled])');
    if (other) other.focus();
  }

  function fillSelect(select, facets, allLabel, label) {
    var current = select.value;
    var options = [h('option', { value: '', text: allLabel })].concat(facets.map(function (f) {
      return h('option', { value: f.value, text: (label ? label(f.value) : f.value) + ' (' + count(f.count) + ')' });
    }));
    fill(select, options);
    select.value = facets.some(function (f) { return f.value === current; }) ? current : '';
  }

  // ---- overview and ledger ----

  function loadOverview() {
    return getJson('/api/overview').then(function (o) {
      $('dir').textContent = o.dir;
      if (!o.stages.length) {
        fill($('stages'), [h('p', { class: 'notice', text: 'No stage of the migration has run yet. / Ни один этап миграции ещё не выполнен.' })]);
        return;
      }
      fill($('stages'), [h('p', null, ['Stages / Этапы: '].concat(o.stages.map(function (s, i) {
        var done = s.status === 'done';
        return h('span', { class: done ? 'balanced' : 'unbalanced', 'data-stage': s.stage }, [(i ? ' · ' : '') + s.stage + (done ? ' ✓ done / выполнен' : ' … running or stopped / не завершён')]);
      })))]);
    }).catch(function (e) { failure($('stages'), 'The overview cannot be loaded', e); });
  }

  function loadLedger() {
    return getJson('/api/ledger').then(function (v) {
      if (v.state !== 'ok') { fill($('ledger-body'), [fileProblem(v)]); return; }
      var l = v.ledger;
      var ok = l.stagesBalanced && l.balanced !== false;
      var rows = l.stages.map(function (s) {
        var money = s.money ? ' (money in tiyn / сумма в тиынах: ' + count(s.money.in) + ' = ' + count(s.money.out) + ' + ' + count(s.money.rejected) + ' + ' + count(s.money.filtered) + (s.money.balanced ? '' : ' — NOT balanced / НЕ сходится') + ')' : '';
        return h('tr', { 'data-stage': s.stage }, [
          h('th', { scope: 'row', text: s.stage }),
          h('td', { text: s.unit || '' }),
          h('td', { class: 'num', text: count(s.in) }),
          h('td', { class: 'num', text: count(s.out) }),
          h('td', { class: 'num', text: count(s.rejected) }),
          h('td', { class: 'num', text: count(s.filtered) }),
          h('td', { class: s.balanced ? 'balanced' : 'unbalanced', text: s.balanced ? 'yes / да' : 'NO / НЕТ' }),
          h('td', { text: (s.note || '') + money }),
        ]);
      });
      var facts = l.facts.map(function (f) { return h('tr', null, [h('th', { scope: 'row', class: 'mono', text: f.key }), h('td', { text: f.value })]); });
      fill($('ledger-body'), [
        h('p', { class: ok ? 'balanced' : 'unbalanced', 'data-balanced': ok ? 'yes' : 'no', text: ok ? 'Every stage balances: in = out + rejected + filtered. / Баланс сходится на каждом этапе.' : 'The ledger does NOT balance: something was lost. / Баланс НЕ сходится.' }),
        table('Stages: what came in and where it went / Этапы: что поступило и куда ушло', ['Stage / Этап', 'Unit / Единица', { text: 'In / Вход', num: true }, { text: 'Out / Выход', num: true }, { text: 'Rejected / Отклонено', num: true }, { text: 'Filtered / Отсеяно', num: true }, 'Balanced / Сходится', 'Note / Примечание'], rows, { id: 'ledger-stages' }),
        facts.length ? table('Other totals / Прочие итоги', ['Value / Показатель', 'Amount / Значение'], facts, { id: 'ledger-facts' }) : null,
      ]);
    }).catch(function (e) { failure($('ledger-body'), 'The ledger cannot be loaded', e); });
  }

  // ---- the review queue ----

  function describeDecision(item) {
    if (!item.decision) return 'Not decided yet / Не решено';
    return 'Decided / Решено: ' + DECISION[item.decision] + (item.decidedAt ? ' (' + item.decidedAt.slice(0, 16).replace('T', ' ') + ')' : '');
  }

  function member(m) {
    return h('div', { class: 'member', 'data-record': m.number }, [
      h('h4', { text: 'Record / Запись ' + m.number + (m.id ? ' · 001 ' + m.id : '') }),
      h('p', { text: m.title + ' · ' + m.copies + ' ' + (m.copies === 1 ? 'copy' : 'copies') + ' / экз.' }),
      h('pre', null, m.lines.map(function (l) {
        return h('div', { class: l.common ? 'same' : 'differs' }, [l.common ? null : h('span', { class: 'visually-hidden', text: 'differs: ' }), l.text]);
      })),
    ]);
  }

  function reasons(item) {
    if (item.whyText) return [h('pre', { text: item.whyText })];
    return item.pairs.map(function (p) {
      var rows = p.reasons.map(function (r) {
        return h('tr', null, [h('td', { text: r.feature }), h('td', { class: 'num points', text: (r.points > 0 ? '+' : '') + r.points }), h('td', { text: r.detail })]);
      });
      var caption = 'Why records ' + p.a.number + ' and ' + p.b.number + ' look alike: score ' + p.score + ' (' + p.decision + ') / Почему записи похожи';
      return table(caption, ['Feature / Признак', { text: 'Points / Баллы', num: true }, 'What was compared / Что сравнивалось'], rows, { class: 'reasons' });
    });
  }

  function decisionControls(item, headingId) {
    var n = item.position;
    var state = h('span', { class: 'state', id: 'state-' + n, text: describeDecision(item) });
    var note = h('input', { id: 'note-' + n, type: 'text', maxlength: 2000, value: item.note || '' });
    function send(decision, button) {
      var group = button.closest('.decision');
      var buttons = group.querySelectorAll('button');
      buttons.forEach(function (b) { b.disabled = true; });
      postJson('/api/decisions', { key: item.key, decision: decision, note: note.value }).then(function (answer) {
        var fresh = answer.item;
        var article = group.closest('.cluster');
        var replacement = decisionControls(fresh, headingId);
        group.replaceWith(replacement);
        article.setAttribute('data-decision', fresh.decision || '');
        var focus = replacement.querySelector(decision ? 'button[data-decision="' + decision + '"]' : 'button[data-decision="merge"]');
        if (focus) focus.focus();
        showCounts(answer.counts);
        announce(decision
          ? 'Saved: group ' + fresh.position + ' (' + fresh.cluster + ') — ' + DECISION[decision] + '. / Сохранено.'
          : 'Decision taken back: group ' + fresh.position + ' (' + fresh.cluster + ') is undecided again. / Решение отменено.');
      }).catch(function (e) {
        buttons.forEach(function (b) { b.disabled = false; });
        if (!item.decision) group.querySelector('button[data-decision=""]').disabled = true;
        announce('Not saved / Не сохранено: ' + e.message, true);
      });
    }
    function button(decision, label) {
      var pressed = decision !== '' ? String(item.decision === decision) : null;
      var b = h('button', { type: 'button', 'data-decision': decision, 'aria-pressed': pressed, disabled: decision === '' && !item.decision, text: label });
      b.addEventListener('click', function () { send(decision === '' ? null : decision, b); });
      return b;
    }
    return h('div', { class: 'decision', role: 'group', 'aria-labelledby': headingId }, [
      button('merge', DECISION.merge),
      button('keep-apart', DECISION['keep-apart']),
      button('', 'Undo / Отменить решение'),
      h('label', { for: 'note-' + n, text: 'Note (optional) / Примечание' }),
      note,
      state,
    ]);
  }

  function cluster(item, total) {
    var headingId = 'cluster-h-' + item.position;
    return h('article', { class: 'cluster', 'data-key': item.key, 'data-cluster': item.cluster, 'data-decision': item.decision || '', 'aria-labelledby': headingId }, [
      h('h3', { id: headingId, text: 'Group ' + item.position + ' of ' + total + ' · cluster ' + item.cluster + ' · score ' + item.score + ' / Группа ' + item.position + ', сходство ' + item.score }),
      h('div', { class: 'members' }, item.members.map(member)),
      h('details', { open: true }, [h('summary', { text: 'Why they were matched (' + item.pairs.length + ' pairs) / Почему они похожи' })].concat(reasons(item))),
      decisionControls(item, headingId),
    ]);
  }

  var queueTotal = 0;
  function showCounts(c) {
    queueTotal = c.total;
    $('queue-counts').textContent = count(c.total) + ' groups: ' + count(c.undecided) + ' undecided, ' + count(c.merge) + ' to merge, ' + count(c.keepApart) + ' kept apart. / Групп: ' + count(c.total) + '; не решено ' + count(c.undecided) + ', объединить ' + count(c.merge) + ', не объединять ' + count(c.keepApart) + '.';
  }

  function loadQueue(focusPager) {
    var s = STATE.queue;
    var ticket = ++LATEST.queue;
    return getJson('/api/queue' + query({ status: s.status, page: s.page })).then(function (q) {
      if (ticket !== LATEST.queue) return;
      s.page = q.page;
      showCounts(q.counts);
      if (!q.items.length) {
        fill($('queue-body'), [h('p', { class: 'notice', text: q.counts.total ? 'No group matches this choice. / Нет групп с таким решением.' : 'Nothing to review: dedup found no doubtful duplicates (or has not run yet). / Сомнительных дублей нет.' })]);
      } else {
        fill($('queue-body'), q.items.map(function (item) { return cluster(item, queueTotal); }));
      }
      pager($('queue-pager'), q.page, q.pages, 'queue', function (page, which) {
        s.page = page;
        loadQueue(which).then(function () { announce('Duplicates: page ' + s.page + ' / Дубли: страница ' + s.page); });
      });
      if (focusPager) refocusPager($('queue-pager'), focusPager);
    }).catch(function (e) { failure($('queue-body'), 'The review queue cannot be loaded', e); });
  }

  // ---- the journal ----

  function changed(text, part, tag) {
    if (text === null) return h('td', { text: '—' });
    if (!part) return h('td', null, [h('pre', { text: text })]);
    return h('td', null, [h('pre', null, [part.prefix, tag === 'del' ? (part.removed ? h('del', { text: part.removed }) : null) : (part.added ? h('ins', { text: part.added }) : null), part.suffix])]);
  }

  function sectionTitle(s, i) {
    var end = s.end ? '; ' + count(s.end.records) + ' records out / записей на выходе' : '; no end line: cut short / журнал оборван';
    return 'Part ' + (i + 1) + ': ' + s.tool + (s.input ? ' — input / вход ' + s.input : '') + end + '; ' + count(s.entries) + ' entries / записей журнала';
  }

  function loadJournal(focusPager) {
    var s = STATE.journal;
    var ticket = ++LATEST.journal;
    return getJson('/api/journal' + query({ page: s.page, rule: s.rule, record: s.record })).then(function (j) {
      if (ticket !== LATEST.journal) return;
      if (j.state !== 'ok') {
        fill($('journal-sections'), []);
        fill($('journal-body'), [fileProblem(j)]);
        fill($('journal-pager'), []);
        return;
      }
      s.page = j.page;
      fillSelect($('journal-rule'), j.rules.map(function (r) { return { value: r.rule, count: r.count }; }), 'All rules / Все');
      fill($('journal-sections'), [h('ul', null, j.sections.map(function (sec, i) { return h('li', { text: sectionTitle(sec, i) }); }))]);
      var rows = [];
      var last = -1;
      j.entries.forEach(function (e) {
        if (e.section !== last) {
          last = e.section;
          rows.push(h('tr', { class: 'group' }, [h('th', { colspan: 6, scope: 'colgroup', text: sectionTitle(j.sections[e.section], e.section) })]));
        }
        rows.push(h('tr', { 'data-kind': e.kind, 'data-line': e.line }, [
          h('td', { class: 'num', text: e.line }),
          h('td', { text: e.record ? e.record.number + (e.record.id ? ' · 001 ' + e.record.id : '') : '—' }),
          h('td', { class: 'mono', text: e.rule }),
          h('td', { text: e.message }),
          changed(e.before, e.change, 'del'),
          changed(e.after, e.change, 'ins'),
        ]));
      });
      var summary = h('p', { class: 'counts', text: count(j.matching) + ' of ' + count(j.total) + ' entries shown in pages of ' + j.size + ' (' + count(j.lines) + ' lines, ' + count(j.originals) + ' with original record bytes). / Записей журнала: ' + count(j.matching) + ' из ' + count(j.total) + '.' });
      fill($('journal-body'), [summary, rows.length
        ? table(null, [{ text: 'Line / Строка', num: true }, 'Record / Запись', 'Rule / Правило', 'Message / Сообщение', 'Before / Было', 'After / Стало'], rows, { id: 'journal-table' })
        : h('p', { class: 'notice', text: 'No entry matches. / Ничего не найдено.' })]);
      pager($('journal-pager'), j.page, j.pages, 'journal', function (page, which) {
        s.page = page;
        loadJournal(which).then(function () { announce('Journal: page ' + s.page + ' / Журнал: страница ' + s.page); });
      });
      if (focusPager) refocusPager($('journal-pager'), focusPager);
    }).catch(function (e) { failure($('journal-body'), 'The journal cannot be loaded', e); });
  }

  // ---- the findings ----

  function loadFindings(focusPager) {
    var s = STATE.findings;
    var ticket = ++LATEST.findings;
    return getJson('/api/findings' + query({ page: s.page, code: s.code, severity: s.severity, branch: s.branch, act: s.act })).then(function (f) {
      if (ticket !== LATEST.findings) return;
      if (f.state !== 'ok') {
        fill($('findings-counts'), []);
        fill($('findings-body'), [fileProblem(f)]);
        fill($('findings-pager'), []);
        return;
      }
      s.page = f.page;
      fillSelect($('findings-code'), f.facets.code, 'All codes / Все');
      fillSelect($('findings-severity'), f.facets.severity, 'All / Все', function (v) { return SEVERITY[v] || v; });
      fillSelect($('findings-branch'), f.facets.branch, 'All branches / Все', function (v) { return v === '-' ? 'No branch named / Без филиала' : v; });
      fillSelect($('findings-act'), f.facets.act, 'All acts / Все');
      $('findings-counts').textContent = count(f.matching) + ' of ' + count(f.total) + ' findings match. / Замечаний: ' + count(f.matching) + ' из ' + count(f.total) + '.';
      var rows = f.findings.map(function (x) {
        return h('tr', { 'data-code': x.code, 'data-severity': x.severity }, [
          h('td', { class: 'num', text: x.number }),
          h('td', { text: SEVERITY[x.severity] || x.severity }),
          h('td', { class: 'mono', text: x.code }),
          h('td', { text: x.message }),
          h('td', { text: x.branches.join(', ') || '—' }),
          h('td', { text: x.act ? x.act.file + ', № ' + x.act.number + ', ' + day(x.act.date) + (x.line !== null ? ', line / строка ' + x.line : '') : '—' }),
          h('td', { class: 'mono', text: x.inventoryNumber || '—' }),
        ]);
      });
      fill($('findings-body'), [rows.length
        ? table(null, [{ text: 'No. / №', num: true }, 'Severity / Важность', 'Code / Код', 'Finding / Замечание', 'Branch / Филиал', 'Act / Акт', 'Inv. No. / Инв. №'], rows, { id: 'findings-table' })
        : h('p', { class: 'notice', text: 'No finding matches these filters. / Нет замечаний с такими условиями.' })]);
      pager($('findings-pager'), f.page, f.pages, 'findings', function (page, which) {
        s.page = page;
        loadFindings(which).then(function () { announce('Findings: page ' + s.page + ' / Замечания: страница ' + s.page); });
      });
      if (focusPager) refocusPager($('findings-pager'), focusPager);
    }).catch(function (e) { failure($('findings-body'), 'The findings cannot be loaded', e); });
  }

  // ---- wiring ----

  function start() {
    $('queue-filter').addEventListener('submit', function (e) { e.preventDefault(); });
    $('queue-status').addEventListener('change', function () {
      STATE.queue.status = $('queue-status').value;
      STATE.queue.page = 1;
      loadQueue().then(function () { announce('Duplicates shown / Показаны дубли: ' + $('queue-status').selectedOptions[0].textContent); });
    });
    $('journal-filter').addEventListener('submit', function (e) {
      e.preventDefault();
      STATE.journal.rule = $('journal-rule').value;
      STATE.journal.record = $('journal-record').value.trim();
      STATE.journal.page = 1;
      loadJournal().then(function () { announce('Journal filtered / Журнал отфильтрован'); });
    });
    $('journal-rule').addEventListener('change', function () {
      STATE.journal.rule = $('journal-rule').value;
      STATE.journal.page = 1;
      loadJournal();
    });
    $('findings-filter').addEventListener('submit', function (e) { e.preventDefault(); });
    ['code', 'severity', 'branch', 'act'].forEach(function (name) {
      $('findings-' + name).addEventListener('change', function () {
        STATE.findings[name] = $('findings-' + name).value;
        STATE.findings.page = 1;
        loadFindings().then(function () { announce('Findings filtered / Замечания отфильтрованы: ' + $('findings-counts').textContent); });
      });
    });
    Promise.all([loadOverview(), loadLedger(), loadQueue(), loadJournal(), loadFindings()]).then(function () {
      document.body.setAttribute('data-ready', 'yes');
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
`;
