// Progressive enhancement only: every control also works without script.
"use strict";
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", function () {
  // Ticking a facet or choosing a sort order runs the search at once.
  document.querySelectorAll(".autosubmit").forEach(function (el) {
    el.addEventListener("change", function () {
      var form = el.form;
      if (!form) return;
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    });
  });
});
