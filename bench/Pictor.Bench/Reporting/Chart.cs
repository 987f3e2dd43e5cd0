using System.Globalization;
using System.Security;
using System.Text;
using Pictor.Bench.Running;

namespace Pictor.Bench.Reporting;

/// <summary>
/// The results as a PNG for the README: one panel per workload, a bar per contender. Drawn as SVG and
/// rendered by libvips (svgload), so the chart needs nothing beyond what the bench tool already has.
/// </summary>
public static class Chart
{
    private const int Width = 1100;
    private const int Columns = 2;
    private const int PanelWidth = Width / Columns;
    private const int BarHeight = 24;
    private const int BarGap = 8;
    private const int LabelWidth = 110;
    private const int TitleHeight = 60;

    private static readonly Dictionary<string, string> Colours = new()
    {
        [ContenderNames.Pictor] = "#2f6fdb",
        [ContenderNames.Ipx] = "#e8833a",
        [ContenderNames.Nginx] = "#3a9d5d",
        [ContenderNames.Engine] = "#8c8c8c",
    };

    public static void Write(ResultSet results, string pngPath)
    {
        var svg = Svg(results);
        using var image = NetVips.Image.SvgloadBuffer(Encoding.UTF8.GetBytes(svg));
        image.Pngsave(pngPath);
    }

    public static string Svg(ResultSet results)
    {
        var panels = results.Workloads.Where(w => results.ContendersOf(w.Key).Any()).ToList();
        var panelHeight = 44 + panels.Max(w => results.ContendersOf(w.Key).Count()) * (BarHeight + BarGap) + 14;
        var rows = (panels.Count + Columns - 1) / Columns;
        var height = TitleHeight + rows * panelHeight + 10;
        var s = new StringBuilder();
        s.Append(Invariant($"<svg xmlns='http://www.w3.org/2000/svg' width='{Width}' height='{height}' font-family='DejaVu Sans, sans-serif'>"));
        s.Append(Invariant($"<rect width='{Width}' height='{height}' fill='white'/>"));
        s.Append("<text x='20' y='30' font-size='20' font-weight='bold'>Pictor vs ipx (sharp) vs nginx vs the raw NetVips loop</text>");
        s.Append(Invariant($"<text x='20' y='50' font-size='13' fill='#555'>{Environment.ProcessorCount} cores (shared), loopback, wrk; medians of {results.Runs(panels[0].Key, results.ContendersOf(panels[0].Key).First()).Count} round(s). Bars: requests/s (longer is better) or peak RSS (shorter is better); labels add server CPU per request.</text>"));
        for (var i = 0; i < panels.Count; i++)
            Panel(s, results, panels[i], 10 + i % Columns * PanelWidth, TitleHeight + i / Columns * panelHeight);
        s.Append("</svg>");
        return s.ToString();
    }

    private static void Panel(StringBuilder s, ResultSet results, Workload workload, int x, int y)
    {
        var memory = workload.Metric == ChartMetric.PeakRss;
        var values = results.ContendersOf(workload.Key)
            .Select(c => (Contender: c, Value: results.Median(workload.Key, c, r => memory ? r.PeakRssMb : r.PerSecond) ?? 0,
                Cpu: results.Median(workload.Key, c, r => r.CpuMsPerRequest) ?? 0)).ToList();
        var max = Math.Max(1e-9, values.Max(v => v.Value));
        var barSpace = PanelWidth - LabelWidth - 190;
        var title = memory ? $"{workload.Title}: peak RSS" : workload.Title;
        s.Append(Invariant($"<text x='{x + 10}' y='{y + 24}' font-size='14' font-weight='bold'>{Escape(title)}</text>"));
        for (var i = 0; i < values.Count; i++)
        {
            var (contender, value, cpu) = values[i];
            var top = y + 36 + i * (BarHeight + BarGap);
            var length = Math.Max(1, value / max * barSpace);
            s.Append(Invariant($"<text x='{x + 10}' y='{top + 17}' font-size='13'>{Escape(contender)}</text>"));
            s.Append(Invariant($"<rect x='{x + LabelWidth}' y='{top}' width='{length:F1}' height='{BarHeight}' fill='{Colours.GetValueOrDefault(contender, "#444")}'/>"));
            s.Append(Invariant($"<text x='{x + LabelWidth + length + 6:F1}' y='{top + 17}' font-size='13'>{Number(value)}{(memory ? " MB" : "/s")}{(memory ? "" : Cpu(cpu))}</text>"));
        }
    }

    private static string Cpu(double ms) =>
        ms >= 1 ? Invariant($"  ({ms:F1} ms CPU)") : Invariant($"  ({ms * 1000:F0} µs CPU)");

    private static string Number(double v) => v >= 100 ? v.ToString("N0", CultureInfo.InvariantCulture) : v.ToString("F1", CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
