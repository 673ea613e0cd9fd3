// Demo-only helpers (not part of the theme, not part of personalize.js): a small bar showing the
// segments the visitor is in and what each slot decided, plus console helpers to fake the passing
// of time, which is otherwise the one thing you cannot click through in a demo.
//
//   demo.newVisit()   start a new visit (as if 31 minutes passed): visits + 1, "returning"
//   demo.travel(45)   as if the last visit was 45 days ago: "lapsed"
//   demo.reset()      forget the profile, empty the cart, sign out: "first_visit" again
//
// travel() edits the stored profile directly (IndexedDB `p13n` / `profile` / `visitor`, profile
// version 1) and the localStorage snapshot a repeat visit decides from (`p13n:snapshot`): fine for a
// demo, never something a theme should do. Hide the bar with ?demo_bar=0.
(function () {
  'use strict';

  var MINUTE = 60 * 1000;
  var DAY = 24 * 60 * MINUTE;
  var TIME_FIELDS = ['firstSeen', 'lastSeen', 'lastViewAt', 'visitStart', 'previousVisitEnd', 'lastOrderAt'];
  var SNAPSHOT_KEY = 'p13n:snapshot';

  /**
   * personalize.js once it has decided. It is an async script, so it may run after this one: it is
   * there by the window's load event (async scripts of the document delay it), or it is not on the page.
   */
  function p13nReady() {
    return new Promise(function (resolve, reject) {
      function found() {
        var p13n = window.p13n;
        if (!p13n?.ready) return false;
        p13n.ready.then(function () {
          resolve(p13n);
        });
        return true;
      }
      if (found()) return;
      document.addEventListener('p13n:ready', found, { once: true });
      function loaded() {
        if (!found()) reject(new Error('personalize.js is not on this page (run `npm run build`?)'));
      }
      if (document.readyState === 'complete') loaded();
      else window.addEventListener('load', loaded, { once: true });
    });
  }

  function shiftTimes(profile, ms) {
    TIME_FIELDS.forEach(function (field) {
      if (typeof profile[field] === 'number') profile[field] -= ms;
    });
  }

  /** The snapshot the next page decides from, shifted like the stored profile (removed if unreadable). */
  function shiftSnapshot(ms) {
    try {
      var text = localStorage.getItem(SNAPSHOT_KEY);
      if (text === null) return;
      try {
        var snapshot = JSON.parse(text);
        shiftTimes(snapshot, ms);
        localStorage.setItem(SNAPSHOT_KEY, JSON.stringify(snapshot));
      } catch {
        localStorage.removeItem(SNAPSHOT_KEY); // the next page reads IndexedDB instead
      }
    } catch {
      /* storage off: there is no snapshot */
    }
  }

  /** Moves every timestamp of the stored profile `ms` into the past, in one read-write transaction. */
  function shiftStoredProfile(ms) {
    return new Promise(function (resolve, reject) {
      var open = indexedDB.open('p13n');
      open.onerror = function () {
        reject(open.error);
      };
      open.onsuccess = function () {
        var db = open.result;
        if (!db.objectStoreNames.contains('profile')) {
          db.close();
          return reject(new Error('no stored profile yet'));
        }
        var tx = db.transaction('profile', 'readwrite');
        var store = tx.objectStore('profile');
        var get = store.get('visitor');
        get.onsuccess = function () {
          var profile = get.result;
          if (!profile) return;
          shiftTimes(profile, ms);
          store.put(profile, 'visitor');
        };
        tx.oncomplete = function () {
          db.close();
          resolve(get.result);
        };
        tx.onerror = function () {
          db.close();
          reject(tx.error);
        };
      };
    });
  }

  function travelBy(ms) {
    // Let the script's own writes for this page view land first (refresh() resolves after them), then
    // shift, then start a new page view.
    return p13nReady()
      .then(function (p13n) {
        return p13n.refresh();
      })
      .then(function () {
        return shiftStoredProfile(ms);
      })
      .then(function (profile) {
        if (!profile) throw new Error('no stored profile yet (storage off or no consent?)');
        shiftSnapshot(ms);
        location.reload();
      });
  }

  var demo = {
    travel: function (days) {
      return travelBy((Number(days) || 0) * DAY);
    },
    newVisit: function () {
      return travelBy(31 * MINUTE);
    },
    reset: function () {
      try {
        localStorage.removeItem('demo_cart');
      } catch {
        /* storage off */
      }
      document.cookie = 'demo_cart=; Path=/; Max-Age=0; SameSite=Lax';
      return p13nReady()
        .then(function (p13n) {
          return p13n.forget();
        })
        .catch(function () {
          /* no script: still sign out */
        })
        .then(function () {
          location.href = '/account/logout';
        });
    },
  };
  window.demo = demo;

  // ---- the bar ----------------------------------------------------------------------------------

  if (/[?&]demo_bar=0\b/.test(location.search)) return;

  function button(label, title, action) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.title = title;
    b.addEventListener('click', function () {
      action().catch(function (error) {
        alert(String(error?.message || error));
      });
    });
    return b;
  }

  function describe(p13n) {
    var segments = p13n.segments();
    var slots = [];
    p13n.decisions().forEach(function (d) {
      try {
        if (!document.querySelector(d.selector)) return;
      } catch {
        return;
      }
      var which = d.rule ? d.rule + (d.variant ? ' / ' + d.variant : '') : '';
      var what = d.content == null ? (which ? 'default (' + which + ')' : 'default') : which;
      slots.push(d.slot + ' → ' + what);
    });
    return (
      'segments: ' +
      (segments.length ? segments.join(', ') : 'none') +
      (slots.length ? '   ·   ' + slots.join('   ·   ') : '')
    );
  }

  function mount() {
    var style = document.createElement('style');
    style.textContent =
      '.demo-bar{position:fixed;right:12px;bottom:12px;z-index:100;max-width:min(760px,calc(100% - 24px));display:flex;gap:8px;align-items:center;flex-wrap:wrap;' +
      'font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace;background:rgba(20,26,24,.92);color:#e8ece9;padding:8px 10px;border-radius:10px;box-shadow:0 4px 18px rgba(0,0,0,.25)}' +
      '.demo-bar strong{color:#e9a23b}.demo-bar button{font:inherit;background:#33403a;color:#fff;border:0;border-radius:6px;padding:3px 8px;cursor:pointer}' +
      '.demo-bar button:hover{background:#4a5a53}.demo-bar__text{flex:1 1 20em}' +
      // On a phone a floating bar would sit on the hero's button or a price: it joins the page, above the header.
      '@media (max-width:760px){.demo-bar{position:static;max-width:none;border-radius:0;box-shadow:none}}';
    document.head.append(style);
    var bar = document.createElement('div');
    bar.className = 'demo-bar';
    bar.setAttribute('role', 'region');
    bar.setAttribute('aria-label', 'Demo tools');
    var label = document.createElement('strong');
    label.textContent = 'p13n';
    var text = document.createElement('span');
    text.className = 'demo-bar__text';
    text.textContent = 'loading…';
    bar.append(
      label,
      text,
      button('New visit', 'As if 31 minutes passed: demo.newVisit()', demo.newVisit),
      button('+30 days', 'As if the last visit was 30 days ago: demo.travel(30)', function () {
        return demo.travel(30);
      }),
      button('Reset', 'Forget the profile, empty the cart, sign out: demo.reset()', demo.reset),
      button('×', 'Hide this bar', function () {
        bar.remove();
        return Promise.resolve();
      }),
    );
    document.body.prepend(bar);

    p13nReady().then(
      function (p13n) {
        var update = function () {
          var next = describe(p13n);
          if (text.textContent !== next) text.textContent = next;
        };
        update();
        // track() re-decides without an event: a cheap poll keeps the bar current.
        setInterval(update, 1000);
      },
      function (error) {
        text.textContent = String(error.message || error);
      },
    );
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
  else mount();
})();
