namespace Nop.Plugin.Payments.Kma.Opn;

/// <summary>
/// Timeouts and retry rules of <see cref="OpnClient"/>
/// </summary>
public class OpnClientOptions
{
    /// <summary>
    /// Gets or sets the time allowed to open a TCP/TLS connection (applied by the primary handler, see
    /// <see cref="OpnClient.CreatePrimaryHandler"/>)
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets the time allowed for one attempt of a GET or an expiry, from sending to the last byte of the answer
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Gets or sets the time allowed for creating a charge. Longer than the others: a create that times out has an
    /// unknown outcome and costs a search to recover
    /// </summary>
    public TimeSpan CreateChargeTimeout { get; set; } = TimeSpan.FromSeconds(40);

    /// <summary>
    /// Gets or sets the number of attempts of a retried call (GETs and expiry), the first one included
    /// </summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// Gets or sets the delay before the first retry; it doubles for every further retry
    /// </summary>
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Gets or sets the longest delay between two attempts, Retry-After included
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// Gets or sets the clock used for Retry-After dates and the per-request timeouts
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Gets or sets how the client waits between attempts (tests replace it to avoid sleeping)
    /// </summary>
    public Func<TimeSpan, CancellationToken, Task> DelayAsync { get; set; }

    /// <summary>
    /// Gets or sets the source of jitter, a number in [0, 1) (tests replace it to get fixed delays)
    /// </summary>
    public Func<double> NextJitter { get; set; } = Random.Shared.NextDouble;
}
