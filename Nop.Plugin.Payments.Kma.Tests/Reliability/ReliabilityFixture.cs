using Nop.Plugin.Payments.Kma.Tests.TestSupport;

namespace Nop.Plugin.Payments.Kma.Tests.Reliability;

/// <summary>
/// One store (two Opn accounts, a webhook endpoint) per fixture, reset to a healthy Opn before each case. After
/// each case: no secret written anywhere, no order marked as paid twice
/// </summary>
[Category("Reliability")]
[NonParallelizable]
public abstract class ReliabilityFixture
{
    protected ReliabilityStore Store { get; private set; }

    /// <summary>Values a case typed into a secret field, checked like the configured secrets</summary>
    protected List<string> ExtraSecrets { get; } = new();

    [OneTimeSetUp]
    public async Task StartStoreAsync()
    {
        Store = await ReliabilityStore.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopStoreAsync()
    {
        if (Store != null)
            await Store.DisposeAsync();
    }

    [SetUp]
    public void ResetStore()
    {
        Store.Reset();
        ExtraSecrets.Clear();
    }

    [TearDown]
    public void CheckInvariants()
    {
        Store.AssertInvariants(ExtraSecrets.ToArray());
    }
}
