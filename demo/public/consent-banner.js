// The demo store's consent banner: what a store selling into Europe puts in its theme (or gets from a
// consent app), wired to personalize.js with the one call it needs, `p13n.consent(true | false)`.
// The signed-in demo customers are in Norway (server country NO), where storing a profile needs
// consent: without this banner their visits would never be remembered. Like a real consent tool it
// keeps the shopper's choice itself and tells personalize.js on every page. Not part of personalize.js.
(function () {
  'use strict';

  var KEY = 'demo_consent';

  function savedChoice() {
    try {
      return localStorage.getItem(KEY);
    } catch {
      return null;
    }
  }

  function choose(p13n, granted) {
    try {
      localStorage.setItem(KEY, granted ? 'granted' : 'refused');
    } catch {
      /* storage off: ask again next page */
    }
    p13n.consent(granted);
  }

  function show(p13n) {
    var banner = document.createElement('div');
    banner.className = 'consent-banner';
    banner.setAttribute('role', 'dialog');
    banner.setAttribute('aria-label', 'Cookie consent');
    var text = document.createElement('p');
    text.textContent =
      'We remember your visits on this device to show you offers that fit. Nothing leaves your browser.';
    var accept = document.createElement('button');
    accept.type = 'button';
    accept.className = 'button button--primary';
    accept.textContent = 'Accept';
    var decline = document.createElement('button');
    decline.type = 'button';
    decline.className = 'button';
    decline.textContent = 'Decline';
    banner.append(text, accept, decline);
    document.body.prepend(banner); // first in the page: on a phone it is in the flow (style.css), not over it
    accept.addEventListener('click', function () {
      banner.remove();
      choose(p13n, true);
    });
    decline.addEventListener('click', function () {
      banner.remove();
      choose(p13n, false);
    });
  }

  function start(p13n) {
    if (!p13n?.ready) return;
    var saved = savedChoice();
    if (saved === 'granted' || saved === 'refused') return void p13n.consent(saved === 'granted');
    p13n.ready.then(function () {
      // Not granted by anything else (region, Consent Mode…): ask, unless Global Privacy Control already
      // said no. matches() reads just this attribute; attributes() would compute every one of them.
      var granted;
      try {
        granted = p13n.matches('consent');
      } catch {
        return;
      } // personalization is off on this page
      if (!granted && navigator.globalPrivacyControl !== true) show(p13n);
    });
  }

  // Installed with `<script async>` (the README's install), personalize.js may run after this script:
  // then its `p13n:ready` event is the moment to start.
  if (window.p13n) start(window.p13n);
  else
    document.addEventListener(
      'p13n:ready',
      function () {
        start(window.p13n);
      },
      { once: true },
    );
})();
