/**
 * An inline script for the server's page: until the page has hydrated, a change in the filter form it
 * sits in
 * - marks every chart busy (`aria-busy`) and dims it, so that a choice made while the page's code still
 *   loads shows that an answer is on its way;
 * - asks the server connector for the model of that choice at once (the form's `data-model`, its
 *   filled fields added, in sorted order), so that the page finds the answer waiting once hydrated
 *   instead of asking then (src/lib/coordinator/remote.ts takes it, keyed by the same URL).
 * - asks ahead for the model of each option of a menu the pointer or the focus reaches, as the
 *   hydrated page does (`askAhead`), so that a choice made once hydrated finds it waiting
 *   (`window.__vigieAhead`, by the same keys).
 * Once hydrated, the page does all of it itself. It runs only as the server's HTML is parsed: inserted
 * by the browser later, a script does not run.
 */
export const EARLY_CHOICE = `<script>(function (form) {
  // The model's URL for the form's fields, \`select\` (if any) set to \`value\`: sorted, empty fields left out.
  function key(select, value) {
    var url = new URL(form.dataset.model, location.href);
    new FormData(form).forEach(function (v, name) { if (v !== '' && (!select || name !== select.name)) url.searchParams.append(name, v); });
    if (select && value !== '') url.searchParams.append(select.name, value);
    url.searchParams.sort();
    return url.pathname + url.search;
  }
  function ask(url) {
    var response = fetch(url, { headers: { accept: 'application/json' } });
    response.catch(function () {});
    return response;
  }
  function ahead(event) {
    var select = event.target;
    if (document.body.dataset.hydrated || !form.dataset.model || !window.fetch || select.tagName !== 'SELECT') return;
    var held = window.__vigieAhead || (window.__vigieAhead = {});
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].selected) continue;
      var k = key(select, select.options[i].value);
      if (!held[k]) held[k] = { at: Date.now(), response: ask(k) };
    }
  }
  form.addEventListener('pointerover', ahead);
  form.addEventListener('focusin', ahead);
  form.addEventListener('change', function () {
    if (document.body.dataset.hydrated) return;
    form.setAttribute('aria-busy', 'true');
    document.querySelectorAll('main [aria-busy]').forEach(function (el) { el.setAttribute('aria-busy', 'true'); });
    var main = document.querySelector('main');
    if (main) main.classList.add('waiting');
    if (!form.dataset.model || !window.fetch) return;
    var k = key(null);
    window.__vigieEarlyModel = { url: k, response: ask(k) };
  });
})(document.currentScript.parentElement);</script>`;
