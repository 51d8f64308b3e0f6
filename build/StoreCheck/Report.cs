namespace StoreCheck;

/// <summary>
/// One line per check as it finishes, and the summary at the end
/// </summary>
public sealed class Report
{
    private readonly List<(string Status, string Name, string Detail)> _lines = new();
    private readonly TextWriter _output;

    public Report(TextWriter output)
    {
        _output = output;
    }

    public int Failed => _lines.Count(line => line.Status == "FAIL");

    public void Pass(string name, string detail = null) => Add("PASS", name, detail);

    public void Fail(string name, string detail) => Add("FAIL", name, detail);

    public void Skip(string name, string detail) => Add("SKIP", name, detail);

    /// <summary>Something the owner should read that is not a check (what StoreCheck changed, what to do next)</summary>
    public void Note(string text) => _output.WriteLine($"       {text}");

    /// <summary>Runs one check: PASS when it returns, FAIL with the message when it throws</summary>
    public async Task<bool> RunAsync(string name, Func<Task<string>> check)
    {
        try
        {
            Pass(name, await check());
            return true;
        }
        catch (SkipException skip)
        {
            Skip(name, skip.Message);
            return false;
        }
        catch (Exception exception)
        {
            Fail(name, Describe(exception));
            if (Environment.GetEnvironmentVariable("STORECHECK_DEBUG") == "1")
                _output.WriteLine(exception);
            return false;
        }
    }

    public void WriteSummary()
    {
        var passed = _lines.Count(line => line.Status == "PASS");
        var skipped = _lines.Count(line => line.Status == "SKIP");
        _output.WriteLine();
        _output.WriteLine($"StoreCheck: {passed} passed, {Failed} failed, {skipped} skipped, {_lines.Count} checks.");
        foreach (var line in _lines.Where(line => line.Status == "FAIL"))
            _output.WriteLine($"  failed: {line.Name}");
    }

    private void Add(string status, string name, string detail)
    {
        _lines.Add((status, name, detail));
        _output.WriteLine(string.IsNullOrWhiteSpace(detail) ? $"{status}  {name}" : $"{status}  {name}: {detail}");
    }

    private static string Describe(Exception exception)
    {
        // Playwright's messages carry a call log after the first lines: keep the reason only
        var message = exception is CheckException ? exception.Message : $"{exception.GetType().Name}: {exception.Message}";
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var reason = string.Join(" ", lines.TakeWhile(line => !line.StartsWith("Call log", StringComparison.OrdinalIgnoreCase)).Take(3));
        // the first and the last step Playwright logged say what it waited for and what it saw
        var log = lines.SkipWhile(line => !line.StartsWith("Call log", StringComparison.OrdinalIgnoreCase)).Skip(1).ToList();
        return log.Count == 0 ? reason : $"{reason} ({log[0].TrimStart('-', ' ')}{(log.Count > 1 ? " … " + log[^1].TrimStart('-', ' ') : "")})";
    }
}

/// <summary>A check found the store wrong; the message says what and, where it can, what to do</summary>
public sealed class CheckException(string message) : Exception(message);

/// <summary>A check that cannot run in this configuration</summary>
public sealed class SkipException(string message) : Exception(message);

/// <summary>Small helpers for the admin pages</summary>
public static class PageExtensions
{
    /// <summary>Clicks a form's submit button and waits until the page the POST answered has loaded</summary>
    public static async Task SubmitAsync(this Microsoft.Playwright.IPage page, Func<Task> click)
    {
        await page.RunAndWaitForResponseAsync(click, response => response.Request.Method == "POST" && response.Request.IsNavigationRequest);
        await page.WaitForLoadStateAsync();
    }
}
