using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nop.Plugin.Payments.Kma.Opn;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace DevStore.Infrastructure;

/// <summary>
/// The DevStore's console: one line per request to a plugin controller, one line per Opn call, the store log
/// (nopCommerce's ILogger) and every warning or error. ASP.NET Core's and HttpClient's information lines stay out.
/// </summary>
public static class DevStoreLogging
{
    /// <summary>Category of the lines for requests to the plugin's controllers</summary>
    public const string RequestsCategory = "DevStore.Plugin";

    /// <summary>Category of the lines for the plugin's calls to Opn</summary>
    public const string OpnCategory = "DevStore.Opn";

    /// <summary>Category of the store log (what nopCommerce writes to its Log table)</summary>
    public const string StoreLogCategory = "Nop.Services.Logging";

    /// <summary>
    /// Console output and filters: the framework's categories only from Warning
    /// </summary>
    public static void Configure(ILoggingBuilder logging, MsLogLevel minimumLevel)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        logging.SetMinimumLevel(minimumLevel);

        // HttpClientFactory writes four information lines per call, hosting two per request: OpnCallLogger and
        // UsePluginRequestLog write one each instead
        logging.AddFilter("Microsoft", MsLogLevel.Warning);
        logging.AddFilter("System", MsLogLevel.Warning);
    }

    /// <summary>
    /// Adds the one-line log of every call the plugin makes to Opn (its named HttpClient)
    /// </summary>
    public static void AddOpnCallLog(IServiceCollection services)
    {
        services.AddHttpClient(OpnClient.HttpClientName)
            .AddHttpMessageHandler(provider => new OpnCallLogger(provider.GetRequiredService<ILoggerFactory>().CreateLogger(OpnCategory)));
    }

    /// <summary>
    /// Logs one line per request routed to a controller of the given assemblies (the plugins): method, path, status, time.
    /// The query string is left out: it carries the return token.
    /// </summary>
    public static void UsePluginRequestLog(IApplicationBuilder app, IEnumerable<Assembly> pluginAssemblies)
    {
        var assemblies = pluginAssemblies.Where(assembly => assembly != null).ToHashSet();
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(RequestsCategory);

        app.Use(async (context, next) =>
        {
            var action = context.GetEndpoint()?.Metadata.GetMetadata<ControllerActionDescriptor>();
            if (action == null || !assemblies.Contains(action.ControllerTypeInfo.Assembly))
            {
                await next(context);
                return;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                logger.LogInformation("{Method} {Path} {Status} {Milliseconds} ms", context.Request.Method,
                    context.Request.PathBase + context.Request.Path, context.Response.StatusCode, Milliseconds(started));
            }
        });
    }

    private static string Milliseconds(long started) =>
        Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);

    /// <summary>
    /// One line per Opn call: method, path (no query), status, time; a call that gets no answer is a warning
    /// </summary>
    private sealed class OpnCallLogger : DelegatingHandler
    {
        private readonly Microsoft.Extensions.Logging.ILogger _logger;

        public OpnCallLogger(Microsoft.Extensions.Logging.ILogger logger)
        {
            _logger = logger;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            var path = request.RequestUri?.AbsolutePath;
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                _logger.LogInformation("{Method} {Path} {Status} {Milliseconds} ms", request.Method.Method, path, (int)response.StatusCode, Milliseconds(started));
                return response;
            }
            catch (Exception exception)
            {
                _logger.LogWarning("{Method} {Path} no answer after {Milliseconds} ms: {Error}", request.Method.Method, path, Milliseconds(started), exception.GetType().Name);
                throw;
            }
        }
    }
}
