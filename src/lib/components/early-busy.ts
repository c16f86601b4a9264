/**
 * An inline script for the server's page: until the page has hydrated, a change in the filter form it
 * sits in marks every chart busy (`aria-busy`) and dims it, so that a choice made while the page's code
 * still loads shows that an answer is on its way. Once hydrated, the page says so itself. It runs only
 * as the server's HTML is parsed: inserted by the browser later, a script does not run.
 */
export const EARLY_BUSY = `<script>(function (form) {
  form.addEventListener('change', function () {
    if (document.body.dataset.hydrated) return;
    form.setAttribute('aria-busy', 'true');
    document.querySelectorAll('main [aria-busy]').forEach(function (el) { el.setAttribute('aria-busy', 'true'); });
    var main = document.querySelector('main');
    if (main) main.classList.add('waiting');
  });
})(document.currentScript.parentElement);</script>`;
