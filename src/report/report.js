// Every in-page link must reach its target; then the page says it is fine.
(function () {
  "use strict";
  var broken = [];
  var links = document.querySelectorAll('a[href^="#"]');
  for (var i = 0; i < links.length; i++) {
    var id = decodeURIComponent(links[i].getAttribute("href").slice(1));
    if (!document.getElementById(id)) broken.push(id);
  }
  var body = document.body;
  body.dataset.entities = String(document.querySelectorAll("mark.ent").length);
  if (broken.length) body.dataset.broken = broken.join(" ");
  else body.dataset.ok = "1";
})();
