using StoreCheck;

// dotnet run --project build/StoreCheck -- --store URL --admin-email EMAIL --admin-password PASSWORD [options]
// Checks the Krungsri (KMA) plugin in a running nopCommerce store; see docs/storecheck.md.
var options = StoreCheckOptions.Parse(args, out var error);
if (options == null)
{
    if (error != null)
        Console.Error.WriteLine($"storecheck: {error}");
    Console.Error.WriteLine(StoreCheckOptions.Usage);
    return error == null ? 0 : 2;
}

var report = new Report(Console.Out);
try
{
    await new StoreChecks(options, report).RunAsync(Console.Out);
}
catch (Exception exception)
{
    report.Fail("StoreCheck itself", exception.Message.Split('\n')[0]);
}

report.WriteSummary();
return report.Failed == 0 ? 0 : 1;
