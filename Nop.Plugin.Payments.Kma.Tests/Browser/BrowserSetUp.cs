using Microsoft.Playwright;

namespace Nop.Plugin.Payments.Kma.Tests.Browser;

/// <summary>
/// One headless Chromium (Debian's, not a downloaded one) for all browser tests of the run
/// </summary>
[SetUpFixture]
public class BrowserSetUp
{
    /// <summary>Gets the system Chromium the tests drive</summary>
    public const string CHROMIUM_PATH = "/usr/bin/chromium";

    /// <summary>A desktop Chrome user agent without "HeadlessChrome", so the plugin sees a desktop shopper</summary>
    public const string DESKTOP_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

    public static IPlaywright Playwright { get; private set; }

    public static IBrowser Browser { get; private set; }

    [OneTimeSetUp]
    public async Task StartBrowserAsync()
    {
        Assert.That(File.Exists(CHROMIUM_PATH), Is.True,
            $"Browser tests need Chromium at {CHROMIUM_PATH}: apt-get install -y chromium chromium-driver");

        Assertions.SetDefaultExpectTimeout(60_000);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = CHROMIUM_PATH, Headless = true });
    }

    [OneTimeTearDown]
    public async Task StopBrowserAsync()
    {
        if (Browser != null)
            await Browser.DisposeAsync();
        Playwright?.Dispose();
    }

    /// <summary>A phone: iPhone 13 as Playwright describes it (iOS Safari user agent, touch, small viewport)</summary>
    public static Task<IBrowserContext> NewIPhoneContextAsync(string locale = "en-US") =>
        WithTimeoutsAsync(Browser.NewContextAsync(new BrowserNewContextOptions(Playwright.Devices["iPhone 13"]) { Locale = locale }));

    /// <summary>A desktop browser</summary>
    public static Task<IBrowserContext> NewDesktopContextAsync(string locale = "en-US") =>
        WithTimeoutsAsync(Browser.NewContextAsync(new BrowserNewContextOptions
        {
            UserAgent = DESKTOP_USER_AGENT,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = locale
        }));

    // The first request to each page compiles its Razor view at run time, which can take seconds on a busy CI machine.
    private static async Task<IBrowserContext> WithTimeoutsAsync(Task<IBrowserContext> creating)
    {
        var context = await creating;
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return context;
    }

    /// <summary>
    /// Saves a full-page screenshot under test-output/screenshots/ at the repository root (git-ignored)
    /// </summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Nop.Plugin.Payments.Kma.sln")))
            directory = directory.Parent;
        var folder = Path.Combine(directory?.FullName ?? TestContext.CurrentContext.WorkDirectory, "test-output", "screenshots");
        Directory.CreateDirectory(folder);

        var path = Path.Combine(folder, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path);
        return path;
    }
}
