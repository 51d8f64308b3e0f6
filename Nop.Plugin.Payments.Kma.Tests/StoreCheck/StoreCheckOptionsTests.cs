using StoreCheck;

namespace Nop.Plugin.Payments.Kma.Tests.StoreCheck;

/// <summary>
/// What StoreCheck accepts on its command line (the checks themselves need a running store: docs/storecheck.md)
/// </summary>
[TestFixture]
[NonParallelizable]
public class StoreCheckOptionsTests
{
    private static readonly string[] _variables = ["STORECHECK_STORE", "STORECHECK_ADMIN_EMAIL", "STORECHECK_ADMIN_PASSWORD", "STORECHECK_SECRET_KEY", "STORECHECK_PUBLIC_KEY"];

    [SetUp]
    [TearDown]
    public void ClearEnvironment()
    {
        foreach (var variable in _variables)
            Environment.SetEnvironmentVariable(variable, null);
    }

    [Test]
    public void WithoutAStoreNothingRuns()
    {
        var options = StoreCheckOptions.Parse(["--admin-email", "a@b.c", "--admin-password", "x"], out var error);

        Assert.That(options, Is.Null);
        Assert.That(error, Does.Contain("--store"));
    }

    [Test]
    public void TheEmulatorIsUsedUnlessASecretKeyIsGiven()
    {
        var options = StoreCheckOptions.Parse(["--store", "http://127.0.0.1:5080", "--admin-email", "a@b.c", "--admin-password", "x"], out var error);

        Assert.That(error, Is.Null);
        Assert.That(options.UsesRealOpn, Is.False);
        Assert.That(options.Store.ToString(), Is.EqualTo("http://127.0.0.1:5080/"), "the store URL ends with a slash, so paths are joined under it");
    }

    [Test]
    public void ARealSecretKeyNeedsItsPublicKey()
    {
        var options = StoreCheckOptions.Parse(["--store", "https://staging.example.com/", "--admin-email", "a@b.c", "--admin-password", "x",
            "--secret-key", "skey_test_abc"], out var error);

        Assert.That(options, Is.Null);
        Assert.That(error, Does.Contain("--public-key"));
    }

    [Test]
    public void SecretsMayComeFromTheEnvironmentInsteadOfTheCommandLine()
    {
        Environment.SetEnvironmentVariable("STORECHECK_ADMIN_PASSWORD", "from-env");
        Environment.SetEnvironmentVariable("STORECHECK_SECRET_KEY", "skey_test_env");
        Environment.SetEnvironmentVariable("STORECHECK_PUBLIC_KEY", "pkey_test_env");

        var options = StoreCheckOptions.Parse(["--store", "https://staging.example.com/", "--admin-email", "a@b.c"], out var error);

        Assert.That(error, Is.Null);
        Assert.That(options.AdminPassword, Is.EqualTo("from-env"));
        Assert.That(options.UsesRealOpn, Is.True);
    }

    [TestCase("abc")]
    [TestCase("0")]
    [TestCase("-32")]
    public void AThbRateMustBeAPositiveNumber(string rate)
    {
        var options = StoreCheckOptions.Parse(["--store", "http://127.0.0.1:5080/", "--admin-email", "a@b.c", "--admin-password", "x", "--add-thb", rate], out var error);

        Assert.That(options, Is.Null);
        Assert.That(error, Does.Contain("--add-thb"));
    }
}
