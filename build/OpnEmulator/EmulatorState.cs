namespace OpnEmulator;

internal sealed class SourceRecord
{
    public SourceObject Source { get; init; }
    public bool Used { get; set; }
}

internal sealed class ChargeRecord
{
    public ChargeObject Charge { get; init; }
    public string PaymentId { get; init; }
    public IList<string> WebhookEndpoints { get; init; } = new List<string>();
    public List<EventRecord> Events { get; } = new();
}

internal sealed record ChargeSummary(string ChargeId, string PaymentId, long Amount, string Currency, string Status, string FailureCode,
    string Description, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

internal sealed class EventRecord
{
    public EventObject Event { get; init; }
    public string ChargeId { get; init; }

    /// <summary>Gets the exact bytes delivered to webhook endpoints (the event as it was when it happened)</summary>
    public byte[] Body { get; init; }
}

/// <summary>
/// All charges, sources and events, in memory. One lock guards everything: operations are microseconds long.
/// </summary>
internal sealed class EmulatorState
{
    #region Fields

    private readonly object _lock = new();
    private readonly EmulatorClock _clock;
    private readonly WebhookSettings _webhooks;
    private readonly Action<EventRecord, IList<string>> _publish;
    private readonly TimeSpan _defaultLifetime;
    private readonly Dictionary<string, ChargeRecord> _charges = new(StringComparer.Ordinal);
    private readonly List<ChargeRecord> _chargesInOrder = new();
    private readonly Dictionary<string, ChargeRecord> _chargesByPayment = new(StringComparer.Ordinal);
    private readonly HashSet<ChargeRecord> _pending = new();
    private readonly Dictionary<string, SourceRecord> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EventRecord> _events = new(StringComparer.Ordinal);
    private readonly List<EventRecord> _eventsInOrder = new();

    #endregion

    #region Ctor

    public EmulatorState(EmulatorClock clock, WebhookSettings webhooks, TimeSpan defaultLifetime, Action<EventRecord, IList<string>> publish)
    {
        _clock = clock;
        _webhooks = webhooks;
        _defaultLifetime = defaultLifetime;
        _publish = publish;
    }

    #endregion

    #region Properties

    public TimeSpan ChargeLifetime { get; set; }

    public EmulatorClock Clock => _clock;

    #endregion

    #region Sources and charges

    public byte[] CreateSource(RequestParameters parameters)
    {
        var source = NewSource(parameters, requireAmount: true);
        lock (_lock)
            _sources[source.Id] = new SourceRecord { Source = source };
        return OpnJson.Serialize(source);
    }

    public byte[] GetSource(string id)
    {
        lock (_lock)
        {
            if (!_sources.TryGetValue(id, out var record))
                throw OpnError.NotFound("source", id);
            return OpnJson.Serialize(record.Source);
        }
    }

    public byte[] CreateCharge(RequestParameters parameters, string baseUrl)
    {
        var amount = ChargeRules.ParseAmount(parameters.GetString("amount"));
        var currency = ChargeRules.CheckCurrency(parameters.GetString("currency"));
        var returnUri = parameters.GetString("return_uri");
        var endpoints = parameters.GetStringList("webhook_endpoints");
        var now = _clock.GetUtcNow();

        var expiresAt = now + (ChargeLifetime > TimeSpan.Zero ? ChargeLifetime : _defaultLifetime);
        var expiresAtRaw = parameters.GetString("expires_at");
        if (!string.IsNullOrEmpty(expiresAtRaw))
        {
            if (!DateTimeOffset.TryParse(expiresAtRaw, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var requested) || requested <= now)
                throw OpnError.InvalidCharge("expires_at must be a time in the future");
            expiresAt = requested;
        }

        foreach (var endpoint in endpoints)
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out _))
                throw OpnError.InvalidCharge($"webhook_endpoints contains an invalid URI");

        var inlineSource = parameters.GetObject("source");
        var sourceId = inlineSource is null ? parameters.GetString("source") : null;
        if (inlineSource is null && string.IsNullOrEmpty(sourceId))
            throw OpnError.InvalidCharge("source is required (this emulator only supports source charges)");

        SourceObject newSource = null;
        if (inlineSource is not null)
        {
            newSource = NewSource(inlineSource, requireAmount: false, defaultAmount: amount, defaultCurrency: currency);
            CheckSourceMatches(newSource, amount, currency);
            ChargeRules.CheckAmount(amount, newSource.Type);
        }

        if (string.IsNullOrWhiteSpace(returnUri) || !Uri.TryCreate(returnUri, UriKind.Absolute, out _))
            throw OpnError.InvalidCharge("return_uri is required for an offsite payment and must be an absolute URI");

        var chargeId = Ids.New("chrg");
        var paymentId = Ids.New("pay2");
        var charge = new ChargeObject
        {
            Id = chargeId,
            Location = "/charges/" + chargeId,
            Amount = amount,
            Fee = ChargeRules.Fee,
            FeeVat = ChargeRules.FeeVat,
            Net = amount - ChargeRules.Fee - ChargeRules.FeeVat,
            FundingAmount = amount,
            Currency = currency,
            FundingCurrency = currency,
            Ip = parameters.GetString("ip"),
            Refunds = new ListObject<object> { Location = $"/charges/{chargeId}/refunds", From = DateTimeOffset.UnixEpoch, To = now },
            Description = parameters.GetString("description"),
            Metadata = parameters.GetRawObject("metadata") is { } metadata ? new Dictionary<string, object>(metadata) : new Dictionary<string, object>(),
            AuthorizeUri = $"{baseUrl.TrimEnd('/')}/payments/{paymentId}/authorize",
            ReturnUri = returnUri,
            CreatedAt = now,
            ExpiresAt = expiresAt
        };
        var record = new ChargeRecord { Charge = charge, PaymentId = paymentId, WebhookEndpoints = endpoints };

        lock (_lock)
        {
            if (newSource is null)
            {
                if (!_sources.TryGetValue(sourceId, out var sourceRecord))
                    throw OpnError.NotFound("source", sourceId);
                CheckSourceMatches(sourceRecord.Source, amount, currency);
                ChargeRules.CheckAmount(amount, sourceRecord.Source.Type);
                if (sourceRecord.Used)
                    throw OpnError.InvalidCharge("source has already been used");
                sourceRecord.Used = true;
                newSource = sourceRecord.Source;
            }
            else
            {
                _sources[newSource.Id] = new SourceRecord { Source = newSource, Used = true };
            }

            newSource.ChargeStatus = "pending";
            newSource.ProviderReferences = new ProviderReferencesObject { ReferenceNumber1 = Ids.RandomMixedCase(16) };
            charge.Source = newSource;

            _charges[chargeId] = record;
            _chargesInOrder.Add(record);
            _chargesByPayment[paymentId] = record;
            _pending.Add(record);
            return AddEvent(record, "charge.create", now);
        }
    }

    public byte[] GetCharge(string id)
    {
        lock (_lock)
        {
            var record = FindCharge(id);
            ExpireIfDue(record, _clock.GetUtcNow());
            return OpnJson.Serialize(record.Charge);
        }
    }

    /// <summary>POST /charges/{id}/expire: only a pending charge can be expired</summary>
    public byte[] ExpireChargeByApi(string id)
    {
        lock (_lock)
        {
            var record = FindCharge(id);
            var now = _clock.GetUtcNow();
            ExpireIfDue(record, now);
            if (record.Charge.Status != "pending")
                throw new OpnError(400, "failed_expire", $"charge {id} is {record.Charge.Status} and cannot be expired");
            return Expire(record, now, now);
        }
    }

    /// <summary>Marks a pending charge successful; false when it is not pending</summary>
    public bool Complete(string id)
    {
        lock (_lock)
        {
            var record = FindCharge(id);
            var now = _clock.GetUtcNow();
            ExpireIfDue(record, now);
            if (record.Charge.Status != "pending")
                return false;

            var charge = record.Charge;
            charge.Status = "successful";
            charge.Authorized = true;
            charge.Paid = true;
            charge.AuthorizedAt = now;
            charge.PaidAt = now;
            charge.Transaction = Ids.New("trxn");
            charge.Source.ChargeStatus = "successful";
            _pending.Remove(record);
            AddEvent(record, "charge.complete", now);
            return true;
        }
    }

    /// <summary>Marks a pending charge failed with one of the guide's failure codes; false when it is not pending</summary>
    public bool Fail(string id, string failureCode)
    {
        failureCode = string.IsNullOrEmpty(failureCode) ? "payment_rejected" : failureCode;
        if (!ChargeRules.FailureMessages.TryGetValue(failureCode, out var message))
            throw OpnError.BadRequest($"failure_code must be one of {string.Join(", ", ChargeRules.FailureMessages.Keys)}");

        lock (_lock)
        {
            var record = FindCharge(id);
            var now = _clock.GetUtcNow();
            ExpireIfDue(record, now);
            if (record.Charge.Status != "pending")
                return false;

            var charge = record.Charge;
            charge.Status = "failed";
            charge.FailureCode = failureCode;
            charge.FailureMessage = message;
            charge.Source.ChargeStatus = "failed";
            _pending.Remove(record);
            AddEvent(record, "charge.complete", now);
            return true;
        }
    }

    /// <summary>Expires a pending charge now (control API); false when it is not pending</summary>
    public bool ExpireNow(string id)
    {
        lock (_lock)
        {
            var record = FindCharge(id);
            var now = _clock.GetUtcNow();
            ExpireIfDue(record, now);
            if (record.Charge.Status != "pending")
                return false;
            Expire(record, now, now);
            return true;
        }
    }

    /// <summary>Expires every pending charge whose expires_at has passed</summary>
    public int ExpireDueCharges()
    {
        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            var due = _pending.Where(record => record.Charge.ExpiresAt <= now).ToList();
            foreach (var record in due)
                ExpireIfDue(record, now);
            return due.Count;
        }
    }

    public string GetChargeStatus(string id)
    {
        lock (_lock)
        {
            var record = FindCharge(id);
            ExpireIfDue(record, _clock.GetUtcNow());
            return record.Charge.Status;
        }
    }

    public IReadOnlyList<string> ChargeIds()
    {
        lock (_lock)
            return _chargesInOrder.Select(record => record.Charge.Id).ToList();
    }

    /// <summary>What the authorize page shows; null when the payment id is unknown</summary>
    public (string ChargeId, long Amount, string Currency, string Status, string Description, string ReturnUri)? GetPayment(string paymentId)
    {
        lock (_lock)
        {
            if (!_chargesByPayment.TryGetValue(paymentId, out var record))
                return null;
            ExpireIfDue(record, _clock.GetUtcNow());
            var charge = record.Charge;
            return (charge.Id, charge.Amount, charge.Currency, charge.Status, charge.Description, charge.ReturnUri);
        }
    }

    /// <summary>What the emulator's index page lists, oldest first</summary>
    public IReadOnlyList<ChargeSummary> ChargeSummaries()
    {
        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            foreach (var record in _pending.ToList())
                ExpireIfDue(record, now);
            return _chargesInOrder.Select(record => new ChargeSummary(record.Charge.Id, record.PaymentId, record.Charge.Amount, record.Charge.Currency,
                record.Charge.Status, record.Charge.FailureCode, record.Charge.Description, record.Charge.CreatedAt, record.Charge.ExpiresAt)).ToList();
        }
    }

    #endregion

    #region Events, lists and search

    public byte[] GetEvent(string id)
    {
        lock (_lock)
        {
            if (!_events.TryGetValue(id, out var record))
                throw OpnError.NotFound("event", id);
            return OpnJson.Serialize(record.Event);
        }
    }

    public byte[] ListEvents(ListParameters list)
    {
        lock (_lock)
            return OpnJson.Serialize(list.Apply(_eventsInOrder.Select(record => record.Event), e => e.CreatedAt, "/events", _clock.GetUtcNow()));
    }

    public byte[] ListChargeEvents(string chargeId, ListParameters list)
    {
        lock (_lock)
        {
            var record = FindCharge(chargeId);
            ExpireIfDue(record, _clock.GetUtcNow());
            return OpnJson.Serialize(list.Apply(record.Events.Select(e => e.Event), e => e.CreatedAt, $"/charges/{chargeId}/events", _clock.GetUtcNow()));
        }
    }

    public byte[] ListCharges(ListParameters list)
    {
        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            foreach (var record in _pending.ToList())
                ExpireIfDue(record, now);
            return OpnJson.Serialize(list.Apply(_chargesInOrder.Select(record => record.Charge), c => c.CreatedAt, "/charges", now));
        }
    }

    /// <summary>GET /search?scope=charge: the query matches ids, description and metadata values; filters match fields exactly</summary>
    public byte[] SearchCharges(string query, IDictionary<string, string> filters, int page, int perPage, string order)
    {
        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            foreach (var record in _pending.ToList())
                ExpireIfDue(record, now);

            IEnumerable<ChargeObject> matches = _chargesInOrder.Select(record => record.Charge);
            if (!string.IsNullOrWhiteSpace(query))
                matches = matches.Where(charge => MatchesQuery(charge, query.Trim()));
            foreach (var filter in filters)
                matches = matches.Where(charge => MatchesFilter(charge, filter.Key, filter.Value));
            if (order == "reverse_chronological")
                matches = matches.Reverse();

            var all = matches.ToList();
            var result = new SearchObject<ChargeObject>
            {
                Scope = "charge",
                Query = query ?? string.Empty,
                Filters = filters,
                Order = order,
                Page = page,
                PerPage = perPage,
                Total = all.Count,
                TotalPages = (all.Count + perPage - 1) / perPage,
                Data = all.Skip((page - 1) * perPage).Take(perPage).ToList()
            };
            return OpnJson.Serialize(result);
        }
    }

    #endregion

    #region Reset

    public void Reset()
    {
        lock (_lock)
        {
            _charges.Clear();
            _chargesInOrder.Clear();
            _chargesByPayment.Clear();
            _pending.Clear();
            _sources.Clear();
            _events.Clear();
            _eventsInOrder.Clear();
        }
    }

    #endregion

    #region Utilities

    private ChargeRecord FindCharge(string id)
    {
        if (id is null || !_charges.TryGetValue(id, out var record))
            throw OpnError.NotFound("charge", id);
        return record;
    }

    private void ExpireIfDue(ChargeRecord record, DateTimeOffset now)
    {
        if (record.Charge.Status == "pending" && record.Charge.ExpiresAt <= now)
            Expire(record, record.Charge.ExpiresAt.Value, now);
    }

    private byte[] Expire(ChargeRecord record, DateTimeOffset expiredAt, DateTimeOffset now)
    {
        var charge = record.Charge;
        charge.Status = "expired";
        charge.Expired = true;
        charge.ExpiredAt = expiredAt;
        charge.ExpiresAt = expiredAt;
        charge.Source.ChargeStatus = "expired";
        _pending.Remove(record);
        return AddEvent(record, "charge.expire", now);
    }

    /// <summary>Records an event with a snapshot of the charge and hands it to the webhook dispatcher (called under the lock); returns the snapshot</summary>
    private byte[] AddEvent(ChargeRecord record, string key, DateTimeOffset now)
    {
        var id = Ids.New("evnt");
        var snapshot = OpnJson.Serialize(record.Charge);
        var ev = new EventObject
        {
            Id = id,
            Location = "/events/" + id,
            Key = key,
            CreatedAt = now,
            Data = new RawJson(snapshot)
        };

        // The delivered body is fixed when the event happens; it is only built when someone will receive it.
        var recipients = _webhooks.RecipientsFor(record.WebhookEndpoints);
        var eventRecord = new EventRecord { Event = ev, ChargeId = record.Charge.Id, Body = recipients.Count > 0 ? OpnJson.Serialize(ev) : null };
        _events[id] = eventRecord;
        _eventsInOrder.Add(eventRecord);
        record.Events.Add(eventRecord);
        _publish(eventRecord, recipients);
        return snapshot;
    }

    /// <summary>Records a webhook attempt on its event, as Opn lists them in webhook_deliveries</summary>
    public void AddDeliveryToEvent(string eventId, WebhookDeliveryObject delivery)
    {
        lock (_lock)
            if (_events.TryGetValue(eventId, out var record))
                record.Event.WebhookDeliveries.Add(delivery);
    }

    private SourceObject NewSource(RequestParameters parameters, bool requireAmount, long defaultAmount = 0, string defaultCurrency = null)
    {
        var type = parameters.GetString("type");
        if (string.IsNullOrWhiteSpace(type))
            throw OpnError.BadRequest("type is required");
        if (!ChargeRules.SourceTypes.Contains(type))
            throw new OpnError(400, requireAmount ? "bad_request" : "invalid_charge", $"source type {type} is not supported");

        var rawAmount = parameters.GetString("amount");
        long amount;
        if (rawAmount is null && !requireAmount)
            amount = defaultAmount;
        else
        {
            amount = ChargeRules.ParseAmount(rawAmount);
            if (requireAmount)
                ChargeRules.CheckAmount(amount, type);
        }

        var rawCurrency = parameters.GetString("currency");
        var currency = rawCurrency is null && !requireAmount ? defaultCurrency : ChargeRules.CheckCurrency(rawCurrency);

        var id = Ids.New("src");
        return new SourceObject
        {
            Id = id,
            Location = "/sources/" + id,
            Amount = amount,
            CreatedAt = _clock.GetUtcNow(),
            Currency = currency,
            Flow = "app_redirect",
            PlatformType = ChargeRules.CheckPlatformType(parameters.GetString("platform_type")),
            Type = type,
            Email = parameters.GetString("email"),
            PhoneNumber = parameters.GetString("phone_number"),
            Ip = parameters.GetString("ip")
        };
    }

    private static void CheckSourceMatches(SourceObject source, long amount, string currency)
    {
        if (source.Amount != amount)
            throw OpnError.InvalidCharge($"amount {amount} does not match the source's amount {source.Amount}");
        if (!string.Equals(source.Currency, currency, StringComparison.OrdinalIgnoreCase))
            throw OpnError.InvalidCharge($"currency {currency} does not match the source's currency {source.Currency}");
    }

    private static bool MatchesQuery(ChargeObject charge, string query)
    {
        bool Has(string value) => value is not null && value.Contains(query, StringComparison.OrdinalIgnoreCase);
        return Has(charge.Id) || Has(charge.Description) || Has(charge.Source?.Id) || Has(charge.ReturnUri)
            || charge.Metadata.Values.Any(value => Has(value as string ?? value?.ToString()));
    }

    private static bool MatchesFilter(ChargeObject charge, string name, string value)
    {
        return name switch
        {
            "status" => string.Equals(charge.Status, value, StringComparison.OrdinalIgnoreCase),
            "amount" => charge.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture) == value,
            "currency" => string.Equals(charge.Currency, value, StringComparison.OrdinalIgnoreCase),
            "paid" => string.Equals(charge.Paid ? "true" : "false", value, StringComparison.OrdinalIgnoreCase),
            "source_type" => string.Equals(charge.Source?.Type, value, StringComparison.Ordinal),
            _ when name.StartsWith("metadata.", StringComparison.Ordinal) =>
                charge.Metadata.TryGetValue(name["metadata.".Length..], out var metadataValue) && string.Equals(metadataValue as string ?? metadataValue?.ToString(), value, StringComparison.Ordinal),
            _ => throw new OpnError(400, "invalid_filters", $"filter {name} is not supported")
        };
    }

    #endregion
}
