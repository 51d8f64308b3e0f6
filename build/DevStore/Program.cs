using DevStore;
using Microsoft.Extensions.Configuration;

// dotnet run --project build/DevStore
// Runs the DevStore on 127.0.0.1 with the plugin installed. Configuration (appsettings.json, environment, command line):
//   DevStore:Urls (DevStore__Urls)         where the store listens, default http://127.0.0.1:5080
//   Kma:PublicKey / Kma:SecretKey          real Opn test keys: the store then talks to Opn instead of the OpnEmulator
//   Kma:WebhookSecret / Kma:ApiBaseUrl     optional with real keys
var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json", optional: true)
    .AddEnvironmentVariables()
    .AddCommandLine(args)
    .Build();

await using var run = await DevStoreRunner.StartAsync(configuration, Console.Out);

// Ctrl+C and SIGTERM stop the host (its console lifetime handles both); then everything is disposed
await run.Store.WaitForShutdownAsync();
