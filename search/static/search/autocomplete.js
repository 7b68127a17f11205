/* Search box autocomplete: ARIA 1.2 combobox with a listbox popup (progressive enhancement).
 * Without JavaScript the search form works as a plain form. */
(function () {
  "use strict";
  var counter = 0;

  function setup(input) {
    var url = input.getAttribute("data-autocomplete-url");
    if (!url || input.getAttribute("role") === "combobox") { return; }
    counter += 1;
    var listId = "autocomplete-list-" + counter;
    var wrapper = document.createElement("div");
    wrapper.className = "autocomplete";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "autocomplete__list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", document.documentElement.lang === "en" ? "Suggestions" : "Suggesties");
    list.hidden = true;
    wrapper.appendChild(list);
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    wrapper.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var items = [];
    var active = -1;
    var timer = null;
    var lastQuery = "";
    var controller = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      if (index < 0 || !items[index]) { return; }
      window.location.href = items[index].url;
    }

    function render(data) {
      items = Array.isArray(data) ? data : [];
      list.textContent = "";
      items.forEach(function (item, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = item.title;
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { choose(i); });
        list.appendChild(option);
      });
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = items.length + (document.documentElement.lang === "en" ? " suggestions available" : " suggesties beschikbaar");
      } else {
        close();
        status.textContent = "";
      }
      active = -1;
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (q.length < 2) { render([]); lastQuery = q; return; }
      if (q === lastQuery) { return; }
      lastQuery = q;
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      fetch(url + "?q=" + encodeURIComponent(q), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        signal: controller ? controller.signal : undefined
      }).then(function (response) {
        return response.ok ? response.json() : [];
      }).then(render).catch(function () { /* keep the plain search box */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && items.length > 0;
      if (event.key === "ArrowDown") {
        if (!open) { lastQuery = ""; fetchSuggestions(); return; }
        event.preventDefault();
        highlight(active + 1 >= items.length ? 0 : active + 1);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        highlight(active - 1 < 0 ? items.length - 1 : active - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape") {
        if (open) { event.preventDefault(); close(); } else { input.value = ""; }
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 100); });
  }

  function init() {
    document.querySelectorAll("input[data-autocomplete-url]").forEach(setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
