using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Nop.Plugin.Payments.Kma.Benchmarks;

/// <summary>
/// A percentile of the measured operation times (BenchmarkDotNet's built-in columns stop at P95)
/// </summary>
public sealed class PercentileColumn : IColumn
{
    private readonly int _percentile;

    public PercentileColumn(int percentile) => _percentile = percentile;

    public string Id => $"P{_percentile}";
    public string ColumnName => $"P{_percentile}";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Statistics;
    public int PriorityInCategory => 10;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Time;
    public string Legend => $"{_percentile}th percentile of the operation time";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics == null)
            return "NA";

        var nanoseconds = statistics.Percentiles.Percentile(_percentile);
        return nanoseconds >= 1_000_000
            ? (nanoseconds / 1_000_000).ToString("0.000", CultureInfo.InvariantCulture) + " ms"
            : (nanoseconds / 1_000).ToString("0.00", CultureInfo.InvariantCulture) + " μs";
    }

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
