namespace OpnEmulator;

/// <summary>
/// The active fault rules; rules with a count are removed when used up
/// </summary>
internal sealed class FaultRegistry
{
    private readonly object _lock = new();
    private List<FaultRule> _rules = new();
    private int _nextId;

    /// <summary>Gets whether any rule is active (checked on every call; cheap)</summary>
    public bool IsEmpty => Volatile.Read(ref _rules).Count == 0;

    public FaultRule Add(FaultRule rule)
    {
        rule.Arm();
        if (rule.Kind == FaultKind.AmbiguousCreate && rule.Method is null && rule.Path is null)
        {
            rule.Method = "POST";
            rule.Path = "/charges";
        }
        lock (_lock)
        {
            rule.Id = "fault_" + (++_nextId);
            _rules = new List<FaultRule>(_rules) { rule };
        }
        return rule;
    }

    public IReadOnlyList<FaultRule> Rules => Volatile.Read(ref _rules);

    public bool Remove(string id)
    {
        lock (_lock)
        {
            var before = _rules.Count;
            _rules = _rules.Where(rule => rule.Id != id).ToList();
            return _rules.Count != before;
        }
    }

    public void Clear()
    {
        lock (_lock)
            _rules = new List<FaultRule>();
    }

    /// <summary>The API faults that hit this call (each rule rolls its own rate and spends its own count)</summary>
    public List<FaultRule> HitCall(string method, string path)
    {
        return Hit(rule => !rule.IsDeliveryFault && rule.MatchesCall(method, path));
    }

    /// <summary>The delivery faults that hit this event</summary>
    public List<FaultRule> HitDelivery(string eventKey)
    {
        return Hit(rule => rule.IsDeliveryFault && rule.MatchesEvent(eventKey));
    }

    private List<FaultRule> Hit(Func<FaultRule, bool> applies)
    {
        var hits = new List<FaultRule>();
        var rules = Volatile.Read(ref _rules);
        if (rules.Count == 0)
            return hits;

        foreach (var rule in rules)
            if (applies(rule) && rule.TryHit())
                hits.Add(rule);

        if (rules.Any(rule => rule.IsUsedUp))
            lock (_lock)
                _rules = _rules.Where(rule => !rule.IsUsedUp).ToList();
        return hits;
    }
}
