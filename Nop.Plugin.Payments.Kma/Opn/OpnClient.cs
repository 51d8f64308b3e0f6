using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;

namespace Nop.Plugin.Payments.Kma.Opn;

/// <summary>
/// Calls the Opn Payments API over a named HttpClient (<see cref="HttpClientName"/>)
/// </summary>
/// <remarks>
/// Every call is authenticated with the store's secret key (Basic, key as user name, empty password) and pins
/// Omise-Version 2019-05-29. GETs and expiry are tried up to <see cref="OpnClientOptions.MaxAttempts"/> times on 429,
/// 5xx, network failures and timeouts, with exponential backoff, jitter and a capped Retry-After. Creating a charge
/// is sent exactly once; after an ambiguous failure use <see cref="FindChargesByOrderAsync"/>.
/// A cancellation requested by the caller is passed on as <see cref="OperationCanceledException"/>.
/// </remarks>
public class OpnClient : IOpnClient
{
    #region Constants

    /// <summary>
    /// The name of the HttpClient registered for Opn
    /// </summary>
    public const string HttpClientName = "Nop.Plugin.Payments.Kma.Opn";

    /// <summary>
    /// The page size used when searching an order's charges (Opn's maximum)
    /// </summary>
    public const int MaxPageSize = 100;

    private const string FORM_MEDIA_TYPE = "application/x-www-form-urlencoded";

    #endregion

    #region Fields

    private static readonly string _userAgent = BuildUserAgent();

    private static readonly Func<string, OpnCharge> _readCharge = Expecting(OpnObjectTypes.Charge, OpnJson.ParseCharge, value => value.Object);
    private static readonly Func<string, OpnEvent> _readEvent = Expecting(OpnObjectTypes.Event, OpnJson.ParseEvent, value => value.Object);
    private static readonly Func<string, OpnList<OpnEvent>> _readEventList = Expecting(OpnObjectTypes.List, OpnJson.Deserialize<OpnList<OpnEvent>>, value => value.Object);
    private static readonly Func<string, OpnAccount> _readAccount = Expecting(OpnObjectTypes.Account, OpnJson.ParseAccount, value => value.Object);
    private static readonly Func<string, OpnCapability> _readCapability = Expecting(OpnObjectTypes.Capability, OpnJson.ParseCapability, value => value.Object);
    private static readonly Func<string, OpnSearchResult<OpnCharge>> _readChargeSearch = Expecting(OpnObjectTypes.Search, OpnJson.Deserialize<OpnSearchResult<OpnCharge>>, value => value.Object);

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly OpnClientOptions _options;

    #endregion

    #region Ctor

    public OpnClient(IHttpClientFactory httpClientFactory)
        : this(httpClientFactory, null)
    {
    }

    public OpnClient(IHttpClientFactory httpClientFactory, OpnClientOptions options)
    {
        _httpClientFactory = httpClientFactory ?? throw new ArgumentNullException(nameof(httpClientFactory));
        _options = options ?? new OpnClientOptions();
    }

    #endregion

    #region Utilities

    private static string BuildUserAgent()
    {
        var pluginVersion = typeof(OpnClient).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        return $"OmiseNopCommerce/{pluginVersion} nopCommerce/4.90 .NET/{Environment.Version} OmiseAPI/{KmaDefaults.ApiVersion}";
    }

    private static string RequireSecretKey(OpnCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (string.IsNullOrWhiteSpace(credentials.SecretKey))
            throw new ArgumentException("The Opn secret key is not configured.", nameof(credentials));

        return credentials.SecretKey;
    }

    private static string EscapeId(string id, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(id))
            throw new ArgumentException("An Opn object id is required.", parameterName);

        return Uri.EscapeDataString(id.Trim());
    }

    private static void CheckPaging(int offsetOrPage, int minimum, int size, string sizeName)
    {
        if (offsetOrPage < minimum)
            throw new ArgumentOutOfRangeException(nameof(offsetOrPage), offsetOrPage, $"Must be at least {minimum}.");
        if (size is < 1 or > MaxPageSize)
            throw new ArgumentOutOfRangeException(sizeName, size, $"Must be between 1 and {MaxPageSize}.");
    }

    private static string Redact(string text, OpnCredentials credentials)
    {
        if (string.IsNullOrEmpty(text) || string.IsNullOrEmpty(credentials.SecretKey))
            return text;

        return text.Replace(credentials.SecretKey, "[redacted]", StringComparison.Ordinal);
    }

    private static TimeSpan? GetRetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
            return delta;
        if (retryAfter?.Date is { } date)
            return date - now;

        return null;
    }

    private static string BuildQuery(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var query = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (value is null)
                continue;

            query.Append(query.Length == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(name))
                .Append('=')
                .Append(Uri.EscapeDataString(value));
        }

        return query.ToString();
    }

    /// <summary>
    /// Wraps a reader so that a 2xx body holding another kind of object (a proxy's JSON, an error object) is refused
    /// </summary>
    private static Func<string, T> Expecting<T>(string objectType, Func<string, T> parse, Func<T, string> objectOf)
    {
        return body =>
        {
            var value = parse(body);
            var actual = objectOf(value);
            if (actual is not null && !string.Equals(actual, objectType, StringComparison.Ordinal))
                throw new OpnJsonException("object", $"not {objectType}");

            return value;
        };
    }

    /// <summary>
    /// Gets the delay before the next attempt: Retry-After when given (capped), otherwise exponential backoff with
    /// "equal jitter" (half fixed, half random), capped
    /// </summary>
    internal TimeSpan GetRetryDelay(int failedAttempt, TimeSpan? retryAfter)
    {
        var max = _options.MaxRetryDelay;
        if (retryAfter is { } requested && requested > TimeSpan.Zero)
            return requested < max ? requested : max;

        var backoff = _options.BaseRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, failedAttempt - 1));
        backoff = Math.Min(backoff, max.TotalMilliseconds);
        var jitter = Math.Clamp(_options.NextJitter?.Invoke() ?? 0.5, 0d, 1d);

        return TimeSpan.FromMilliseconds(backoff / 2 + backoff / 2 * jitter);
    }

    /// <summary>
    /// Builds the form fields of a KMA charge with an inline source, in a fixed order
    /// </summary>
    internal static IList<KeyValuePair<string, string>> BuildCreateChargeForm(CreateKmaChargeRequest request)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("amount", request.Amount.ToString(CultureInfo.InvariantCulture)),
            new("currency", "THB"),
            new("source[type]", KmaDefaults.SourceType)
        };

        if (!string.IsNullOrWhiteSpace(request.PlatformType))
            fields.Add(new("source[platform_type]", request.PlatformType.Trim()));

        fields.Add(new("return_uri", request.ReturnUri));

        if (!string.IsNullOrEmpty(request.Description))
            fields.Add(new("description", request.Description));

        foreach (var (key, value) in request.Metadata)
        {
            if (string.IsNullOrEmpty(key) || key.IndexOfAny(['[', ']']) >= 0)
                throw new ArgumentException("Metadata keys must be non-empty and contain no brackets.", nameof(request));

            fields.Add(new($"metadata[{key}]", value ?? string.Empty));
        }

        foreach (var endpoint in request.WebhookEndpoints.Where(endpoint => !string.IsNullOrWhiteSpace(endpoint)))
            fields.Add(new("webhook_endpoints[]", endpoint));

        return fields;
    }

    private async Task<T> SendAsync<T>(OpnCredentials credentials, string apiKey, HttpMethod method, string pathAndQuery,
        IList<KeyValuePair<string, string>> form, bool retry, Func<string, T> parse, CancellationToken cancellationToken)
    {
        var attempts = retry ? Math.Max(1, _options.MaxAttempts) : 1;
        var timeout = method == HttpMethod.Post && form is not null ? _options.CreateChargeTimeout : _options.RequestTimeout;

        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter;
            try
            {
                return await SendOnceAsync(credentials, apiKey, method, pathAndQuery, form, timeout, parse, cancellationToken);
            }
            catch (OpnApiException exception) when (attempt < attempts && exception.IsTransient)
            {
                retryAfter = exception.RetryAfter;
            }
            catch (OpnTransportException exception) when (attempt < attempts && !exception.IsUnreadableResponse)
            {
                retryAfter = null;
            }

            var delay = GetRetryDelay(attempt, retryAfter);
            if (_options.DelayAsync is { } delayAsync)
                await delayAsync(delay, cancellationToken);
            else
                await Task.Delay(delay, _options.TimeProvider ?? TimeProvider.System, cancellationToken);
        }
    }

    private async Task<T> SendOnceAsync<T>(OpnCredentials credentials, string apiKey, HttpMethod method, string pathAndQuery,
        IList<KeyValuePair<string, string>> form, TimeSpan timeout, Func<string, T> parse, CancellationToken cancellationToken)
    {
        //the query string may carry a search text; only the path goes into messages
        var path = pathAndQuery.Split('?')[0];
        var operation = $"{method.Method} {path}";

        using var request = new HttpRequestMessage(method, new Uri(credentials.ApiBaseUrl + pathAndQuery, UriKind.Absolute));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(apiKey + ":")));
        request.Headers.TryAddWithoutValidation("Omise-Version", KmaDefaults.ApiVersion);
        request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (form is not null)
            request.Content = new FormUrlEncodedContent(form);
        else if (method == HttpMethod.Post)
            request.Content = new ByteArrayContent([]) { Headers = { ContentType = new MediaTypeHeaderValue(FORM_MEDIA_TYPE) } };

        var timeProvider = _options.TimeProvider ?? TimeProvider.System;
        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var linkedSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);

        string body;
        HttpStatusCode statusCode;
        string reasonPhrase;
        TimeSpan? retryAfter;
        try
        {
            var httpClient = _httpClientFactory.CreateClient(HttpClientName);
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, linkedSource.Token);
            body = await response.Content.ReadAsStringAsync(linkedSource.Token);
            statusCode = response.StatusCode;
            reasonPhrase = response.ReasonPhrase;
            retryAfter = GetRetryAfter(response, timeProvider.GetUtcNow());
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            var message = timeoutSource.IsCancellationRequested
                ? $"{operation}: Opn did not answer within {timeout.TotalSeconds:0.#} s."
                : $"{operation}: the connection to Opn timed out.";
            throw new OpnTransportException(message, true, exception);
        }
        catch (HttpRequestException exception)
        {
            throw new OpnTransportException($"{operation}: network failure ({exception.HttpRequestError}).", false, exception);
        }
        catch (IOException exception)
        {
            throw new OpnTransportException($"{operation}: network failure while reading the answer.", false, exception);
        }

        var status = (int)statusCode;
        if (status is >= 200 and <= 299)
        {
            try
            {
                return parse(body);
            }
            catch (Exception exception) when (exception is JsonException or FormatException or InvalidCastException or OverflowException or ArgumentException)
            {
                //the path and the reason only: the inner exception may quote the body, and a name in the body could be the key
                var failure = Redact(OpnJson.DescribeReadFailure(exception), credentials);
                throw new OpnTransportException($"{operation}: Opn answered {status} with a body that is not the expected JSON ({failure}).",
                    false, true);
            }
        }

        var error = OpnJson.TryParseError(body);
        var opnMessage = error?.Message ?? $"HTTP {status} {reasonPhrase} without an Opn error object";
        throw new OpnApiException(status, error?.Code, Redact(opnMessage, credentials), Redact(error?.Location, credentials))
        {
            RetryAfter = retryAfter
        };
    }

    private Task<OpnSearchResult<OpnCharge>> SearchChargesAsync(OpnCredentials credentials, string query,
        IDictionary<string, string> filters, int page, int perPage, string order, CancellationToken cancellationToken)
    {
        var apiKey = RequireSecretKey(credentials);
        CheckPaging(page, 1, perPage, nameof(perPage));

        var parameters = new List<KeyValuePair<string, string>>
        {
            new("scope", OpnObjectTypes.Charge),
            new("query", query ?? string.Empty)
        };
        if (filters is not null)
            parameters.AddRange(filters.Select(filter => new KeyValuePair<string, string>($"filters[{filter.Key}]", filter.Value)));
        if (!string.IsNullOrEmpty(order))
            parameters.Add(new("order", order));
        parameters.Add(new("page", page.ToString(CultureInfo.InvariantCulture)));
        parameters.Add(new("per_page", perPage.ToString(CultureInfo.InvariantCulture)));

        return SendAsync(credentials, apiKey, HttpMethod.Get, "/search" + BuildQuery(parameters), null, true,
            _readChargeSearch, cancellationToken);
    }

    #endregion

    #region Methods

    /// <inheritdoc />
    /// <exception cref="KmaAmountOutOfRangeException">The amount is outside <see cref="KmaAmountRule"/> (nothing is sent)</exception>
    public Task<OpnCharge> CreateChargeAsync(OpnCredentials credentials, CreateKmaChargeRequest request, CancellationToken cancellationToken = default)
    {
        var apiKey = RequireSecretKey(credentials);
        ArgumentNullException.ThrowIfNull(request);

        if (!KmaAmountRule.IsWithinLimits(request.Amount))
            throw new KmaAmountOutOfRangeException(request.Amount);
        if (!string.IsNullOrEmpty(request.Currency) && !string.Equals(request.Currency, "THB", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException("KMA charges are in THB only.", nameof(request));
        if (!Uri.TryCreate(request.ReturnUri, UriKind.Absolute, out var returnUri) || (returnUri.Scheme != Uri.UriSchemeHttps && returnUri.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException("An absolute http(s) return URI is required.", nameof(request));

        var form = BuildCreateChargeForm(request);

        return SendAsync(credentials, apiKey, HttpMethod.Post, "/charges", form, false, _readCharge, cancellationToken);
    }

    /// <inheritdoc />
    public Task<OpnCharge> GetChargeAsync(OpnCredentials credentials, string chargeId, CancellationToken cancellationToken = default)
    {
        var apiKey = RequireSecretKey(credentials);
        var id = EscapeId(chargeId, nameof(chargeId));

        return SendAsync(credentials, apiKey, HttpMethod.Get, $"/charges/{id}", null, true, _readCharge, cancellationToken);
    }

    /// <inheritdoc />
    public Task<OpnCharge> ExpireChargeAsync(OpnCredentials credentials, string chargeId, CancellationToken cancellationToken = default)
    {
        var apiKey = RequireSecretKey(credentials);
        var id = EscapeId(chargeId, nameof(chargeId));

        //expiring twice has the same effect as once, so a retry is safe
        return SendAsync(credentials, apiKey, HttpMethod.Post, $"/charges/{id}/expire", null, true, _readCharge, cancellationToken);
    }

    /// <inheritdoc />
    public Task<OpnList<OpnEvent>> ListChargeEventsAsync(OpnCredentials credentials, string chargeId, int offset = 0, int limit = 20, CancellationToken cancellationToken = default)
    {
        var apiKey = RequireSecretKey(credentials);
        var id = EscapeId(chargeId, nameof(chargeId));
        CheckPaging(offset, 0, limit, nameof(limit));

        var query = BuildQuery([
            new("offset", offset.ToString(CultureInfo.InvariantCulture)),
            new("limit", limit.ToString(CultureInfo.InvariantCulture))
        ]);

        return SendAsync(credentials, apiKey, HttpMethod.Get, $"/charges/{id}/events{query}", null, true,
            _readEventList, cancellationToken);
    }

    /// <inheritdoc />
    public Task<OpnEvent> GetEventAsync(OpnCredentials credentials, string eventId, CancellationToken cancellationToken = default)
    {
        var apiKey = RequireSecretKey(credentials);
        var id = EscapeId(eventId, nameof(eventId));

        return SendAsync(credentials, apiKey, HttpMethod.Get, $"/events/{id}", null, true, _readEvent, cancellationToken);
    }

    /// <inheritdoc />
    public Task<OpnAccount> GetAccountAsync(OpnCredentials credentials, CancellationToken cancellationToken = default)
    {
        var apiKey = RequireSecretKey(credentials);

        return SendAsync(credentials, apiKey, HttpMethod.Get, "/account", null, true, _readAccount, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Uses the secret key; Opn also accepts the public key here, which is used when no secret key is set.</remarks>
    public Task<OpnCapability> GetCapabilityAsync(OpnCredentials credentials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var apiKey = !string.IsNullOrWhiteSpace(credentials.SecretKey) ? credentials.SecretKey : credentials.PublicKey;
        if (string.IsNullOrWhiteSpace(apiKey))
            throw new ArgumentException("No Opn key is configured.", nameof(credentials));

        return SendAsync(credentials, apiKey, HttpMethod.Get, "/capability", null, true, _readCapability, cancellationToken);
    }

    /// <inheritdoc />
    public Task<OpnSearchResult<OpnCharge>> SearchChargesAsync(OpnCredentials credentials, string query, IDictionary<string, string> filters = null, int page = 1, int perPage = 20, CancellationToken cancellationToken = default)
    {
        return SearchChargesAsync(credentials, query, filters, page, perPage, null, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Sends GET /search?scope=charge&amp;query={order GUID}&amp;order=reverse_chronological&amp;page=1&amp;per_page=100 and
    /// keeps only the charges whose metadata order_guid is that GUID (the search is full-text, so other charges may
    /// match). Limits: Opn's search index may lag a few seconds behind a create, so an empty answer right after an
    /// ambiguous create does not prove there is no charge; only the first 100 matches are read.
    /// </remarks>
    public async Task<IList<OpnCharge>> FindChargesByOrderAsync(OpnCredentials credentials, Guid orderGuid, CancellationToken cancellationToken = default)
    {
        var result = await SearchChargesAsync(credentials, orderGuid.ToString("D"), null, 1, MaxPageSize, "reverse_chronological", cancellationToken);

        return result.Data
            .Where(charge => charge is not null
                && Guid.TryParse(charge.GetMetadata(OpnMetadataKeys.OrderGuid), out var chargeOrderGuid)
                && chargeOrderGuid == orderGuid)
            .OrderByDescending(charge => charge.CreatedAt ?? DateTime.MinValue)
            .ThenByDescending(charge => charge.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Creates the primary handler of the Opn HttpClient: connect timeout, pooled connections renewed every
    /// 5 minutes (DNS changes), no redirects (they would drop the credentials), no cookies
    /// </summary>
    /// <param name="options">Timeouts; null for the defaults</param>
    /// <param name="proxy">The proxy to send every request through; null for the system proxy</param>
    /// <param name="preAuthenticate">Whether the handler sends credentials before it is challenged</param>
    public static HttpMessageHandler CreatePrimaryHandler(OpnClientOptions options = null, IWebProxy proxy = null, bool preAuthenticate = false)
    {
        options ??= new OpnClientOptions();

        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate
        };

        //without one, the handler uses the system proxy (HTTPS_PROXY and the like)
        if (proxy is not null)
        {
            handler.Proxy = proxy;
            handler.UseProxy = true;
            handler.PreAuthenticate = preAuthenticate;
        }

        return handler;
    }

    #endregion

    #region Properties

    /// <summary>
    /// Gets the User-Agent sent with every request
    /// </summary>
    public static string UserAgent => _userAgent;

    #endregion
}
