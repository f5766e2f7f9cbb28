/* Charts of the measurement analysis pages (ECharts, vendored). Data come from json_script. */
function konvergensiFmt(v, digits) {
  return v === null || v === undefined ? "–" : v.toLocaleString("id-ID", {minimumFractionDigits: digits, maximumFractionDigits: digits});
}

function konvergensiPrevalenceChart(id, d, title) {
  var el = document.getElementById(id);
  if (!el || typeof echarts === "undefined") return;
  var chart = echarts.init(el);
  var errors = d.names.map(function (n, i) { return [i, d.lower[i], d.upper[i]]; })
    .filter(function (e) { return e[1] !== null; });
  chart.setOption({
    title: {text: title, textStyle: {fontSize: 13}},
    grid: {left: 50, right: 20, bottom: 90, top: 40},
    tooltip: {trigger: "axis", formatter: function (p) {
      var i = p[0].dataIndex;
      if (d.values[i] === null) return d.names[i] + ": tidak ada data";
      return d.names[i] + "<br>" + konvergensiFmt(d.values[i], 1) + "% (IK 95% " +
        konvergensiFmt(d.lower[i], 1) + "–" + konvergensiFmt(d.upper[i], 1) + "), n = " + d.n[i].toLocaleString("id-ID");
    }},
    xAxis: {type: "category", data: d.names, axisLabel: {rotate: 45, interval: 0, fontSize: 10}},
    yAxis: {type: "value", name: "%", axisLabel: {formatter: function (v) { return konvergensiFmt(v, 0); }}},
    series: [
      {type: "bar", data: d.values, itemStyle: {color: "#2f6f9f"},
       markLine: d.total === null ? undefined : {symbol: "none", data: [{yAxis: d.total, name: "total"}],
         label: {formatter: "total " + konvergensiFmt(d.total, 1) + "%"}, lineStyle: {type: "dashed", color: "#b33"}}},
      {type: "custom", data: errors, z: 10, renderItem: function (params, api) {
        var x = api.value(0), lo = api.coord([x, api.value(1)]), hi = api.coord([x, api.value(2)]);
        var w = api.size([1, 0])[0] * 0.15;
        var style = {stroke: "#222", lineWidth: 1.2};
        return {type: "group", children: [
          {type: "line", shape: {x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1]}, style: style},
          {type: "line", shape: {x1: lo[0] - w, y1: lo[1], x2: lo[0] + w, y2: lo[1]}, style: style},
          {type: "line", shape: {x1: hi[0] - w, y1: hi[1], x2: hi[0] + w, y2: hi[1]}, style: style}
        ]};
      }}
    ]
  });
  window.addEventListener("resize", function () { chart.resize(); });
}

function konvergensiGrowthChart(id, d, title, yName) {
  var el = document.getElementById(id);
  if (!el || typeof echarts === "undefined") return;
  var chart = echarts.init(el);
  var colours = {"-3": "#000", "-2": "#c0392b", "+0": "#27ae60", "+2": "#c0392b", "+3": "#000"};
  var series = Object.keys(d.curves).map(function (k) {
    return {name: (k === "+0" ? "Median" : k + " SD"), type: "line", showSymbol: false, data: d.curves[k],
            lineStyle: {width: 1, color: colours[k] || "#888"}, itemStyle: {color: colours[k] || "#888"}};
  });
  series.push({name: "Anak", type: "line", data: d.child, symbolSize: 8, lineStyle: {color: "#1f4e79", width: 2}, itemStyle: {color: "#1f4e79"}});
  chart.setOption({
    title: {text: title, textStyle: {fontSize: 13}},
    legend: {bottom: 0},
    grid: {left: 50, right: 20, bottom: 60, top: 40},
    tooltip: {trigger: "item"},
    xAxis: {type: "value", name: "bulan", min: 0, max: 60, interval: 6},
    yAxis: {type: "value", name: yName, scale: true},
    series: series
  });
  window.addEventListener("resize", function () { chart.resize(); });
}
