using DevStore.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Nop.Core.Domain.Logging;
using NopInMemoryLogger = DevStore.Services.InMemoryLogger;

namespace Nop.Plugin.Payments.Kma.Tests.TestSupport;

/// <summary>
/// One log line as nopCommerce would store it: level, short message and the exception's full text
/// </summary>
public sealed record LogEntry(LogLevel Level, string Message, string Exception)
{
    public override string ToString() => $"{Level}: {Message} {Exception}";
}

/// <summary>
/// The DevStore's logger (nopCommerce's Log table, in memory), read back so tests can check what was logged (and that
/// no secret was)
/// </summary>
public sealed class CapturingLogger : NopInMemoryLogger
{
    private readonly DevStoreData _data;

    public CapturingLogger() : this(new DevStoreData())
    {
    }

    private CapturingLogger(DevStoreData data) : base(data, NullLoggerFactory.Instance)
    {
        _data = data;
    }

    /// <summary>Every entry, oldest first</summary>
    public IReadOnlyList<LogEntry> Entries => _data.Logs.Query().Select(log => new LogEntry(log.LogLevel, log.ShortMessage ?? string.Empty, log.FullMessage)).ToList();

    public IEnumerable<LogEntry> At(LogLevel level) => Entries.Where(entry => entry.Level == level);

    public bool Has(LogLevel level, string containing) =>
        At(level).Any(entry => entry.Message.Contains(containing, StringComparison.OrdinalIgnoreCase));
}
