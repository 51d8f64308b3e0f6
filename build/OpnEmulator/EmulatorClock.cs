namespace OpnEmulator;

/// <summary>
/// The emulator's clock: a base clock plus an offset that tests and demos move forward
/// </summary>
public sealed class EmulatorClock : TimeProvider
{
    private readonly TimeProvider _baseClock;
    private long _offsetTicks;

    public EmulatorClock(TimeProvider baseClock)
    {
        _baseClock = baseClock ?? System;
    }

    /// <summary>Gets how far the clock has been moved</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Gets the unmoved base clock (used for webhook signature timestamps, which receivers check against their own clock)</summary>
    public TimeProvider BaseClock => _baseClock;

    public override DateTimeOffset GetUtcNow() => _baseClock.GetUtcNow() + Offset;

    /// <summary>Moves the clock forward (or back, with a negative value)</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>Puts the clock back on its base</summary>
    public void ResetOffset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
