/* Suggest similar signals while a professional types (progressive enhancement).
   Without JavaScript the server shows similar signals before the final submit. */
(function () {
  "use strict";
  var form = document.getElementById("signal-form");
  if (!form || !window.fetch) { return; }
  var box = document.getElementById("similar-live");
  var url = form.getAttribute("data-similar-url");
  var fields = form.querySelectorAll("[data-similar-source]");
  var timer = null;
  var last = "";

  function render(results) {
    box.textContent = "";
    if (!results.length) { box.hidden = true; return; }
    var heading = document.createElement("h2");
    heading.className = "utrecht-heading-3";
    heading.textContent = "Lijkt uw signaal op een van deze?";
    var list = document.createElement("ul");
    list.className = "similar-list";
    results.forEach(function (item) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.className = "utrecht-link";
      link.href = item.url;
      link.textContent = item.title;
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = " " + item.reference + " · " + item.status + " · " + item.support_count + " keer herkend";
      li.appendChild(link);
      li.appendChild(meta);
      list.appendChild(li);
    });
    var hint = document.createElement("p");
    hint.className = "utrecht-paragraph meta";
    hint.textContent = "Open een signaal om aan te geven dat u het herkent.";
    box.appendChild(heading);
    box.appendChild(list);
    box.appendChild(hint);
    box.hidden = false;
  }

  function lookup() {
    var text = Array.prototype.map.call(fields, function (f) { return f.value; }).join(" ").trim();
    if (text.length < 8 || text === last) { return; }
    last = text;
    fetch(url + "?q=" + encodeURIComponent(text.slice(0, 1000)), {
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (r) { return r.ok ? r.json() : { results: [] }; })
      .then(function (data) { render(data.results || []); })
      .catch(function () { /* suggestions are optional */ });
  }

  Array.prototype.forEach.call(fields, function (field) {
    field.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(lookup, 400);
    });
  });
})();
