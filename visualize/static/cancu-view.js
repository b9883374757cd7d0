/* cancu view page: the network, a search box and filters by kind and province over the vis DataSets.
 *
 * Everything the page shows from the documents comes from the JSON block #cancu-data; tooltip
 * and details HTML ("tip") was escaped by cancu in Python, labels are drawn as plain text.
 * A node is shown when its kind is ticked and its province is chosen (national nodes kept when
 * "Giữ văn bản, cơ quan trung ương" is ticked); a search then keeps the matching nodes (accents
 * and case ignored) and, if asked, their neighbours. An edge is shown when both its ends are.
 * window.cancuView exposes the network, the DataSets, the state and counts() for tests.
 */
(function () {
  "use strict";
  var box = document.getElementById("cancu-network");
  var statusEl = document.getElementById("cancu-status");
  if (typeof vis === "undefined") {
    box.textContent = "Không tải được thư viện vẽ đồ thị (vis-network).";
    return;
  }
  var data = JSON.parse(document.getElementById("cancu-data").textContent);

  function fold(s) {
    return String(s || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase()
      .replace(/[^0-9a-z]+/g, " ").trim();
  }
  function tipElement(html) {  // html was escaped by cancu; scripts set through innerHTML never run
    var div = document.createElement("div");
    div.className = "cancu-tip";
    div.innerHTML = html;
    return div;
  }

  var info = {}, adj = {}, ids = [];
  var nodeItems = data.nodes.map(function (n) {
    info[n.id] = {kind: n.kind, province: n.province || "", search: n.search || "", tip: n.tip || ""};
    adj[n.id] = [];
    ids.push(n.id);
    var item = Object.assign({}, n, {title: tipElement(n.tip || ""), hidden: false});
    delete item.tip; delete item.search; delete item.province; delete item.kind; delete item.focus;
    return item;
  });
  var edgeInfo = {};
  var edgeItems = data.edges.map(function (e) {
    edgeInfo[e.id] = {from: e.from, to: e.to, tip: e.tip || ""};
    if (adj[e.from] && adj[e.to]) { adj[e.from].push(e.to); adj[e.to].push(e.from); }
    var item = Object.assign({}, e, {title: tipElement(e.tip || ""), hidden: false});
    delete item.tip; delete item.rel;
    return item;
  });
  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  var network = new vis.Network(box, {nodes: nodes, edges: edges}, data.options);

  var state = {q: "", neighbours: true, kinds: {}, province: "*", keepNational: true, matches: []};
  var kindBoxes = Array.prototype.slice.call(document.querySelectorAll("input[name=cancu-kind]"));
  kindBoxes.forEach(function (b) { state.kinds[b.value] = b.checked; });

  function baseVisible(id) {
    var n = info[id];
    if (state.kinds[n.kind] === false) return false;
    if (state.province === "*") return true;
    if (n.province === state.province) return true;
    return state.keepNational && n.province === "" && state.province !== "";
  }

  function counts() {
    return {
      nodes: nodes.length, edges: edges.length,
      visibleNodes: nodes.get({filter: function (n) { return !n.hidden; }}).length,
      visibleEdges: edges.get({filter: function (e) { return !e.hidden; }}).length,
      matches: state.matches.length
    };
  }

  function setStatus() {
    var c = counts();
    var text = "Hiển thị " + c.visibleNodes + "/" + c.nodes + " nút, " + c.visibleEdges + "/" + c.edges + " quan hệ";
    if (state.q) {
      text += c.matches ? " · " + c.matches + " kết quả cho “" + state.q + "”" : " · không tìm thấy “" + state.q + "”";
    }
    statusEl.textContent = text;
  }

  function apply(opts) {
    var base = {}, visible = {};
    ids.forEach(function (id) { base[id] = baseVisible(id); });
    var q = fold(state.q);
    if (q) {
      state.matches = ids.filter(function (id) { return base[id] && info[id].search.indexOf(q) !== -1; });
      state.matches.forEach(function (id) {
        visible[id] = true;
        if (state.neighbours) adj[id].forEach(function (m) { if (base[m]) visible[m] = true; });
      });
    } else {
      state.matches = [];
      ids.forEach(function (id) { if (base[id]) visible[id] = true; });
    }
    var nodeUpdates = [], edgeUpdates = [];
    nodes.forEach(function (n) {
      var hide = !visible[n.id];
      if (!!n.hidden !== hide) nodeUpdates.push({id: n.id, hidden: hide});
    });
    edges.forEach(function (e) {
      var hide = !(visible[e.from] && visible[e.to]);
      if (!!e.hidden !== hide) edgeUpdates.push({id: e.id, hidden: hide});
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    network.unselectAll();
    if (state.matches.length) network.selectNodes(state.matches, false);
    var shown = Object.keys(visible);
    if (shown.length && !(opts && opts.noFit)) network.fit({nodes: shown, animation: false});
    setStatus();
    view.applied += 1;
  }

  function showDetails(html) {
    var body = document.getElementById("cancu-details-body");
    body.innerHTML = html;  // escaped by cancu
  }

  var searchBox = document.getElementById("cancu-search");
  var timer = null;
  searchBox.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { state.q = searchBox.value.trim(); apply(); }, 150);
  });
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    clearTimeout(timer);
    state.q = searchBox.value.trim();
    apply();
    if (state.matches.length) {
      network.focus(state.matches[0], {scale: 1.0, animation: false});
      showDetails(info[state.matches[0]].tip);
    }
  });
  searchBox.addEventListener("search", function () {  // the clear (×) button
    clearTimeout(timer); state.q = searchBox.value.trim(); apply();
  });
  document.getElementById("cancu-neighbours").addEventListener("change", function (ev) {
    state.neighbours = ev.target.checked; apply();
  });
  kindBoxes.forEach(function (b) {
    b.addEventListener("change", function () { state.kinds[b.value] = b.checked; apply(); });
  });
  document.getElementById("cancu-province").addEventListener("change", function (ev) {
    state.province = ev.target.value; apply();
  });
  document.getElementById("cancu-keep-national").addEventListener("change", function (ev) {
    state.keepNational = ev.target.checked; apply();
  });
  document.getElementById("cancu-reset").addEventListener("click", function () {
    searchBox.value = ""; state.q = "";
    kindBoxes.forEach(function (b) { b.checked = true; state.kinds[b.value] = true; });
    document.getElementById("cancu-province").value = "*"; state.province = "*";
    document.getElementById("cancu-keep-national").checked = true; state.keepNational = true;
    document.getElementById("cancu-neighbours").checked = true; state.neighbours = true;
    apply();
  });
  document.getElementById("cancu-fit").addEventListener("click", function () { network.fit({animation: false}); });
  network.on("click", function (params) {
    if (params.nodes.length) showDetails(info[params.nodes[0]].tip);
    else if (params.edges.length) showDetails(edgeInfo[params.edges[0]].tip);
  });

  var view = {network: network, nodes: nodes, edges: edges, state: state, counts: counts, apply: apply,
              fold: fold, layout: data.layout, ready: false, applied: 0};
  window.cancuView = view;
  network.once("afterDrawing", function () { view.ready = true; });
  setStatus();
})();
