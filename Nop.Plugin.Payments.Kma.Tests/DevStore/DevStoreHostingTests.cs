using System.Net;
using DevStore;
using Nop.Core.Domain.ScheduleTasks;
using Nop.Services.ScheduleTasks;

namespace Nop.Plugin.Payments.Kma.Tests.DevStore;

/// <summary>
/// Hosting behaviour of the DevStore: store by host, themes, languages, schedule tasks
/// </summary>
[TestFixture]
[Category("Integration")]
public class DevStoreHostingTests
{
    public class CountingTask : IScheduleTask
    {
        public static int Runs;

        public Task ExecuteAsync()
        {
            Interlocked.Increment(ref Runs);
            return Task.CompletedTask;
        }
    }

    public class FailingTask : IScheduleTask
    {
        public Task ExecuteAsync() => throw new InvalidOperationException("task failed on purpose");
    }

    private DevStoreHost _store;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _store = await DevStoreHost.StartAsync(new DevStoreOptions { UseEmulator = false });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _store.DisposeAsync();
    }

    [Test]
    public async Task TheStoreIsChosenByTheRequestHost()
    {
        using var first = _store.CreateClient();
        using var second = _store.CreateClient(baseAddress: _store.SecondStoreAddress);

        Assert.That(await first.GetStringAsync(""), Does.Contain("<title>DevStore Bangkok</title>"));
        Assert.That(await second.GetStringAsync(""), Does.Contain("<title>DevStore Chiang Mai</title>"));
        Assert.That(await first.GetStringAsync("?storeid=2"), Does.Contain("<title>DevStore Chiang Mai</title>"));
        Assert.That(await first.GetStringAsync("cart/"), Does.Contain("<title>DevStore Chiang Mai</title>"), "the switch is remembered in a cookie");
        Assert.That(await first.GetStringAsync("?storeid=0"), Does.Contain("<title>DevStore Bangkok</title>"));
        Assert.That(await first.GetStringAsync("cart/"), Does.Contain("<title>DevStore Bangkok</title>"));
    }

    [Test]
    public async Task TheLanguageSwitchChangesTheStorefront()
    {
        using var client = _store.CreateClient();
        (await DevStoreHost.PostFormAsync(client, "addproducttocart/2", ("quantity", "1"))).Dispose();

        Assert.That(await client.GetStringAsync("cart/"), Does.Contain("<h1>Shopping cart</h1>"));
        const int thaiLanguageId = global::DevStore.Services.DevStoreDefaults.ThaiLanguageId;
        (await client.GetAsync($"changelanguage/{thaiLanguageId}")).Dispose();
        var thai = await client.GetStringAsync("cart/");

        Assert.That(thai, Does.Contain("<h1>ตะกร้าสินค้า</h1>"));
        Assert.That(thai, Does.Contain("ผ้าพันคอไหม"));
    }

    [Test]
    public async Task ScheduleTasksRunOnDemandInProcessAndOverHttp()
    {
        var type = typeof(CountingTask).FullName;
        await _store.InScopeAsync(services => ((IScheduleTaskService)services.GetService(typeof(IScheduleTaskService)))
            .InsertTaskAsync(new ScheduleTask { Name = "Counting", Type = type, Seconds = 600, Enabled = true }));
        var before = CountingTask.Runs;

        await _store.RunScheduleTaskAsync(type);
        using var client = _store.CreateClient();
        using var response = await DevStoreHost.PostFormAsync(client, "scheduletask/runtask", ("taskType", type));

        Assert.That(response.IsSuccessStatusCode, Is.True);
        Assert.That(CountingTask.Runs - before, Is.EqualTo(2));
        Assert.That(_store.GetScheduleTasks().Single(task => task.Type == type).LastSuccessUtc, Is.Not.Null);
    }

    [Test]
    public async Task AFailingTaskIsLoggedAndRethrownOnlyWhenAsked()
    {
        var type = typeof(FailingTask).FullName;
        await _store.InScopeAsync(services => ((IScheduleTaskService)services.GetService(typeof(IScheduleTaskService)))
            .InsertTaskAsync(new ScheduleTask { Name = "Failing", Type = type, Seconds = 600, Enabled = true }));

        Assert.ThrowsAsync<InvalidOperationException>(() => _store.RunScheduleTaskAsync(type));
        await _store.RunScheduleTaskAsync(type, throwException: false);

        var errors = _store.GetLogs().Where(log => log.ShortMessage.Contains("task failed on purpose")).ToList();
        Assert.That(errors.Count, Is.EqualTo(2));
        Assert.That(errors[0].ShortMessage, Does.StartWith("Error while running the 'Failing' schedule task."));
    }

    [Test]
    public async Task APluginRouteIsReachableAndUnknownRoutesAreNot()
    {
        using var client = _store.CreateClient();
        using var missing = await client.GetAsync("no/such/page");

        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        using var plugin = await client.GetAsync("Plugins/Payments.Kma/plugin.json");
        Assert.That(plugin.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the plugin folder is public, its JSON is not");
        using var logo = await client.GetAsync("Plugins/Payments.Kma/logo.png");
        Assert.That(logo.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}

/// <summary>
/// A theme's view wins over the DevStore's own (ThemeableViewLocationExpander), compiled at run time
/// </summary>
[TestFixture]
[Category("Integration")]
public class DevStoreThemeTests
{
    private string _contentRoot;

    [SetUp]
    public void CopyContentRoot()
    {
        var source = typeof(DevStoreHost).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "DevStoreContentRoot").Value;
        _contentRoot = Path.Combine(Path.GetTempPath(), "devstore-theme-" + Guid.NewGuid().ToString("N"));
        foreach (var folder in new[] { "Views", "Areas", "Plugins", "Themes", "wwwroot" })
            CopyDirectory(Path.Combine(source, folder), Path.Combine(_contentRoot, folder));
    }

    [TearDown]
    public void DeleteContentRoot()
    {
        Directory.Delete(_contentRoot, true);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Test]
    public async Task ThemeViewOverridesTheStorefrontView()
    {
        var themeView = Path.Combine(_contentRoot, "Themes", "DefaultClean", "Views", "Home", "Index.cshtml");
        Directory.CreateDirectory(Path.GetDirectoryName(themeView)!);
        await File.WriteAllTextAsync(themeView, "@model IList<ProductModel>\n<h1 class=\"themed\">@T(\"ShoppingCart\") – @Model.Count</h1>\n");

        await using var store = await DevStoreHost.StartAsync(new DevStoreOptions { ContentRoot = _contentRoot, UseEmulator = false });
        using var client = store.CreateClient();
        var html = await client.GetStringAsync("");

        Assert.That(html, Does.Contain("<h1 class=\"themed\">Shopping cart – 3</h1>"));
    }
}
