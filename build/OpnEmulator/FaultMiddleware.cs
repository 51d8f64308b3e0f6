namespace OpnEmulator;

/// <summary>
/// Applies API faults (latency, status, dropped connection, malformed JSON, ambiguous create) to Opn API calls.
/// The control API, the authorize page and the index page are never faulted.
/// </summary>
internal static class FaultMiddleware
{
    public static void Use(WebApplication app, FaultRegistry faults)
    {
        app.Use(async (context, next) =>
        {
            if (faults.IsEmpty || IsExempt(context.Request.Path))
            {
                await next(context);
                return;
            }

            var hits = faults.HitCall(context.Request.Method, context.Request.Path.Value ?? "/");
            foreach (var latency in hits.Where(rule => rule.Kind == FaultKind.Latency))
                await Task.Delay(latency.Delay, context.RequestAborted);

            var fault = hits.FirstOrDefault(rule => rule.Kind != FaultKind.Latency);
            switch (fault?.Kind)
            {
                case null:
                    await next(context);
                    return;

                case FaultKind.Status:
                    if (fault.Status == 429)
                        context.Response.Headers.RetryAfter = "1";
                    await ApiResponses.WriteErrorAsync(context, new OpnError(fault.Status, CodeFor(fault.Status), $"injected fault: HTTP {fault.Status}"));
                    return;

                case FaultKind.DropConnection:
                    context.Abort();
                    return;

                case FaultKind.MalformedJson:
                {
                    var body = await RunBufferedAsync(context, next);
                    var cut = body[..(body.Length / 2)];
                    context.Response.ContentLength = cut.Length;
                    await context.Response.Body.WriteAsync(cut, context.RequestAborted);
                    return;
                }

                case FaultKind.AmbiguousCreate:
                    // The call is handled (state changes, events go out) but the client never hears about it.
                    await RunBufferedAsync(context, next);
                    if (fault.Delay > TimeSpan.Zero)
                    {
                        // Ends early when the client gives up or the emulator stops.
                        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
                        using var wait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
                        await Task.Delay(fault.Delay, wait.Token).ContinueWith(_ => { });
                    }
                    context.Abort();
                    return;

                default:
                    await next(context);
                    return;
            }
        });
    }

    private static bool IsExempt(PathString path)
    {
        return path.StartsWithSegments("/_emulator") || path.StartsWithSegments("/payments") || path == "/";
    }

    private static async Task<byte[]> RunBufferedAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        return buffer.ToArray();
    }

    private static string CodeFor(int status) => status switch
    {
        429 => "too_many_requests",
        503 => "service_unavailable",
        >= 500 => "internal_server_error",
        _ => "bad_request"
    };
}
