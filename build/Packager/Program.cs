// package <plugin output folder> <dist folder>   writes and validates the zip
// validate <zip>                                 validates an existing zip
using Packager;

try
{
    switch (args)
    {
        case ["package", var outputDir, var distDir]:
            var zipPath = PluginPackage.Create(outputDir, distDir);
            return Report(zipPath);
        case ["validate", var existing]:
            return Report(existing);
        default:
            Console.Error.WriteLine("usage: Packager package <plugin output folder> <dist folder> | validate <zip>");
            return 2;
    }
}
catch (Exception exception) when (exception is IOException or InvalidDataException or System.Text.Json.JsonException)
{
    Console.Error.WriteLine($"PACKAGE FAILED: {exception.Message}");
    return 1;
}

static int Report(string zipPath)
{
    var problems = PluginPackage.Validate(zipPath);
    using (var zip = System.IO.Compression.ZipFile.OpenRead(zipPath))
    {
        foreach (var entry in zip.Entries)
            Console.WriteLine($"  {entry.FullName} ({entry.Length} bytes)");
    }

    foreach (var problem in problems)
        Console.Error.WriteLine($"PACKAGE INVALID: {problem}");

    if (problems.Count > 0)
        return 1;

    Console.WriteLine($"Package OK: {zipPath}");
    return 0;
}
