namespace OpnEmulator;

/// <summary>
/// A host lifetime that leaves process signals alone: in tests the emulator must not swallow the test process's
/// SIGTERM, and standalone Program handles Ctrl+C and SIGTERM itself
/// </summary>
internal sealed class QuietLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
