/*!
 * neglect-chat.js: self-hosted chat widget for the child neglect guidance assistant.
 *
 * Embed with one line:
 *   <script src="https://bot.example.org:8000/widget/neglect-chat.js"
 *           data-endpoint="https://bot.example.org:5005/webhooks/rest/webhook" defer></script>
 *
 * No dependencies, no CDN, no third-party requests. Works under a strict CSP
 * (script-src 'self'; style-src 'self'): the stylesheet neglect-chat.css is loaded
 * from the script's own folder with a <link> element. The script never writes
 * inline styles (no element.style, no style attributes) and never uses innerHTML:
 * every bot string is inserted as text, and the small formatting subset (line
 * breaks, **bold**, "- " bullets, UK phone numbers, http(s) links) is built
 * node by node.
 *
 * Privacy: a random conversation id per browser tab, kept in sessionStorage only.
 * Nothing is written to localStorage or cookies; the transcript is not stored.
 */
(function () {
  'use strict';

  var STORAGE_ID = 'neglectChat.senderId';
  var STORAGE_STARTED = 'neglectChat.started';
  var MAX_CHARS = 2000;
  var COUNTER_FROM = 1800;            // show the character counter from here on
  var REQUEST_TIMEOUT_MS = 45000;

  // The widget's own words. Everything else comes from the bot.
  var T = {
    launcher: 'Worried about a child?',
    title: 'Worried about a child?',
    subtitle: 'Neglect guidance for professionals',
    restart: 'Restart',
    restartLabel: 'Restart conversation',
    close: 'Close chat',
    emergencyLead: 'Child in danger now?',
    emergencyCall: 'Call 999',
    logLabel: 'Conversation',
    you: 'You said: ',
    bot: 'Assistant said: ',
    welcome: 'Hello. I can help you think through a worry that a child may be neglected, ' +
      'and what to do next. Type your question below to start.',
    welcomeBack: 'Welcome back. Your conversation in this tab is still open, ' +
      'so you can carry on where you left off, or choose Restart to begin again.',
    inputLabel: 'Your message',
    hint: 'Please don\u2019t include names or details that could identify a child or family.',
    send: 'Send',
    typing: 'The assistant is replying\u2026',
    unreachable: 'I couldn\u2019t reach the assistant. If a child is in immediate danger, call 999.',
    notSent: ' (not sent)',
    noReply: 'The assistant didn\u2019t reply. You could try saying it another way.',
    suggestions: 'Suggested replies',
    copy: 'Copy summary',
    copied: 'Summary copied.',
    selected: 'Summary selected. Press Ctrl+C (or Cmd+C) to copy it.',
    downloadText: 'Download as text',
    copyPlan: 'Copy plan',
    planCopied: 'Plan copied.',
    planSelected: 'Plan selected. Press Ctrl+C (or Cmd+C) to copy it.',
    downloadMarkdown: 'Download as Markdown (.md)',
    downloadPrefix: 'Download ',
    restarted: 'Conversation restarted.',
    newTab: ' (opens in a new tab)',
    charsLeft: function (n) { return n + (n === 1 ? ' character left' : ' characters left'); }
  };

  // ---------------------------------------------------------------- bootstrap

  var script = document.currentScript ||
    document.querySelector('script[src*="neglect-chat.js"]');
  if (!script || document.querySelector('.nc-root')) { return; }

  var endpoint = resolveEndpoint(script);
  var cssHref = new URL('neglect-chat.css', script.src || location.href).href;

  function resolveEndpoint(s) {
    var raw = s.getAttribute('data-endpoint');
    try {
      var u = new URL(raw || '/webhooks/rest/webhook', s.src || location.href);
      if (u.protocol === 'https:' || u.protocol === 'http:') { return u.href; }
    } catch (e) { /* fall through */ }
    if (window.console) { console.warn('neglect-chat: data-endpoint is missing or not an http(s) URL'); }
    return null;
  }

  // ------------------------------------------------------------ small helpers

  /** Create an element. attrs: plain attributes (never "style"); text: textContent. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) { return; }
        if (k === 'class') { node.className = v; }
        else if (k === 'text') { node.textContent = v; }
        else if (k === 'style') { throw new Error('inline styles are not allowed'); }
        else { node.setAttribute(k, v === true ? '' : String(v)); }
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) { return; }
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  function srOnly(text) { return el('span', { 'class': 'nc-sr-only', text: text }); }

  function storageGet(key) {
    try { return window.sessionStorage.getItem(key); } catch (e) { return null; }
  }
  function storageSet(key, value) {
    try {
      if (value === null) { window.sessionStorage.removeItem(key); }
      else { window.sessionStorage.setItem(key, value); }
    } catch (e) { /* storage blocked: the id then lives in memory only */ }
  }

  function newConversationId() {
    var c = window.crypto;
    if (c && typeof c.randomUUID === 'function') { return c.randomUUID(); }
    var b = new Uint8Array(16);
    c.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;   // version 4
    b[8] = (b[8] & 0x3f) | 0x80;   // RFC 4122 variant
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  function prefersReducedMotion() {
    return !!(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);
  }

  // ------------------------------------------------- safe formatting subset

  var URL_RE = /\bhttps?:\/\/[^\s<>"'`]+/gi;
  // National numbers: 0 or +44 then 9-10 more digits in groups (validated below).
  var NATIONAL_RE = /(^|[^\d+])((?:\+44\s?(?:\(0\)\s?)?|0)\d{2,5}(?:[ \u00a0-]?\d{2,4}){1,3})(?!\d)/g;
  // Short codes: emergency, police non-emergency, NHS 111, Samaritans/Childline style 116 xxx.
  var SHORT_RE = /(^|[^\d.,\u00a3$\u20ac/-])(999|112|111|101|116[ \u00a0]?(?:123|111|000))(?![\d]|[.,]\d)/g;

  function nationalHref(text) {
    var digits = text.replace(/\D/g, '');
    if (text.charAt(0) === '+') { digits = digits.slice(2); }
    digits = digits.replace(/^0/, '');
    if (digits === '8001111') { return 'tel:+448001111'; }   // Childline, 0800 1111
    if (digits.length < 9 || digits.length > 10 || !/^[1235789]/.test(digits)) { return null; }
    return 'tel:+44' + digits;
  }

  /** Find phone numbers in plain text: [{start, end, href}] in order. */
  function findPhones(text) {
    var found = [];
    var m;
    NATIONAL_RE.lastIndex = 0;
    while ((m = NATIONAL_RE.exec(text)) !== null) {
      var start = m.index + m[1].length;
      var candidate = m[2];
      // Greedy grouping can swallow a following number ("... 1004 24 hours"):
      // drop trailing groups until the number is a valid length.
      var href = nationalHref(candidate);
      while (!href) {
        var cut = candidate.search(/[ \u00a0-]\d+$/);
        if (cut <= 0) { break; }
        candidate = candidate.slice(0, cut);
        href = nationalHref(candidate);
      }
      if (href) {
        found.push({ start: start, end: start + candidate.length, href: href });
        NATIONAL_RE.lastIndex = start + candidate.length;
      }
    }
    SHORT_RE.lastIndex = 0;
    while ((m = SHORT_RE.exec(text)) !== null) {
      var s = m.index + m[1].length;
      var e = s + m[2].length;
      var overlaps = found.some(function (f) { return s < f.end && e > f.start; });
      if (!overlaps) { found.push({ start: s, end: e, href: 'tel:' + m[2].replace(/\D/g, '') }); }
    }
    return found.sort(function (a, b) { return a.start - b.start; });
  }

  function appendPhones(parent, text) {
    var pos = 0;
    findPhones(text).forEach(function (p) {
      if (p.start > pos) { parent.appendChild(document.createTextNode(text.slice(pos, p.start))); }
      parent.appendChild(el('a', { href: p.href, 'class': 'nc-tel', text: text.slice(p.start, p.end) }));
      pos = p.end;
    });
    if (pos < text.length) { parent.appendChild(document.createTextNode(text.slice(pos))); }
  }

  function appendLinks(parent, text) {
    var pos = 0;
    var m;
    URL_RE.lastIndex = 0;
    while ((m = URL_RE.exec(text)) !== null) {
      var url = m[0].replace(/[.,;:!?)\]}'"]+$/, '');   // keep sentence punctuation outside the link
      var safe = null;
      try {
        var u = new URL(url);
        if (u.protocol === 'https:' || u.protocol === 'http:') { safe = u.href; }
      } catch (e) { safe = null; }
      if (!safe) { continue; }
      appendPhones(parent, text.slice(pos, m.index));
      parent.appendChild(el('a', {
        href: safe, target: '_blank', rel: 'noopener noreferrer', 'class': 'nc-link'
      }, [url, srOnly(T.newTab)]));
      pos = m.index + url.length;
      URL_RE.lastIndex = pos;
    }
    appendPhones(parent, text.slice(pos));
  }

  function appendInline(parent, line) {
    var parts = line.split(/\*\*(?=\S)(.+?)(?:\*\*)/);
    // split with a capture group: even indexes are plain, odd are bold
    parts.forEach(function (part, i) {
      if (!part) { return; }
      if (i % 2 === 1) {
        var strong = el('strong');
        appendLinks(strong, part);
        parent.appendChild(strong);
      } else {
        appendLinks(parent, part);
      }
    });
  }

  var BULLET_RE = /^\s*(?:-|\u2022)\s+/;

  /** Build a fragment from bot text: paragraphs, line breaks, bullets, bold, links. */
  function renderRich(text) {
    var frag = document.createDocumentFragment();
    var lines = String(text).replace(/\r\n?/g, '\n').split('\n');
    var para = null;
    var list = null;
    lines.forEach(function (line) {
      if (BULLET_RE.test(line)) {
        para = null;
        if (!list) { list = frag.appendChild(el('ul', { 'class': 'nc-list' })); }
        var li = el('li');
        appendInline(li, line.replace(BULLET_RE, ''));
        list.appendChild(li);
        return;
      }
      list = null;
      if (!line.trim()) { para = null; return; }
      if (para) { para.appendChild(el('br')); }
      else { para = frag.appendChild(el('p', { 'class': 'nc-p' })); }
      appendInline(para, line);
    });
    return frag;
  }

  function safeFilename(name, fallback) {
    var n = String(name || '').split(/[\\/]/).pop().replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '');
    return (n || fallback).slice(0, 80);
  }

  // Downloads are plain text or Markdown only, named to match, so no download can be a page
  // (text/html, image/svg+xml) that runs script when opened.
  var DOWNLOAD_EXTENSIONS = { 'text/plain': '.txt', 'text/markdown': '.md' };

  function safeMime(mime) {
    var m = String(mime || '').split(';')[0].trim().toLowerCase();
    return Object.prototype.hasOwnProperty.call(DOWNLOAD_EXTENSIONS, m) ? m : 'text/plain';
  }

  function downloadName(name, mime) {
    return name.replace(/\.[a-z0-9]+$/i, '') + DOWNLOAD_EXTENSIONS[mime];
  }

  // ------------------------------------------------------------------ widget

  function start() {
    var senderId = storageGet(STORAGE_ID);
    if (!senderId) { senderId = newConversationId(); storageSet(STORAGE_ID, senderId); }
    var busy = false;
    var generation = 0;          // bumps on restart so late replies are ignored
    var welcomed = false;
    var blobUrls = [];
    var lastThreshold = null;

    // ---- DOM
    var root = el('div', { 'class': 'nc-root', hidden: true });

    var launcher = el('button', {
      type: 'button', 'class': 'nc-launcher', 'aria-expanded': 'false', 'aria-controls': 'nc-panel'
    }, [chatIcon(), el('span', { 'class': 'nc-launcher-text', text: T.launcher })]);

    var restartBtn = el('button', {
      type: 'button', 'class': 'nc-header-btn nc-restart', 'aria-label': T.restartLabel
    }, [T.restart]);
    var closeBtn = el('button', {
      type: 'button', 'class': 'nc-header-btn nc-close', 'aria-label': T.close
    }, [closeIcon()]);

    var header = el('div', { 'class': 'nc-header' }, [
      el('div', { 'class': 'nc-titles' }, [
        el('h2', { 'class': 'nc-title', id: 'nc-title', text: T.title }),
        el('p', { 'class': 'nc-subtitle', text: T.subtitle })
      ]),
      el('div', { 'class': 'nc-header-actions' }, [restartBtn, closeBtn])
    ]);

    var emergency = el('p', { 'class': 'nc-emergency' }, [
      el('strong', { text: T.emergencyLead + ' ' }),
      el('a', { href: 'tel:999', 'class': 'nc-emergency-link', text: T.emergencyCall })
    ]);

    // role="log" is polite by default; aria-live is stated explicitly for older AT.
    // tabindex="0" so keyboard users can scroll the history even when it has no links.
    var log = el('div', {
      'class': 'nc-log', role: 'log', 'aria-live': 'polite', 'aria-label': T.logLabel, tabindex: '0'
    });

    var status = el('p', { 'class': 'nc-typing', role: 'status' });
    var announcer = el('p', { 'class': 'nc-sr-only', role: 'status', 'aria-live': 'polite' });

    var input = el('textarea', {
      id: 'nc-input', 'class': 'nc-input', rows: '2', maxlength: String(MAX_CHARS),
      'aria-describedby': 'nc-hint nc-counter', autocomplete: 'off', spellcheck: 'true'
    });
    var counter = el('p', { id: 'nc-counter', 'class': 'nc-counter', hidden: true });
    var sendBtn = el('button', { type: 'submit', 'class': 'nc-send' }, [T.send]);
    var form = el('form', { 'class': 'nc-form', novalidate: true }, [
      el('label', { 'for': 'nc-input', 'class': 'nc-sr-only', text: T.inputLabel }),
      el('div', { 'class': 'nc-input-row' }, [input, sendBtn]),
      counter,
      el('p', { id: 'nc-hint', 'class': 'nc-hint', text: T.hint })
    ]);

    // The panel is a NON-modal dialog: staff often read a policy or a referral form on
    // the intranet page while chatting, so focus is not trapped and the page stays
    // usable (hence no aria-modal). role="dialog" + aria-labelledby gives screen reader
    // users a named container they enter when the launcher opens it; Escape closes it
    // and returns focus to the launcher, and the launcher exposes aria-expanded.
    var panel = el('div', {
      id: 'nc-panel', 'class': 'nc-panel', role: 'dialog', 'aria-labelledby': 'nc-title', hidden: true
    }, [header, emergency, log, status, form, announcer]);

    root.appendChild(launcher);
    root.appendChild(panel);
    document.body.appendChild(root);

    // Show the widget once its stylesheet has loaded (no flash of unstyled content);
    // if the stylesheet fails, show it anyway: unstyled but usable.
    var reveal = function () { root.hidden = false; checkLauncher(); };
    var existing = Array.prototype.some.call(document.querySelectorAll('link[rel="stylesheet"]'),
      function (l) { return l.href === cssHref; });
    if (existing) {
      reveal();
    } else {
      var link = el('link', { rel: 'stylesheet', href: cssHref });
      link.addEventListener('load', reveal);
      link.addEventListener('error', reveal);
      (document.head || document.documentElement).appendChild(link);
    }

    // ---- open / close
    function isOpen() { return !panel.hidden; }

    function openPanel() {
      panel.hidden = false;
      root.classList.add('nc-root--open');
      launcher.setAttribute('aria-expanded', 'true');
      if (!welcomed) { showWelcome(); }
      scrollToEnd();
      input.focus();
    }

    function closePanel(returnFocus) {
      panel.hidden = true;
      root.classList.remove('nc-root--open');
      launcher.setAttribute('aria-expanded', 'false');
      if (returnFocus) { launcher.focus(); }
      checkLauncher();
    }

    launcher.addEventListener('click', function () {
      if (isOpen()) { closePanel(true); } else { openPanel(); }
    });
    closeBtn.addEventListener('click', function () { closePanel(true); });

    root.addEventListener('keydown', function (ev) {
      if (ev.key === 'Escape' && isOpen()) {
        ev.preventDefault();
        closePanel(true);
      }
    });

    // Non-modal: if focus is on the page and the open panel covers the focused element,
    // Escape dismisses the panel without moving focus (WCAG 2.4.11).
    document.addEventListener('keydown', function (ev) {
      if (ev.key !== 'Escape' || !isOpen()) { return; }
      var a = document.activeElement;
      if (!a || root.contains(a) || a === document.body) { return; }
      if (overlaps(a.getBoundingClientRect(), panel.getBoundingClientRect())) { closePanel(false); }
    });

    // ---- keep the launcher from hiding the page's focused element (WCAG 2.4.11)
    function overlaps(a, b) {
      return a.width > 0 && a.height > 0 && b.width > 0 && b.height > 0 &&
        a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
    }

    function checkLauncher() {
      launcher.classList.remove('nc-launcher--left', 'nc-launcher--tucked');
      var a = document.activeElement;
      if (root.hidden || !a || a === document.body || root.contains(a)) { return; }
      var r = a.getBoundingClientRect();
      if (!overlaps(r, launcher.getBoundingClientRect())) { return; }
      launcher.classList.add('nc-launcher--left');
      if (!overlaps(r, launcher.getBoundingClientRect())) { return; }
      // Covered in both corners: step aside until focus moves on.
      launcher.classList.remove('nc-launcher--left');
      launcher.classList.add('nc-launcher--tucked');
    }

    var pending = false;
    function scheduleCheck() {
      if (pending) { return; }
      pending = true;
      window.requestAnimationFrame(function () { pending = false; checkLauncher(); });
    }
    document.addEventListener('focusin', scheduleCheck);
    document.addEventListener('focusout', scheduleCheck);
    window.addEventListener('scroll', scheduleCheck, { passive: true });
    window.addEventListener('resize', scheduleCheck, { passive: true });

    // ---- messages
    function scrollToEnd() {
      var top = log.scrollHeight;
      if (typeof log.scrollTo === 'function') {
        log.scrollTo({ top: top, behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
      } else {
        log.scrollTop = top;
      }
    }

    function addToLog(node) {
      log.appendChild(node);
      scrollToEnd();
      return node;
    }

    function botBubble(extraClass) {
      return el('div', { 'class': 'nc-msg nc-msg--bot' + (extraClass ? ' ' + extraClass : '') },
        [srOnly(T.bot)]);
    }

    function showWelcome() {
      welcomed = true;
      var b = botBubble('nc-msg--welcome');
      b.appendChild(renderRich(storageGet(STORAGE_STARTED) ? T.welcomeBack : T.welcome));
      addToLog(b);
    }

    function addUser(text) {
      var b = el('div', { 'class': 'nc-msg nc-msg--user' }, [srOnly(T.you)]);
      var p = el('p', { 'class': 'nc-p nc-user-text', text: text });   // user text: plain, never formatted
      b.appendChild(p);
      return addToLog(b);
    }

    function addError() {
      var b = botBubble('nc-msg--error');
      b.appendChild(renderRich(T.unreachable));
      return addToLog(b);
    }

    // Suggested replies belong to the turn that offered them. Once the assistant has answered
    // something newer they go: an old payload (say "Report a wrong number" from an earlier
    // answer) pressed in the middle of the guided questions would be taken as an answer there.
    function clearQuickReplies() {
      Array.prototype.forEach.call(log.querySelectorAll('.nc-quick'), function (group) { group.remove(); });
    }

    function addQuickReplies(buttons) {
      var valid = (buttons || []).filter(function (b) {
        return b && typeof b.title === 'string' && b.title.trim() && typeof b.payload === 'string';
      });
      if (!valid.length) { return; }
      var group = el('div', { 'class': 'nc-quick', role: 'group', 'aria-label': T.suggestions });
      valid.forEach(function (b) {
        var btn = el('button', { type: 'button', 'class': 'nc-quick-btn', text: b.title });
        btn.addEventListener('click', function () {
          if (busy) { return; }
          var gen = generation;
          group.remove();
          input.focus();
          send(b.payload, b.title).then(function (ok) {
            // On failure offer the same choices again so nothing is lost.
            if (!ok && gen === generation) { addQuickReplies(valid); }
          });
        });
        group.appendChild(btn);
      });
      addToLog(group);
    }

    function blobLink(text, filename, mime, label) {
      var url = URL.createObjectURL(new Blob([text], { type: mime + ';charset=utf-8' }));
      blobUrls.push(url);
      return el('a', { href: url, download: filename, 'class': 'nc-action nc-download', text: label });
    }

    // A card of plain text the user keeps: copy it, or download it (`files`: [text, name, mime, label]).
    function addCard(custom, words, files) {
      var text = String(custom.text || '');
      var b = botBubble('nc-msg--summary');
      if (custom.title) { b.appendChild(el('p', { 'class': 'nc-p nc-card-title' }, [el('strong', { text: String(custom.title) })])); }
      // Focusable (tabindex 0) so keyboard users can scroll a long card (WCAG 2.1.1).
      var body = el('div', { 'class': 'nc-summary-text', text: text, tabindex: '0', role: 'region', 'aria-label': String(custom.title || words.region) });
      var note = el('p', { 'class': 'nc-copy-note', hidden: true });
      var copyBtn = el('button', { type: 'button', 'class': 'nc-action nc-copy', text: words.copy });
      copyBtn.addEventListener('click', function () { copyText(text, body, note, words); });
      b.appendChild(body);
      b.appendChild(el('div', { 'class': 'nc-actions' }, [copyBtn].concat(files.map(function (f) {
        return blobLink(f[0], f[1], f[2], f[3]);
      }))));
      b.appendChild(note);
      addToLog(b);
    }

    // A summary: plain text to download, and Markdown too when the bot sends it (the referral draft).
    function addSummary(custom) {
      var base = safeFilename(custom.title, 'summary').replace(/\.[a-z0-9]+$/i, '');
      var files = [[String(custom.text || ''), base + '.txt', 'text/plain', T.downloadText]];
      if (custom.markdown) { files.push([String(custom.markdown), base + '.md', 'text/markdown', T.downloadMarkdown]); }
      addCard(custom, { region: 'Summary', copy: T.copy, copied: T.copied, selected: T.selected }, files);
    }

    // An action plan: the plain text in the chat, the Markdown only as the downloaded file.
    function addPlan(custom) {
      var name = safeFilename(custom.filename, 'action-plan.md').replace(/\.[a-z0-9]+$/i, '') + '.md';
      addCard(custom, { region: 'Action plan', copy: T.copyPlan, copied: T.planCopied, selected: T.planSelected },
        [[String(custom.markdown || custom.text || ''), name, 'text/markdown', T.downloadMarkdown]]);
    }

    function addDownload(custom) {
      var mime = safeMime(custom.mime);
      var filename = downloadName(safeFilename(custom.filename, 'download.txt'), mime);
      var b = botBubble('nc-msg--download');
      b.appendChild(el('div', { 'class': 'nc-actions' }, [
        blobLink(String(custom.text || ''), filename, mime, T.downloadPrefix + filename)
      ]));
      addToLog(b);
    }

    function showNote(note, text) {
      note.textContent = text;
      note.hidden = false;
      announcer.textContent = text;
    }

    function selectNode(node) {
      var range = document.createRange();
      range.selectNodeContents(node);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    }

    function copyText(text, body, note, words) {
      var fallback = function () {
        selectNode(body);
        var ok = false;
        try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
        showNote(note, ok ? words.copied : words.selected);
      };
      if (navigator.clipboard && typeof navigator.clipboard.writeText === 'function') {
        navigator.clipboard.writeText(text).then(function () { showNote(note, words.copied); }, fallback);
      } else {
        fallback();
      }
    }

    function renderBotMessages(messages) {
      if (!messages.length) {
        var nb = botBubble();
        nb.appendChild(renderRich(T.noReply));
        addToLog(nb);
        return;
      }
      messages.forEach(function (m) {
        if (!m || typeof m !== 'object') { return; }
        if (typeof m.text === 'string' && m.text.trim()) {
          var b = botBubble();
          b.appendChild(renderRich(m.text));
          addToLog(b);
        }
        var c = m.custom;
        if (c && typeof c === 'object') {
          if (c.kind === 'summary') { addSummary(c); }
          else if (c.kind === 'plan') { addPlan(c); }
          else if (c.kind === 'download') { addDownload(c); }
        }
        addQuickReplies(m.buttons);
      });
    }

    // ---- network
    function post(message, sender) {
      var ctrl = typeof AbortController === 'function' ? new AbortController() : null;
      var timer = ctrl ? setTimeout(function () { ctrl.abort(); }, REQUEST_TIMEOUT_MS) : null;
      return fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ sender: sender, message: message }),
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        signal: ctrl ? ctrl.signal : undefined
      }).then(function (res) {
        if (!res.ok) { throw new Error('HTTP ' + res.status); }
        return res.json();
      }).then(function (data) {
        if (!Array.isArray(data)) { throw new Error('unexpected reply'); }
        return data;
      }).finally(function () { if (timer) { clearTimeout(timer); } });
    }

    function setBusy(on) {
      busy = on;
      sendBtn.setAttribute('aria-disabled', on ? 'true' : 'false');
      status.textContent = on ? T.typing : '';
    }

    /** Send a message; resolves true when the bot answered. */
    function send(message, shownText) {
      if (busy) { return Promise.resolve(false); }
      var gen = generation;
      var bubble = addUser(shownText);
      setBusy(true);
      var attempt = endpoint ? post(message, senderId) : Promise.reject(new Error('no endpoint'));
      return attempt.then(function (data) {
        if (gen !== generation) { return false; }
        setBusy(false);
        storageSet(STORAGE_STARTED, '1');
        clearQuickReplies();
        renderBotMessages(data);
        return true;
      }, function () {
        if (gen !== generation) { return false; }
        setBusy(false);
        bubble.classList.add('nc-msg--failed');
        bubble.appendChild(el('span', { 'class': 'nc-failed-note', text: T.notSent }));
        addError();
        return false;
      });
    }

    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var text = input.value.trim();
      if (!text || busy) { return; }
      input.value = '';
      updateCounter();
      send(text, text).then(function (ok) {
        // Keep the user's words if the message didn't go, unless they've typed again.
        if (!ok && !input.value) { input.value = text; updateCounter(); }
      });
    });

    input.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
        ev.preventDefault();
        if (typeof form.requestSubmit === 'function') { form.requestSubmit(); }
        else { form.dispatchEvent(new Event('submit', { cancelable: true })); }
      }
    });

    function updateCounter() {
      var left = MAX_CHARS - input.value.length;
      var show = input.value.length >= COUNTER_FROM;
      counter.hidden = !show;
      counter.classList.toggle('nc-counter--limit', left <= 0);
      counter.textContent = show ? T.charsLeft(left) : '';
      // Announce only at a few thresholds, not on every key press.
      var threshold = left <= 0 ? 0 : left <= 50 ? 50 : left <= 200 ? 200 : null;
      if (threshold !== null && threshold !== lastThreshold) { announcer.textContent = T.charsLeft(left); }
      lastThreshold = threshold;
    }
    input.addEventListener('input', updateCounter);

    // ---- restart
    restartBtn.addEventListener('click', function () {
      var old = senderId;
      if (endpoint) { post('/restart', old).catch(function () { /* new id anyway */ }); }
      generation += 1;
      senderId = newConversationId();
      storageSet(STORAGE_ID, senderId);
      storageSet(STORAGE_STARTED, null);
      blobUrls.forEach(function (u) { URL.revokeObjectURL(u); });
      blobUrls = [];
      setBusy(false);
      while (log.firstChild) { log.removeChild(log.firstChild); }
      input.value = '';
      updateCounter();
      showWelcome();
      announcer.textContent = T.restarted;
      input.focus();
    });
  }

  // ---------------------------------------------------------------- icons

  var SVG_NS = 'http://www.w3.org/2000/svg';
  function svg(pathD, cls) {
    var s = document.createElementNS(SVG_NS, 'svg');
    s.setAttribute('viewBox', '0 0 24 24');
    s.setAttribute('width', '24');
    s.setAttribute('height', '24');
    s.setAttribute('aria-hidden', 'true');
    s.setAttribute('focusable', 'false');
    s.setAttribute('class', cls);
    var p = document.createElementNS(SVG_NS, 'path');
    p.setAttribute('d', pathD);
    p.setAttribute('fill', 'currentColor');
    s.appendChild(p);
    return s;
  }
  function chatIcon() {
    return svg('M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm2 5v2h12V8H6zm0 4v2h8v-2H6z', 'nc-icon');
  }
  function closeIcon() {
    return svg('M18.3 5.7a1 1 0 0 0-1.4 0L12 10.6 7.1 5.7a1 1 0 0 0-1.4 1.4l4.9 4.9-4.9 4.9a1 1 0 1 0 1.4 1.4l4.9-4.9 4.9 4.9a1 1 0 0 0 1.4-1.4L13.4 12l4.9-4.9a1 1 0 0 0 0-1.4z', 'nc-icon');
  }

  // Start last, once every helper above is defined.
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
