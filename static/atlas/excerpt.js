/*
 * A source article's page (geo/view/panel.py inlines this file): scroll the article so the
 * highlighted excerpt is in view. The frame sits in a closed expander (no height) until it
 * is opened, so it scrolls on the first size it gets; only its own window scrolls
 * (scrollIntoView would move the page).
 */
(() => {
  const excerpt = document.getElementById('excerpt');
  let done = false;
  function go() {
    if (done || !excerpt || window.innerHeight < 40) {
      return;
    }
    done = true;
    const top = excerpt.getBoundingClientRect().top + window.scrollY - window.innerHeight / 2;
    window.scrollTo(0, top);
  }
  go();
  window.addEventListener('resize', go);
})();
