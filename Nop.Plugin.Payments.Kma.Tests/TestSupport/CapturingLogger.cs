using System.Collections.Concurrent;
using Nop.Core.Domain.Customers;
using Nop.Core.Domain.Logging;
using Nop.Services.Logging;

namespace Nop.Plugin.Payments.Kma.Tests.TestSupport;

/// <summary>
/// One log line as nopCommerce would store it: level, short message and the exception's full text
/// </summary>
public sealed record LogEntry(LogLevel Level, string Message, string Exception)
{
    public override string ToString() => $"{Level}: {Message} {Exception}";
}

/// <summary>
/// An ILogger that keeps every entry, so tests can check what was logged (and that no secret was)
/// </summary>
public sealed class CapturingLogger : ILogger
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public IEnumerable<LogEntry> At(LogLevel level) => Entries.Where(entry => entry.Level == level);

    public bool Has(LogLevel level, string containing) =>
        At(level).Any(entry => entry.Message.Contains(containing, StringComparison.OrdinalIgnoreCase));

    private void Add(LogLevel level, string message, Exception exception) =>
        Entries.Enqueue(new LogEntry(level, message ?? string.Empty, exception?.ToString()));

    public bool IsEnabled(LogLevel level) => true;

    public Task InsertLogAsync(LogLevel logLevel, string shortMessage, string fullMessage = "", Customer customer = null)
    {
        Entries.Enqueue(new LogEntry(logLevel, shortMessage ?? string.Empty, fullMessage));
        return Task.CompletedTask;
    }

    public Task InformationAsync(string message, Exception exception = null, Customer customer = null)
    {
        Add(LogLevel.Information, message, exception);
        return Task.CompletedTask;
    }

    public void Information(string message, Exception exception = null, Customer customer = null) => Add(LogLevel.Information, message, exception);

    public Task WarningAsync(string message, Exception exception = null, Customer customer = null)
    {
        Add(LogLevel.Warning, message, exception);
        return Task.CompletedTask;
    }

    public void Warning(string message, Exception exception = null, Customer customer = null) => Add(LogLevel.Warning, message, exception);

    public Task ErrorAsync(string message, Exception exception = null, Customer customer = null)
    {
        Add(LogLevel.Error, message, exception);
        return Task.CompletedTask;
    }

    public void Error(string message, Exception exception = null, Customer customer = null) => Add(LogLevel.Error, message, exception);
}
