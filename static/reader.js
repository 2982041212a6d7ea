// reader.js: search, filters, jump links and keyboard navigation for the timeline.
// The pages are complete without it: it only hides events that do not match and moves focus.
// Contract with the templates: each event element carries data-event="ID" and holds a link
// rel="bookmark" to its page; year and month groups carry data-group="year|month"; names under
// an event are .who .actor and .where .place; the page's jump links are nav.jump; an event's
// own page links its neighbours with rel="prev"/"next"; templates/finder.html holds the
// (hidden) search form, which names the build-time index in data-index.
(() => {
  'use strict';
  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
  // fold makes matching ignore case and accents: "Ṣanʿāʾ" finds "sana".
  const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f\u02bc-\u02bf]/g, '').toLowerCase();
  const isField = (el) => !!el && (el.isContentEditable || /^(TEXTAREA|SELECT)$/.test(el.tagName) ||
    (el.tagName === 'INPUT' && !/^(checkbox|radio|button|submit|reset)$/.test(el.type)));

  const items = $$('[data-event]');
  const byId = new Map(items.map((el) => [el.dataset.event, el]));
  const groups = $$('[data-group]');

  // ---- keyboard: roving focus over the events -------------------------------------------
  let current = items[0] || null;
  items.forEach((el) => { el.tabIndex = el === current ? 0 : -1; });

  const shown = () => items.filter((el) => !el.hidden);
  const eventOf = (el) => (el && el.closest ? el.closest('[data-event]') : null);

  function focusEvent(el) {
    if (!el) return;
    if (current && current !== el) current.tabIndex = -1;
    current = el;
    el.tabIndex = 0;
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'nearest' });
  }

  // move focuses the next (+1) or previous (-1) shown event; from outside the list it starts
  // with the first event on screen.
  function move(step) {
    const list = shown();
    if (!list.length) return;
    const at = list.indexOf(eventOf(document.activeElement));
    if (at < 0) {
      const onScreen = list.find((el) => el.getBoundingClientRect().bottom > 0);
      return focusEvent(onScreen || list[0]);
    }
    focusEvent(list[Math.max(0, Math.min(list.length - 1, at + step))]);
  }

  function open(el) {
    const link = $('a[rel~="bookmark"]', el) || $('a[href]', el);
    if (link) link.click();
  }

  document.addEventListener('focusin', (e) => {
    const el = eventOf(e.target);
    if (el && el !== current) {
      if (current) current.tabIndex = -1;
      current = el;
      el.tabIndex = 0;
    }
  });

  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const active = document.activeElement;
    const search = $('#finder-q');
    if (isField(active)) {
      if (active === search && e.key === 'ArrowDown' && search.form && !search.form.hidden) {
        e.preventDefault();
        focusEvent(shown()[0]);
      }
      return;
    }
    const inList = !!eventOf(active);
    switch (e.key) {
      case '/':
        if (search && !search.closest('[hidden]')) {
          e.preventDefault();
          search.focus();
          search.select();
        }
        return;
      case 'j': case 'k': {
        // A page of one event (its own page) moves on to the next or previous event's page.
        const page = items.length <= 1 && $(`a[rel~="${e.key === 'j' ? 'next' : 'prev'}"]`);
        if (!items.length && !page) return;
        e.preventDefault();
        if (page) page.click();
        else move(e.key === 'j' ? 1 : -1);
        return;
      }
      case 'ArrowDown': case 'ArrowUp':
        if (!inList) return; // elsewhere the arrows keep scrolling the page
        e.preventDefault();
        move(e.key === 'ArrowDown' ? 1 : -1);
        return;
      case 'Home': case 'End':
        if (!inList || active !== eventOf(active)) return;
        e.preventDefault();
        focusEvent(e.key === 'Home' ? shown()[0] : shown().pop());
        return;
      case 'Enter':
        if (inList && active === eventOf(active)) {
          e.preventDefault();
          open(active);
        }
    }
  });

  // ---- search and filters ----------------------------------------------------------------
  // The index is fetched only when it is needed: at once for a shared view (?q=...), when the
  // filters are open (wide screens) once the page is idle, else on the first touch of the form.
  const form = $('#finder');
  if (!form || !form.dataset.index || !window.fetch) return;
  const fields = ['q', 'who', 'where', 'src', 'year', 'key'];
  const control = (name) => form.elements[name];
  const status = $('#finder-status');
  const elsewhere = $('#finder-elsewhere');
  const more = $('#finder-more');
  const params = new URLSearchParams(location.search);
  const shared = fields.some((n) => params.get(n));
  const indexURL = new URL(form.dataset.index, location.href);
  let index = null;
  const maxAway = 100; // matches listed from other pages

  // say fills in a status message: the form's data-say-NAME attribute (so that a translated
  // template translates them too), {0} and {1} standing for the numbers.
  const messages = {
    all: 'Showing all {0} events.', none: 'No events match. Try fewer words or clear the filters.',
    some: 'Showing {0} of {1} events.', away: '{0} more on other pages, listed below.',
    found: '{0} events match, listed below.', first: 'The first {0} are listed.',
    failed: 'Search is not available: the index could not be loaded.', on: '({0} on)',
  };
  const say = (name, ...n) => (form.dataset['say' + name[0].toUpperCase() + name.slice(1)] || messages[name])
    .replace(/\{(\d)\}/g, (_, i) => n[i]);

  function fill(select, values, counts) {
    const keep = select.options[0]; // "Anyone", "Any year", …
    select.replaceChildren(keep);
    values.forEach((v, i) => {
      if (counts[i]) select.add(new Option(`${v} (${counts[i]})`, v));
    });
    select.closest('[data-facet]').hidden = select.options.length < 2;
  }

  function count(list, key, size) {
    const n = new Array(size).fill(0);
    for (const e of list) for (const i of e[key]) n[i]++;
    return n;
  }

  function load() {
    if (form.dataset.state) return;
    form.dataset.state = 'loading';
    fetch(indexURL)
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${indexURL}: HTTP ${r.status}`))))
      .then(setup)
      .catch((err) => {
        form.dataset.state = 'failed';
        status.textContent = say('failed');
        console.warn('timeline search:', err.message);
      });
  }

  function setup(data) {
    const name = (list) => (i) => list[i];
    for (const e of data.events) {
      e.y = +e.d.slice(0, 4);
      e.hay = fold([e.t, e.x, e.l, ...e.o.map(name(data.outlets)), ...e.w.map(name(data.who)),
        ...e.p.map(name(data.where)), ...e.s.map(name(data.sources))].join('\n'));
    }
    fill(control('who'), data.who, count(data.events, 'w', data.who.length));
    fill(control('where'), data.where, count(data.events, 'p', data.where.length));
    fill(control('src'), data.sources, count(data.events, 's', data.sources.length));
    const years = [...new Set(data.events.map((e) => e.y))].filter((y) => y > 0).sort((a, b) => a - b);
    fill(control('year'), years.map(String), years.map((y) => data.events.filter((e) => e.y === y).length));
    control('key').closest('[data-facet]').hidden = !data.events.some((e) => e.k >= 2);
    // Restore the filters of a shared view, now that the lists have their values.
    for (const name of fields) {
      const el = control(name);
      const v = params.get(name);
      if (v === null || name === 'q') continue;
      if (el.type === 'checkbox') el.checked = v === '1';
      else if ($$('option', el).some((o) => o.value === v)) el.value = v;
    }
    if (pending) choose(...pending);
    index = data;
    form.dataset.state = 'ready';
    apply(fields.some((n) => state()[n]));
  }

  // The names under each event (who, where) become buttons that filter on them.
  let pending = null;
  function choose(name, value) {
    const select = control(name);
    if (!$$('option', select).some((o) => o.value === value)) return;
    select.value = value;
    if (more) more.open = true;
  }
  for (const [sel, name] of [['.who .actor', 'who'], ['.where .place', 'where']]) {
    for (const span of $$(`[data-event] ${sel}`)) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'facet-link';
      b.dataset.facet = name;
      b.textContent = span.textContent;
      b.title = `Show only the events with ${span.textContent}`;
      span.replaceChildren(b);
    }
  }
  document.addEventListener('click', (e) => {
    const b = e.target.closest && e.target.closest('button.facet-link');
    if (!b) return;
    if (!index) {
      pending = [b.dataset.facet, b.textContent];
      return load();
    }
    choose(b.dataset.facet, b.textContent);
    apply();
  });

  control('q').value = params.get('q') || '';
  form.hidden = false;
  if (more && (matchMedia('(min-width: 48em)').matches || fields.some((n) => n !== 'q' && params.get(n)))) more.open = true;
  if (shared) load();
  else if (more && more.open) (window.requestIdleCallback || setTimeout)(load);
  form.addEventListener('focusin', load);
  form.addEventListener('pointerdown', load);
  if (more) more.addEventListener('toggle', load);

  function state() {
    const s = {};
    for (const name of fields) {
      const el = control(name);
      s[name] = el.type === 'checkbox' ? (el.checked ? '1' : '') : el.value.trim();
    }
    return s;
  }

  function matcher(s) {
    const terms = fold(s.q).split(/\s+/).filter(Boolean);
    const pos = (list, v) => list.indexOf(v);
    const who = s.who ? pos(index.who, s.who) : -1;
    const where = s.where ? pos(index.where, s.where) : -1;
    const src = s.src ? pos(index.sources, s.src) : -1;
    return (e) => (!s.key || e.k >= 2) && (!s.year || String(e.y) === s.year) &&
      (who < 0 || e.w.includes(who)) && (where < 0 || e.p.includes(where)) &&
      (src < 0 || e.s.includes(src)) && terms.every((t) => e.hay.includes(t));
  }

  // apply shows the matching events, hides the rest and empty groups, updates the status line
  // and keeps the view in the URL. announce is false on a plain page load.
  let applied = '';
  function apply(announce = true) {
    const s = state();
    // A search field fires "change" again when it loses focus: redoing the same view would
    // rebuild the list of matches under the reader's keyboard focus.
    const key = JSON.stringify(s);
    if (key === applied) return;
    applied = key;
    const active = fields.some((n) => s[n]);
    const ok = matcher(s);
    let onPage = 0;
    const away = [];
    const known = new Set();
    for (const e of index.events) {
      const el = byId.get(e.id);
      const hit = !active || ok(e);
      if (el) {
        known.add(e.id);
        el.hidden = !hit;
        if (hit) onPage++;
      } else if (hit && active) {
        away.push(e);
      }
    }
    // Events the index does not know (an overridden template, say) match only an empty query.
    for (const [id, el] of byId) if (!known.has(id)) el.hidden = active;
    for (const g of groups) g.hidden = !$$('[data-event]', g).some((el) => !el.hidden);
    if (current && current.hidden && shown().length) {
      // Keep one shown event in the tab order.
      current.tabIndex = -1;
      current = shown()[0];
      current.tabIndex = 0;
    }

    showElsewhere(away);
    syncJumps();
    highlight(fold(s.q).split(/\s+/).filter(Boolean));
    $('#finder-reset').hidden = !active;
    const on = fields.filter((n) => n !== 'q' && s[n]).length;
    $('#finder-active').textContent = on ? say('on', on) : '';
    if (announce) {
      const total = byId.size;
      const parts = !active ? [say('all', total)] : onPage + away.length === 0 ? [say('none')] : [
        total && say('some', onPage, total), away.length && say(total ? 'away' : 'found', away.length),
        away.length > maxAway && say('first', maxAway)];
      status.textContent = parts.filter(Boolean).join(' ');
    }
    const params = new URLSearchParams(location.search);
    for (const name of fields) {
      if (s[name]) params.set(name, s[name]); else params.delete(name);
    }
    const qs = params.toString();
    const url = location.pathname + (qs ? '?' + qs : '') + location.hash;
    if (url !== location.pathname + location.search + location.hash) history.replaceState(history.state, '', url);
  }

  // permalink is an event's page by the index's URL pattern (render.expandURLPattern).
  function permalink(e) {
    const month = e.d && e.d.length >= 7 ? e.d.slice(0, e.d.length - 3) : 'undated';
    return index.url.replaceAll('{month}', month).replaceAll('{id}', e.id);
  }

  // showElsewhere lists matches that live on other pages (timelines split by year).
  function showElsewhere(list) {
    if (!elsewhere) return;
    const ul = $('ul', elsewhere);
    ul.replaceChildren(...list.slice(0, maxAway).map((e) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = new URL(e.u || permalink(e), indexURL).href;
      a.textContent = e.t;
      li.append(`${e.l}: `, a);
      return li;
    }));
    elsewhere.hidden = list.length === 0;
  }

  // highlight paints the search words in the events shown, through the CSS Custom Highlight API
  // (nothing in the page changes; browsers without it simply show no highlight).
  function highlight(terms) {
    if (!window.CSS || !CSS.highlights || !window.Highlight) return;
    const ranges = [];
    for (const el of terms.length ? shown() : []) {
      const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walk.nextNode(); node; node = walk.nextNode()) {
        const text = fold(node.data);
        if (text.length !== node.data.length) continue; // folding moved the offsets
        for (const t of terms) {
          for (let i = text.indexOf(t); i >= 0; i = text.indexOf(t, i + t.length)) {
            const r = new Range();
            r.setStart(node, i);
            r.setEnd(node, i + t.length);
            ranges.push(r);
          }
        }
      }
      if (ranges.length > 2000) break;
    }
    if (ranges.length) CSS.highlights.set('timeline-search', new Highlight(...ranges));
    else CSS.highlights.delete('timeline-search');
  }

  // syncJumps hides the page's jump links to years and months that have no event shown.
  function syncJumps() {
    for (const a of $$('nav.jump a[href^="#"]')) {
      const g = document.getElementById(decodeURIComponent(a.hash.slice(1)));
      if (!g || !g.dataset.group) continue;
      (g.dataset.group === 'year' ? a.closest('li') || a : a).hidden = g.hidden;
    }
  }

  // Filtering even a thousand events takes a few milliseconds: do it on every keystroke.
  const changed = () => (index ? apply() : load());
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    focusEvent(shown()[0]);
  });
  $('#finder-reset').addEventListener('click', (e) => {
    e.preventDefault();
    form.reset();
    apply();
    control('q').focus();
  });
})();
