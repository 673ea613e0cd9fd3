// Northwind Outfitters theme script: the store's own JavaScript, not part of personalize.js.
// A cart in localStorage, GA4 ecommerce events on window.dataLayer (as GA4-ready themes push them),
// and the same events handed to personalize.js through `p13n.track()` when it is on the page.
(function () {
  'use strict';

  var CART_KEY = 'demo_cart';
  var CURRENCY = 'USD';
  window.dataLayer = window.dataLayer || [];

  // ---- helpers --------------------------------------------------------------------------------

  function money(amount) {
    return '$' + Number(amount).toFixed(2);
  }

  function round(amount) {
    return Math.round(amount * 100) / 100;
  }

  /** GA4 recommends clearing the previous ecommerce object before pushing the next event. */
  function pushEcommerce(event, ecommerce) {
    window.dataLayer.push({ ecommerce: null });
    window.dataLayer.push({ event: event, ecommerce: ecommerce });
  }

  /**
   * Tells personalize.js, if it is installed; a missing or failing p13n never breaks the theme.
   * Installed with `<script async>`, it may not have run yet: the call then waits for its `p13n:ready`.
   */
  function p13nTrack(event, params) {
    try {
      var p13n = window.p13n;
      if (p13n && typeof p13n.track === 'function') p13n.track(event, params);
      else
        document.addEventListener(
          'p13n:ready',
          function () {
            p13nTrack(event, params);
          },
          { once: true },
        );
    } catch {
      // The store must keep working whatever the personalization script does.
    }
  }

  function gaItem(line) {
    return {
      item_id: line.id,
      item_name: line.title,
      item_category: line.category,
      price: line.price,
      quantity: line.quantity,
    };
  }

  // ---- cart (localStorage) ----------------------------------------------------------------------

  function readCart() {
    try {
      var cart = JSON.parse(localStorage.getItem(CART_KEY) || 'null');
      if (cart && Array.isArray(cart.items)) return cart;
    } catch {
      // Storage off (private mode) or a corrupt value: start with an empty cart.
    }
    return { items: [] };
  }

  function writeCart(cart) {
    try {
      localStorage.setItem(CART_KEY, JSON.stringify(cart));
    } catch {
      // Storage full or off: the cart lives for this page only.
    }
    // The server's copy, as a Shopify cart lives on the server: /cart.js and p13n-context read it.
    var lines = cart.items.map(function (line) {
      return { h: line.handle, q: line.quantity };
    });
    document.cookie = CART_KEY + '=' + encodeURIComponent(JSON.stringify(lines)) + '; Path=/; SameSite=Lax';
    updateCount(cart);
  }

  function cartTotal(cart) {
    return round(
      cart.items.reduce(function (sum, line) {
        return sum + line.price * line.quantity;
      }, 0),
    );
  }

  function updateCount(cart) {
    var count = (cart || readCart()).items.reduce(function (sum, line) {
      return sum + line.quantity;
    }, 0);
    document.querySelectorAll('[data-cart-count]').forEach(function (el) {
      el.textContent = String(count);
    });
  }

  // ---- product page -----------------------------------------------------------------------------

  function productFrom(form) {
    return {
      id: form.dataset.itemId,
      handle: form.dataset.handle,
      title: form.dataset.title,
      price: Number(form.dataset.price),
      category: form.dataset.category,
      image: form.dataset.image,
    };
  }

  function initProduct(form) {
    var product = productFrom(form);
    pushEcommerce('view_item', {
      currency: CURRENCY,
      value: product.price,
      items: [
        {
          item_id: product.id,
          item_name: product.title,
          item_category: product.category,
          price: product.price,
          quantity: 1,
        },
      ],
    });
    p13nTrack('view_item', { item_id: product.id, item_category: product.category, price: product.price });

    var status = document.querySelector('[data-cart-status]');
    var button = form.querySelector('button[type="submit"]');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var input = form.querySelector('input[name="quantity"]');
      var quantity = Math.min(10, Math.max(1, parseInt(input?.value, 10) || 1));
      var cart = readCart();
      var line = cart.items.filter(function (item) {
        return item.id === product.id;
      })[0];
      if (line) line.quantity += quantity;
      else
        cart.items.push({
          id: product.id,
          handle: product.handle,
          title: product.title,
          price: product.price,
          category: product.category,
          image: product.image,
          quantity: quantity,
        });
      writeCart(cart);

      var value = round(product.price * quantity);
      pushEcommerce('add_to_cart', {
        currency: CURRENCY,
        value: value,
        items: [
          {
            item_id: product.id,
            item_name: product.title,
            item_category: product.category,
            price: product.price,
            quantity: quantity,
          },
        ],
      });
      p13nTrack('add_to_cart', {
        value: value,
        item_id: product.id,
        item_category: product.category,
        price: product.price,
        quantity: quantity,
      });

      if (status) {
        status.innerHTML = '';
        status.append('Added ' + quantity + ' × ' + product.title + ' to your cart. ');
        var link = document.createElement('a');
        link.href = '/cart';
        link.textContent = 'View cart';
        status.append(link);
      }
      if (button) {
        button.textContent = 'Added ✓';
        setTimeout(function () {
          button.textContent = 'Add to cart';
        }, 1500);
      }
    });
  }

  // ---- cart page --------------------------------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function renderCart(root, footer) {
    var cart = readCart();
    root.replaceChildren();
    if (!cart.items.length) {
      var empty = el('div', 'cart__empty');
      empty.append(el('p', '', 'Your cart is empty.'));
      var shop = el('a', 'button', 'Continue shopping');
      shop.href = '/collections/all';
      empty.append(shop);
      root.append(empty);
      if (footer) footer.hidden = true;
      return;
    }
    var list = el('ul', 'cart__lines');
    cart.items.forEach(function (line) {
      var item = el('li', 'cart-line');
      var image = el('img', 'cart-line__image');
      image.src = line.image;
      image.alt = '';
      image.width = 80;
      image.height = 80;
      var info = el('div', 'cart-line__info');
      var title = el('a', 'cart-line__title', line.title);
      title.href = '/products/' + encodeURIComponent(line.handle);
      info.append(title, el('span', 'cart-line__meta', money(line.price) + ' × ' + line.quantity));
      var total = el('span', 'cart-line__total', money(line.price * line.quantity));
      var remove = el('button', 'cart-line__remove', 'Remove');
      remove.type = 'button';
      remove.setAttribute('aria-label', 'Remove ' + line.title);
      remove.addEventListener('click', function () {
        removeLine(line.id, root, footer);
      });
      item.append(image, info, total, remove);
      list.append(item);
    });
    root.append(list);
    var totalEl = document.querySelector('[data-cart-total]');
    if (totalEl) totalEl.textContent = money(cartTotal(cart));
    if (footer) footer.hidden = false;
  }

  function removeLine(id, root, footer) {
    var cart = readCart();
    var line = cart.items.filter(function (item) {
      return item.id === id;
    })[0];
    if (!line) return;
    cart.items = cart.items.filter(function (item) {
      return item.id !== id;
    });
    writeCart(cart);
    var value = round(line.price * line.quantity);
    pushEcommerce('remove_from_cart', { currency: CURRENCY, value: value, items: [gaItem(line)] });
    p13nTrack('remove_from_cart', {
      value: value,
      item_id: line.id,
      item_category: line.category,
      price: line.price,
      quantity: line.quantity,
    });
    renderCart(root, footer);
  }

  function checkout(root, footer) {
    var cart = readCart();
    if (!cart.items.length) return;
    var value = cartTotal(cart);
    var transactionId =
      'T-' + Date.now().toString(36).toUpperCase() + '-' + Math.random().toString(36).slice(2, 6).toUpperCase();
    pushEcommerce('purchase', {
      transaction_id: transactionId,
      currency: CURRENCY,
      value: value,
      shipping: value >= 100 ? 0 : 9,
      items: cart.items.map(gaItem),
    });
    p13nTrack('purchase', { value: value, currency: CURRENCY, transaction_id: transactionId });
    writeCart({ items: [] });
    if (footer) footer.hidden = true;
    var thanks = el('div', 'cart__thanks');
    thanks.append(
      el('h2', '', 'Thank you for your order!'),
      el(
        'p',
        '',
        'Order ' +
          transactionId +
          ' · ' +
          money(value) +
          '. A confirmation is on its way (not really: this is a demo store).',
      ),
    );
    var more = el('a', 'button', 'Keep shopping');
    more.href = '/';
    thanks.append(more);
    root.replaceChildren(thanks);
  }

  function initCart(root) {
    var footer = document.querySelector('[data-cart-footer]');
    renderCart(root, footer);
    var button = document.querySelector('[data-checkout]');
    if (button)
      button.addEventListener('click', function () {
        checkout(root, footer);
      });
  }

  // ---- boot -------------------------------------------------------------------------------------

  /**
   * Signing out: personalize.js remembers the last signed-in state on pages that print no customer
   * (this theme prints one only when signed in), so tell it. The short wait lets its IndexedDB write
   * land before the page is left.
   */
  function initLogout() {
    document.addEventListener('click', function (event) {
      var link = event.target?.closest ? event.target.closest('a[href="/account/logout"]') : null;
      if (
        !link ||
        !window.p13n ||
        event.defaultPrevented ||
        event.button !== 0 ||
        event.metaKey ||
        event.ctrlKey ||
        event.shiftKey
      )
        return;
      event.preventDefault();
      p13nTrack('logout');
      setTimeout(function () {
        location.href = link.href;
      }, 150);
    });
  }

  function init() {
    updateCount();
    initLogout();
    var form = document.querySelector('[data-product-form]');
    if (form) initProduct(form);
    var cartRoot = document.querySelector('[data-cart]');
    if (cartRoot) initCart(cartRoot);
    // Another tab changed the cart.
    window.addEventListener('storage', function (event) {
      if (event.key !== CART_KEY) return;
      updateCount();
      if (cartRoot) renderCart(cartRoot, document.querySelector('[data-cart-footer]'));
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
