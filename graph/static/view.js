/* Khabar's graph view: panel, search, filters, legend, language and colouring.
   Text from articles is only ever put on the page with textContent. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("kb-data").textContent);
  var net = window.network, visNodes = window.nodes, visEdges = window.edges;
  var PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                 "#9c755f", "#bab0ac", "#1b9e77", "#7570b3"];
  var KINDS = ["Person", "Organization", "Place", "Event"];
  var UI = {
    en: {search: "Search names (Arabic or English)", colour: "Colour", byClass: "by class",
         byCommunity: "by community", layer: "Layer", layerDirect: "direct edges", layerEvents: "events",
         layerBoth: "both", fit: "Fit", legend: "Legend", classes: "Classes", relations: "Relations",
         dates: "Dates", from: "from", to: "to", clear: "Clear", freeze: "Freeze layout", unfreeze: "Move again",
         count: "{shown} of {drawn} nodes shown · {total} in the graph", hint: "Click a node or an edge to see its facts.",
         facts: "Facts", relationsH: "Standing relations", alsoCalled: "Also called", links: "Links",
         participants: "Participants", evidence: "Evidence", article: "Article", noMatch: "No match",
         latest: "latest", negated: "did not happen (negated)", quote: "Quote", trigger: "Trigger",
         size: "size: degree centrality", direct: "direct edge (who did what to whom)",
         role: "event participant", community: "community", members: "members", hidden: "hidden by the filters",
         reported: "according to", noDate: "no date", articleDate: "article date"},
    ar: {search: "ابحث عن اسم (بالعربية أو الإنجليزية)", colour: "التلوين", byClass: "حسب الصنف",
         byCommunity: "حسب المجتمع", layer: "الطبقة", layerDirect: "الروابط المباشرة", layerEvents: "الأحداث",
         layerBoth: "كلاهما", fit: "ملاءمة", legend: "مفتاح الرموز", classes: "الأصناف", relations: "العلاقات",
         dates: "التواريخ", from: "من", to: "إلى", clear: "مسح", freeze: "تثبيت التخطيط", unfreeze: "تحريك",
         count: "{shown} من {drawn} عقدة معروضة · {total} في الرسم البياني", hint: "انقر عقدة أو رابطاً لترى وقائعه.",
         facts: "الوقائع", relationsH: "العلاقات الثابتة", alsoCalled: "أسماء أخرى", links: "روابط",
         participants: "المشاركون", evidence: "الدليل", article: "المقال", noMatch: "لا نتائج",
         latest: "الأحدث", negated: "لم يقع (منفي)", quote: "نص التصريح", trigger: "الكلمة الدالة",
         size: "الحجم: مركزية الدرجة", direct: "رابط مباشر (من فعل ماذا بمن)", role: "مشارك في حدث",
         community: "مجتمع", members: "أعضاء", hidden: "مخفية بالمرشحات", reported: "بحسب",
         noDate: "بلا تاريخ", articleDate: "تاريخ المقال"}
  };
  var state = {lang: D.lang, colour: "class", layer: "direct", kinds: {}, rels: {}, from: "", to: "",
               shown: null, frozen: false};
  KINDS.forEach(function (k) { state.kinds[k] = true; });
  Object.keys(D.edges).forEach(function (id) { state.rels[D.edges[id].rel] = true; });

  // helpers -----------------------------------------------------------------------
  function t(key) { return (UI[state.lang] || UI.en)[key] || UI.en[key] || key; }
  function label(key, lang) { var e = D.labels[key] || {}; return e[lang || state.lang] || e.en || e.ar || key; }
  function isEvent(id) { return Object.prototype.hasOwnProperty.call(D.events, id); }
  function info(id) { return D.nodes[id] || D.events[id]; }
  function kindOf(id) { return isEvent(id) ? "Event" : (D.nodes[id] || {}).kind; }
  function name(id, lang) {
    if (isEvent(id)) { return label(D.events[id].cls, lang); }
    var n = D.nodes[id]; if (!n) { return id; }
    return (lang || state.lang) === "en" ? (n.en || n.ar) : (n.ar || n.en);
  }
  function el(tag, cls, text, attrs) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (attrs) { Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); }); }
    return e;
  }
  function arabic(text) { return /[\u0600-\u06ff]/.test(text || ""); }
  function textEl(tag, cls, text) {
    var e = el(tag, cls, text);
    e.setAttribute("dir", "auto");
    if (arabic(text)) { e.setAttribute("lang", "ar"); }
    return e;
  }
  function safeUrl(url) { return /^https?:\/\//i.test(url || "") ? url : null; }
  function link(url, text) {
    var ok = safeUrl(url);
    if (!ok) { return el("span", null, text); }
    var a = el("a", null, text, {target: "_blank", rel: "noopener noreferrer"});
    a.href = ok;
    return a;
  }
  var MAP = {"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627", "\u0649": "\u064a",
             "\u0629": "\u0647", "\u0624": "\u0648", "\u0626": "\u064a"};
  function fold(text) {
    return String(text || "").replace(/[\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed]/g, "")
      .replace(/[\u0623\u0625\u0622\u0671\u0649\u0629\u0624\u0626]/g, function (c) { return MAP[c]; })
      .toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  }
  function span(date) {
    if (!date) { return null; }
    var lo = date.length === 4 ? date + "-01-01" : date.length === 7 ? date + "-01" : date;
    var hi = date.length === 4 ? date + "-12-31" : date.length === 7 ? date + "-31" : date;
    return [lo, hi];
  }
  function inRange(date) {
    if (!state.from && !state.to) { return true; }
    var s = span(date);
    if (!s) { return false; }
    return (!state.from || s[1] >= state.from) && (!state.to || s[0] <= state.to);
  }
  function colourOf(id) {
    if (state.colour === "community") {
      var c = info(id).community || 0;
      return c < PALETTE.length ? PALETTE[c] : "#c1c7cd";
    }
    return D.style[kindOf(id)].color;
  }

  // drawing state ---------------------------------------------------------------------
  function applyFilters() {
    var narrowed = !!(state.from || state.to) || Object.keys(state.rels).some(function (r) { return !state.rels[r]; });
    var edgeOk = {}, eventTarget = {}, degree = {};
    Object.keys(D.edges).forEach(function (id) {
      var e = D.edges[id];
      var layerOk = e.layer === "direct" ? state.layer !== "events" : state.layer !== "direct";
      var ok = layerOk && state.rels[e.rel] && inRange(e.date) && state.kinds[kindOf(e.from)] && state.kinds[kindOf(e.to)];
      edgeOk[id] = ok;
      if (ok && e.layer === "direct" && isEvent(e.to)) { eventTarget[e.to] = true; }
    });
    var nodeOk = {};
    D.order.forEach(function (id) {
      var kind = kindOf(id);
      var ok = !!state.kinds[kind];
      if (ok && kind === "Event") {
        ok = inRange(D.events[id].date) && (state.layer !== "direct" || !!eventTarget[id]);
      }
      nodeOk[id] = ok;
    });
    Object.keys(D.edges).forEach(function (id) {
      var e = D.edges[id];
      edgeOk[id] = edgeOk[id] && nodeOk[e.from] && nodeOk[e.to];
      if (edgeOk[id]) { degree[e.from] = 1; degree[e.to] = 1; }
    });
    if (narrowed) {
      D.order.forEach(function (id) { if (!isEvent(id)) { nodeOk[id] = nodeOk[id] && !!degree[id]; } });
    }
    var shown = 0;
    visNodes.update(D.order.map(function (id) { if (nodeOk[id]) { shown += 1; } return {id: id, hidden: !nodeOk[id]}; }));
    visEdges.update(Object.keys(D.edges).map(function (id) { return {id: id, hidden: !edgeOk[id]}; }));
    state.visible = nodeOk;
    document.getElementById("kb-count").textContent = t("count").replace("{shown}", shown)
      .replace("{drawn}", D.stats.drawn).replace("{total}", D.stats.nodes);
    return shown;
  }

  function restyle() {
    visNodes.update(D.order.map(function (id) {
      var c = colourOf(id);
      return {id: id, label: name(id), color: {background: c, border: shade(c), highlight: {background: c, border: "#1f2933"},
              hover: {background: c, border: "#1f2933"}}};
    }));
    visEdges.update(Object.keys(D.edges).map(function (id) { return {id: id, label: label(D.edges[id].rel)}; }));
  }
  function shade(hex) {
    var n = parseInt(hex.slice(1), 16);
    var f = function (v) { return Math.max(0, Math.round(v * 0.75)); };
    return "#" + [f(n >> 16), f((n >> 8) & 255), f(n & 255)].map(function (v) { return (v < 16 ? "0" : "") + v.toString(16); }).join("");
  }

  // controls -----------------------------------------------------------------------
  function setLang(lang) {
    state.lang = lang === "en" ? "en" : "ar";
    document.documentElement.lang = state.lang;
    var dir = state.lang === "ar" ? "rtl" : "ltr";
    ["mynetwork", "kb-side", "kb-panel", "kb-count"].forEach(function (key) {
      document.getElementById(key).setAttribute("dir", dir);
    });
    document.querySelectorAll("[data-i18n]").forEach(function (e) { e.textContent = t(e.getAttribute("data-i18n")); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach(function (e) {
      e.setAttribute("placeholder", t(e.getAttribute("data-i18n-placeholder")));
    });
    document.getElementById("kb-lang").textContent = state.lang === "ar" ? "English" : "العربية";
    physicsButton();
    restyle();
    buildFilters();
    buildLegend();
    applyFilters();
    if (state.shown) { (isEdge(state.shown) ? showEdge : showNode)(state.shown); } else { hint(); }
  }
  function isEdge(id) { return Object.prototype.hasOwnProperty.call(D.edges, id); }
  function setColour(mode) {
    state.colour = mode === "community" ? "community" : "class";
    document.getElementById("kb-colour").value = state.colour;
    restyle(); buildLegend();
  }
  function setLayer(layer) {
    state.layer = ["direct", "events", "both"].indexOf(layer) >= 0 ? layer : "direct";
    document.getElementById("kb-layer").value = state.layer;
    applyFilters();
  }
  function physicsButton() {
    document.getElementById("kb-physics").textContent = state.frozen ? t("unfreeze") : t("freeze");
  }
  function freeze(on) {
    state.frozen = on;
    net.setOptions({physics: {enabled: !on}});
    physicsButton();
  }

  function checkbox(container, checked, onChange, content, count) {
    var row = el("label");
    var box = el("input", null, null, {type: "checkbox"});
    box.checked = checked;
    box.addEventListener("change", function () { onChange(box.checked); });
    row.appendChild(box);
    content.forEach(function (c) { row.appendChild(c); });
    if (count !== undefined) { row.appendChild(el("span", "kb-n", count)); }
    container.appendChild(row);
  }
  function swatch(kind, colour) {
    var s = el("span", "kb-swatch kb-shape-" + D.style[kind].shape);
    s.style.background = colour; s.style.setProperty("--c", colour);
    return s;
  }
  function buildFilters() {
    var classes = document.getElementById("kb-classes");
    classes.textContent = "";
    var counts = {};
    D.order.forEach(function (id) { var k = kindOf(id); counts[k] = (counts[k] || 0) + 1; });
    KINDS.forEach(function (kind) {
      checkbox(classes, state.kinds[kind], function (on) { state.kinds[kind] = on; applyFilters(); },
               [swatch(kind, D.style[kind].color), el("span", null, label(kind))], counts[kind] || 0);
    });
    var rels = document.getElementById("kb-relations");
    rels.textContent = "";
    var relCount = {};
    Object.keys(D.edges).forEach(function (id) { var r = D.edges[id].rel; relCount[r] = (relCount[r] || 0) + 1; });
    Object.keys(relCount).sort(function (a, b) { return relCount[b] - relCount[a] || (a < b ? -1 : 1); }).forEach(function (rel) {
      checkbox(rels, state.rels[rel], function (on) { state.rels[rel] = on; applyFilters(); },
               [textEl("span", null, label(rel))], relCount[rel]);
    });
  }
  function buildLegend() {
    var legend = document.getElementById("kb-legend");
    legend.textContent = "";
    if (state.colour === "class") {
      KINDS.forEach(function (kind) {
        var row = el("div", "kb-legend-row");
        row.appendChild(swatch(kind, D.style[kind].color));
        row.appendChild(el("span", null, label(kind) + (state.lang === "ar" ? " · " + label(kind, "en") : "")));
        legend.appendChild(row);
      });
    } else {
      var groups = {};
      D.order.forEach(function (id) {
        var c = info(id).community || 0;
        if (!groups[c]) { groups[c] = []; }
        groups[c].push(id);
      });
      Object.keys(groups).map(Number).sort(function (a, b) { return a - b; }).slice(0, PALETTE.length).forEach(function (c) {
        var row = el("div", "kb-legend-row");
        var s = el("span", "kb-swatch kb-shape-dot"); s.style.background = PALETTE[c];
        row.appendChild(s);
        var head = groups[c].filter(function (id) { return !isEvent(id); })[0] || groups[c][0];
        row.appendChild(textEl("span", null, name(head)));
        row.appendChild(el("span", "kb-n", groups[c].length));
        legend.appendChild(row);
      });
    }
    [["kb-line", "direct"], ["kb-line kb-dashed", "role"]].forEach(function (pair) {
      var row = el("div", "kb-legend-row");
      row.appendChild(el("span", pair[0]));
      row.appendChild(el("span", null, t(pair[1])));
      legend.appendChild(row);
    });
    legend.appendChild(el("div", "kb-legend-note", t("size")));
  }

  // search -------------------------------------------------------------------------
  function search(query) {
    var q = fold(query);
    if (!q) { return []; }
    var hits = [];
    D.order.forEach(function (id) {
      if (isEvent(id)) { return; }
      var n = D.nodes[id];
      var forms = [n.ar, n.en].concat(n.alt || []).filter(Boolean).map(fold);
      var rank = forms.indexOf(q) >= 0 ? 0 : forms.some(function (f) { return f.indexOf(q) === 0; }) ? 1 :
        forms.some(function (f) { return f.indexOf(q) >= 0; }) ? 2 : -1;
      if (rank >= 0) { hits.push([rank, -(n.centrality || 0), id]); }
    });
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : 1); });
    return hits.map(function (h) { return h[2]; });
  }
  function showResults(query) {
    var box = document.getElementById("kb-results");
    box.textContent = "";
    if (!fold(query)) { box.hidden = true; return; }
    var hits = search(query).slice(0, 15);
    if (!hits.length) { box.appendChild(el("div", "kb-none", t("noMatch"))); }
    hits.forEach(function (id) {
      var b = el("button", null, null, {type: "button"});
      b.appendChild(textEl("span", null, D.nodes[id].ar));
      if (D.nodes[id].en) { b.appendChild(el("span", "kb-n", " · " + D.nodes[id].en)); }
      b.addEventListener("click", function () { box.hidden = true; select(id); });
      box.appendChild(b);
    });
    box.hidden = false;
  }

  // panel --------------------------------------------------------------------------
  function panel() { var p = document.getElementById("kb-panel-body"); p.textContent = ""; return p; }
  function hint() { state.shown = null; panel().appendChild(el("p", "kb-hint", t("hint"))); }
  function refButton(id) {
    if (!info(id)) { return el("span", null, id); }
    var b = textEl("button", "kb-ref", name(id));
    b.type = "button";
    b.title = name(id, state.lang === "ar" ? "en" : "ar");
    if (D.order.indexOf(id) >= 0) { b.addEventListener("click", function () { select(id); }); }
    else { b.disabled = true; b.style.color = "inherit"; b.style.cursor = "default"; }
    return b;
  }
  function typeBadge(id) {
    var kind = kindOf(id), cls = info(id).cls;
    var text = label(cls) + (state.lang === "ar" ? " · " + label(cls, "en") : "");
    var b = el("span", "kb-type", text);
    b.style.background = D.style[kind].color;
    return b;
  }
  function articleLine(aid) {
    var a = D.articles[aid];
    var line = el("div", "kb-source");
    if (!a) { return line; }
    line.appendChild(el("span", null, t("article") + ": "));
    var title = a.title || a.id || a.iri;
    var target = link(a.url, title);
    target.setAttribute("dir", "auto");
    line.appendChild(target);
    var bits = [a.id && a.title ? a.id : null, a.date, a.source].filter(Boolean);
    if (bits.length) { line.appendChild(el("span", null, " · " + bits.join(" · "))); }
    return line;
  }
  function eventBody(container, eid, self) {
    var ev = D.events[eid];
    var who = el("div", "kb-who");
    ev.participants.forEach(function (p) {
      if (p[1] === self) { return; }
      var item = el("span", "kb-part", null, {dir: "auto"});
      item.appendChild(el("span", null, label(p[0]) + ": "));
      item.appendChild(refButton(p[1]));
      who.appendChild(item);
    });
    if (who.childNodes.length) { container.appendChild(who); }
    if (ev.negated) { container.appendChild(el("div", "kb-neg", t("negated"))); }
    if (ev.quote) { container.appendChild(textEl("div", null, t("quote") + ": «" + ev.quote + "»")); }
    if (ev.reportedBy) { container.appendChild(textEl("div", null, t("reported") + ": " + ev.reportedBy)); }
    if (ev.evidence) {
      var q = el("blockquote", "kb-evidence", ev.evidence, {lang: "ar", dir: "rtl"});
      container.appendChild(q);
    }
    if (ev.article) { container.appendChild(articleLine(ev.article)); }
  }
  function dateText(ev) {
    if (!ev.date) { return t("noDate"); }
    return ev.dated ? ev.date : ev.date + " (" + t("articleDate") + ")";
  }
  function factCard(eid, self) {
    var ev = D.events[eid];
    var card = el("div", "kb-fact");
    card.setAttribute("data-event", eid);
    var head = el("div", "kb-fact-head");
    var kind = el("strong", null, label(ev.cls));
    head.appendChild(kind);
    var mine = ev.participants.filter(function (p) { return p[1] === self; }).map(function (p) { return label(p[0]); });
    if (mine.length) { head.appendChild(el("span", null, "· " + mine.join(", "))); }
    head.appendChild(el("span", null, "· " + dateText(ev)));
    if (D.order.indexOf(eid) >= 0) {
      var open = el("button", "kb-ref", "↗", {type: "button", title: label(ev.cls)});
      open.addEventListener("click", function () { select(eid); });
      head.appendChild(open);
    }
    card.appendChild(head);
    eventBody(card, eid, self);
    return card;
  }
  function showNode(id) {
    var item = info(id);
    if (!item) { hint(); return; }
    state.shown = id;
    var p = panel();
    if (isEvent(id)) {
      p.appendChild(textEl("h2", null, label(item.cls)));
      p.appendChild(typeBadge(id));
      p.appendChild(el("div", "kb-source", dateText(item) + (item.trigger ? " · " + t("trigger") + ": " : "")));
      if (item.trigger) { p.lastChild.appendChild(textEl("span", null, item.trigger)); }
      p.appendChild(el("h4", null, t("participants")));
      var card = el("div", "kb-fact");
      card.setAttribute("data-event", id);
      eventBody(card, id, null);
      p.appendChild(card);
      return;
    }
    p.appendChild(textEl("h2", null, item.ar));
    if (item.en) { p.appendChild(el("div", "kb-en", item.en, {dir: "ltr", lang: "en"})); }
    p.appendChild(typeBadge(id));
    if (item.alt && item.alt.length) {
      p.appendChild(el("h4", null, t("alsoCalled")));
      p.appendChild(textEl("div", "kb-alt", item.alt.join(" ، ")));
    }
    if (item.links && item.links.length) {
      p.appendChild(el("h4", null, t("links")));
      var links = el("div", "kb-links");
      item.links.forEach(function (url) {
        var m = /wikidata\.org\/entity\/(Q\d+)/.exec(url), g = /geonames\.org\/(\d+)/.exec(url);
        links.appendChild(link(url, m ? "Wikidata " + m[1] : g ? "GeoNames " + g[1] : url));
      });
      p.appendChild(links);
    }
    var facts = item.facts || [];
    p.appendChild(el("h4", null, t("facts") + " (" + (facts.length + (item.more || 0)) + ")" +
                     (item.more ? " · " + t("latest") + " " + facts.length : "")));
    facts.forEach(function (eid) { if (D.events[eid]) { p.appendChild(factCard(eid, id)); } });
    if (item.relations && item.relations.length) {
      p.appendChild(el("h4", null, t("relationsH")));
      item.relations.forEach(function (r) {
        var row = el("div", "kb-fact");
        var line = el("div");
        if (r.dir === "out") {
          line.appendChild(el("strong", null, label(r.rel) + " "));
          line.appendChild(refButton(r.other));
        } else {
          line.appendChild(refButton(r.other));
          line.appendChild(el("strong", null, " " + label(r.rel)));
        }
        row.appendChild(line);
        r.articles.forEach(function (aid) { row.appendChild(articleLine(aid)); });
        p.appendChild(row);
      });
    }
    if (state.visible && state.visible[id] === false) { p.appendChild(el("p", "kb-hint", t("hidden"))); }
  }
  function showEdge(id) {
    var e = D.edges[id];
    if (!e) { hint(); return; }
    state.shown = id;
    var p = panel();
    var h = el("h2");
    h.appendChild(refButton(e.from));
    h.appendChild(el("span", null, " → " + label(e.rel) + " → "));
    h.appendChild(refButton(e.to));
    h.setAttribute("dir", "auto");
    p.appendChild(h);
    p.appendChild(el("div", "kb-en", label(e.rel, "en") + (e.date ? " · " + e.date : "")));
    if (e.events.length) { p.appendChild(el("h4", null, t("evidence"))); }
    e.events.forEach(function (eid) { if (D.events[eid]) { p.appendChild(factCard(eid, e.from)); } });
    e.articles.forEach(function (aid) { p.appendChild(articleLine(aid)); });
  }
  function select(id) {
    if (D.order.indexOf(id) < 0) { return false; }
    net.selectNodes([id]);
    net.focus(id, {scale: Math.max(net.getScale(), 1.0), animation: {duration: 300}});
    showNode(id);
    return true;
  }

  // wiring -------------------------------------------------------------------------
  net.on("click", function (params) {
    document.getElementById("kb-results").hidden = true;
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
    else { hint(); }
  });
  var input = document.getElementById("kb-search");
  input.addEventListener("input", function () { showResults(input.value); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var hits = search(input.value); if (hits.length) { select(hits[0]); } document.getElementById("kb-results").hidden = true; }
    if (ev.key === "Escape") { document.getElementById("kb-results").hidden = true; }
  });
  document.getElementById("kb-lang").addEventListener("click", function () { setLang(state.lang === "ar" ? "en" : "ar"); });
  document.getElementById("kb-colour").addEventListener("change", function (ev) { setColour(ev.target.value); });
  document.getElementById("kb-layer").addEventListener("change", function (ev) { setLayer(ev.target.value); });
  document.getElementById("kb-fit").addEventListener("click", function () { net.fit({animation: {duration: 300}}); });
  document.getElementById("kb-physics").addEventListener("click", function () { freeze(!state.frozen); });
  ["kb-from", "kb-to"].forEach(function (key) {
    document.getElementById(key).addEventListener("change", function (ev) {
      state[key === "kb-from" ? "from" : "to"] = ev.target.value; applyFilters();
    });
  });
  document.getElementById("kb-clear-dates").addEventListener("click", function () {
    state.from = state.to = "";
    document.getElementById("kb-from").value = document.getElementById("kb-to").value = "";
    applyFilters();
  });

  var api = {data: D, network: net, nodes: visNodes, edges: visEdges, state: state, showNode: showNode,
             showEdge: showEdge, select: select, search: search, setLang: setLang, setColour: setColour,
             setLayer: setLayer, applyFilters: applyFilters, freeze: freeze, fold: fold, stabilized: false};
  window.khabarView = api;
  net.once("stabilizationIterationsDone", function () {
    freeze(true);
    api.stabilized = true;
    if (D.stats.focus) { select(D.stats.focus); }
  });
  setLang(state.lang);
  if (D.stats.focus) { showNode(D.stats.focus); }
  api.ready = true;
})();
