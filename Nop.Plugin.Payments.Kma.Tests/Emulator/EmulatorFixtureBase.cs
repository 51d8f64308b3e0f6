using OpnEmulator;

namespace Nop.Plugin.Payments.Kma.Tests.Emulator;

/// <summary>
/// One emulator per fixture on a free 127.0.0.1 port, reset before each test, with webhook retries compressed to milliseconds
/// </summary>
public abstract class EmulatorFixtureBase
{
    protected EmulatorHost Emulator { get; private set; }

    protected OpnTestClient Secret { get; private set; }

    protected OpnTestClient Public { get; private set; }

    protected virtual EmulatorOptions CreateOptions() => new()
    {
        WebhookRetryDelays = new List<TimeSpan> { TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(300) },
        WebhookTimeout = TimeSpan.FromSeconds(3)
    };

    [OneTimeSetUp]
    public async Task StartEmulatorAsync()
    {
        Emulator = await EmulatorHost.StartAsync(CreateOptions());
        Secret = new OpnTestClient(Emulator.BaseAddress, Emulator.SecretKey);
        Public = new OpnTestClient(Emulator.BaseAddress, Emulator.PublicKey);
    }

    [SetUp]
    public void ResetEmulator() => Emulator.Reset();

    /// <summary>Polls a condition that the emulator makes true asynchronously (server side work, background deliveries)</summary>
    protected static async Task WaitUntilAsync(Func<bool> condition, string what, int timeoutSeconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"timed out waiting until {what}");
            await Task.Delay(20);
        }
    }

    [OneTimeTearDown]
    public async Task StopEmulatorAsync()
    {
        Secret?.Dispose();
        Public?.Dispose();
        if (Emulator is not null)
            await Emulator.DisposeAsync();
    }
}
