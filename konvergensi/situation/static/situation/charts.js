// Aksi 1 charts (ECharts): prevalence bars with 95% intervals, funnel plot with limit lines.
(function () {
  const el = document.getElementById("chart-data");
  if (!el || !window.echarts) return;
  const data = JSON.parse(el.textContent);
  const pct = (v) => (v === null || v === undefined ? "–" : v.toFixed(1).replace(".", ",") + "%");

  const bars = document.getElementById("chart-bars");
  if (bars) {
    const chart = echarts.init(bars);
    chart.setOption({
      grid: { left: 140, right: 30, top: 20, bottom: 30 },
      tooltip: {
        trigger: "axis",
        formatter: (p) => {
          const i = p[0].dataIndex;
          return `${data.labels[i]}<br>${pct(data.values[i])} (IK 95% ${pct(data.lower[i])} – ${pct(data.upper[i])})`;
        },
      },
      xAxis: { type: "value", name: "%", axisLabel: { formatter: (v) => String(v).replace(".", ",") } },
      yAxis: { type: "category", data: data.labels, inverse: true },
      series: [
        {
          type: "bar",
          data: data.values,
          itemStyle: { color: "#1565c0" },
          markLine: {
            symbol: "none",
            data: [{ xAxis: data.pooled, name: "Kabupaten" }],
            label: { formatter: () => "Kabupaten " + pct(data.pooled) },
            lineStyle: { color: "#c62828", type: "dashed" },
          },
        },
        {
          type: "custom",
          renderItem: (params, api) => {
            const y = api.coord([0, api.value(0)])[1];
            const lo = api.coord([api.value(1), 0])[0];
            const hi = api.coord([api.value(2), 0])[0];
            return { type: "line", shape: { x1: lo, y1: y, x2: hi, y2: y }, style: { stroke: "#424242", lineWidth: 1.5 } };
          },
          data: data.labels.map((_, i) => [i, data.lower[i], data.upper[i]]),
          encode: { y: 0, x: [1, 2] },
          z: 10,
        },
      ],
    });
    window.addEventListener("resize", () => chart.resize());
  }

  const funnel = document.getElementById("chart-funnel");
  if (funnel) {
    const chart = echarts.init(funnel);
    const line = (key, type) => ({ type: "line", data: data.lines[key], showSymbol: false, lineStyle: { color: "#424242", type: type, width: 1 }, silent: true });
    chart.setOption({
      grid: { left: 60, right: 30, top: 20, bottom: 50 },
      tooltip: { trigger: "item", formatter: (p) => (p.seriesType === "scatter" ? `${p.data[2]}<br>n = ${p.data[0]}, ${pct(p.data[1])}` : "") },
      xAxis: { type: "value", name: "n (balita diukur)", nameLocation: "middle", nameGap: 30 },
      yAxis: { type: "value", name: "Prevalensi (%)" },
      series: [
        line("upper_95", "dashed"), line("lower_95", "dashed"), line("upper_998", "dotted"), line("lower_998", "dotted"),
        {
          type: "scatter",
          data: data.points,
          symbolSize: 8,
          itemStyle: { color: (p) => (String(p.data[3]).startsWith("above") ? "#c62828" : String(p.data[3]).startsWith("below") ? "#2e7d32" : "#616161") },
          markLine: { symbol: "none", data: [{ yAxis: data.p0 }], lineStyle: { color: "#1565c0" }, label: { formatter: () => "Kabupaten " + pct(data.p0) } },
        },
      ],
    });
    window.addEventListener("resize", () => chart.resize());
  }
})();
