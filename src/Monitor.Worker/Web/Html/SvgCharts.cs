using System.Globalization;
using System.Text;

namespace Monitor.Worker.Web.Html;

/// <summary>One line of a line chart, or one band of a stacked bar chart.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values);

/// <summary>
/// Charts drawn on the server as SVG: no script, nothing fetched, colours as presentation
/// attributes (the CSP allows no inline style). Each chart carries a title for screen readers and a
/// legend in HTML beside it.
/// </summary>
public static class SvgCharts
{
    public static readonly string[] Palette = ["#1b6ca8", "#c0392b", "#b7791f", "#00798c", "#4d7c0f", "#7b4fa0", "#2e4057", "#b5476b"];

    private static readonly double[] NiceSteps = [1, 2, 4, 8, 10];

    private const int Width = 720;
    private const int Height = 240;
    private const int Left = 64;
    private const int Right = 12;
    private const int Top = 12;
    private const int Bottom = 36;

    /// <summary>Lines over categories (days, ages); a null value breaks its line.</summary>
    public static void Lines(HtmlBuilder html, string title, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series, Func<double, string> formatValue)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(series);
        var max = series.SelectMany(s => s.Values).OfType<double>().DefaultIfEmpty(0).Max();
        var top = NiceCeiling(max);
        Frame(html, title, top, formatValue);
        var plotWidth = Width - Left - Right;
        double X(int i) => labels.Count <= 1 ? Left + (plotWidth / 2.0) : Left + (plotWidth * i / (double)(labels.Count - 1));
        Labels(html, labels, X);
        for (var s = 0; s < series.Count; s++)
        {
            var colour = Palette[s % Palette.Length];
            var segment = new StringBuilder();
            for (var i = 0; i < series[s].Values.Count && i < labels.Count; i++)
            {
                if (series[s].Values[i] is not { } value)
                {
                    Polyline(html, segment, colour, s);
                    continue;
                }

                segment.Append(Invariant(X(i))).Append(',').Append(Invariant(Y(value, top))).Append(' ');
                html.Raw($"<circle cx=\"{Invariant(X(i))}\" cy=\"{Invariant(Y(value, top))}\" r=\"2.5\" fill=\"{colour}\"/>");
            }

            Polyline(html, segment, colour, s);
        }

        html.Raw("</svg>");
        Legend(html, series.Select(s => s.Name).ToList());
    }

    /// <summary>One bar per category, stacked by series.</summary>
    public static void StackedBars(HtmlBuilder html, string title, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series, Func<double, string> formatValue)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(series);
        var totals = labels.Select((_, i) => series.Sum(s => i < s.Values.Count ? s.Values[i] ?? 0 : 0)).ToList();
        var top = NiceCeiling(totals.DefaultIfEmpty(0).Max());
        Frame(html, title, top, formatValue);
        var plotWidth = Width - Left - Right;
        var slot = plotWidth / (double)Math.Max(1, labels.Count);
        var barWidth = Math.Max(2, slot * 0.6);
        double X(int i) => Left + (slot * i) + (slot / 2);
        Labels(html, labels, X);
        for (var i = 0; i < labels.Count; i++)
        {
            double below = 0;
            for (var s = 0; s < series.Count; s++)
            {
                var value = i < series[s].Values.Count ? series[s].Values[i] ?? 0 : 0;
                if (value <= 0)
                {
                    continue;
                }

                var y0 = Y(below, top);
                var y1 = Y(below + value, top);
                html.Raw($"<rect x=\"{Invariant(X(i) - (barWidth / 2))}\" y=\"{Invariant(y1)}\" width=\"{Invariant(barWidth)}\" height=\"{Invariant(Math.Max(0.5, y0 - y1))}\" fill=\"{Palette[s % Palette.Length]}\"><title>")
                    .Text($"{labels[i]} · {series[s].Name}: {formatValue(value)}").Raw("</title></rect>");
                below += value;
            }
        }

        html.Raw("</svg>");
        Legend(html, series.Select(s => s.Name).ToList());
    }

    private static void Frame(HtmlBuilder html, string title, double top, Func<double, string> formatValue)
    {
        html.Raw($"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\"><title>").Text(title).Raw("</title>");
        for (var step = 0; step <= 4; step++)
        {
            var value = top * step / 4;
            var y = Invariant(Y(value, top));
            html.Raw($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#d0d5dc\" stroke-width=\"1\"/>")
                .Raw($"<text x=\"{Left - 6}\" y=\"{y}\" text-anchor=\"end\" dominant-baseline=\"middle\" font-size=\"11\" fill=\"#333\">").Text(formatValue(value)).Raw("</text>");
        }
    }

    private static void Labels(HtmlBuilder html, IReadOnlyList<string> labels, Func<int, double> x)
    {
        // At most ~10 labels on the axis, evenly spaced, so long periods stay readable.
        var every = Math.Max(1, (int)Math.Ceiling(labels.Count / 10.0));
        for (var i = 0; i < labels.Count; i += every)
        {
            html.Raw($"<text x=\"{Invariant(x(i))}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#333\">").Text(labels[i]).Raw("</text>");
        }
    }

    private static void Polyline(HtmlBuilder html, StringBuilder points, string colour, int index)
    {
        if (points.Length > 0)
        {
            var dash = index >= Palette.Length ? " stroke-dasharray=\"4 3\"" : string.Empty;
            html.Raw($"<polyline points=\"{points.ToString().TrimEnd()}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{dash}/>");
            points.Clear();
        }
    }

    private static void Legend(HtmlBuilder html, List<string> names)
    {
        html.Raw("<ul class=\"legend\">");
        for (var i = 0; i < names.Count; i++)
        {
            html.Raw($"<li><svg width=\"12\" height=\"12\" aria-hidden=\"true\"><rect width=\"12\" height=\"12\" fill=\"{Palette[i % Palette.Length]}\"/></svg> ").Text(names[i]).Raw("</li>");
        }

        html.Raw("</ul>");
    }

    private static double Y(double value, double top) => Top + ((Height - Top - Bottom) * (1 - (top <= 0 ? 0 : value / top)));

    /// <summary>
    /// The axis top: 1, 2, 4 or 8 times a power of ten at or above <paramref name="value"/>, and at
    /// least 4, so its four steps are whole round numbers (the figures are counts).
    /// </summary>
    internal static double NiceCeiling(double value)
    {
        if (value <= 4)
        {
            return 4;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in NiceSteps)
        {
            if (step * power >= value)
            {
                return step * power;
            }
        }

        return 10 * power;
    }

    private static string Invariant(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
