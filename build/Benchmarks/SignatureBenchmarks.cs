using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Nop.Plugin.Payments.Kma.Opn;

namespace Nop.Plugin.Payments.Kma.Benchmarks;

/// <summary>
/// Omise-Signature verification of a 2 KB webhook body
/// </summary>
[MemoryDiagnoser]
public class SignatureBenchmarks
{
    private const string Secret = "a21hLWVtdWxhdG9yLXdlYmhvb2stc2VjcmV0LWRldiE=";
    private const string OldSecret = "b3RoZXItc2VjcmV0LW9mLWFub3RoZXItYWNjb3VudCE=";

    private byte[] _body;
    private string _timestamp;
    private string _signature;
    private string _rotatedSignatures;
    private WebhookSignatureVerifier _verifier;

    [GlobalSetup]
    public void Setup()
    {
        var eventJson = BenchmarkData.ChargeCompleteEventJson;
        _body = Encoding.UTF8.GetBytes(eventJson.PadRight(2048).Substring(0, 2048));

        var now = DateTimeOffset.UtcNow;
        _timestamp = now.ToUnixTimeSeconds().ToString();
        _signature = Sign(Secret);
        _rotatedSignatures = $"{Sign(OldSecret)}, {_signature}";
        _verifier = new WebhookSignatureVerifier(new FrozenClock(now));
    }

    private string Sign(string secret)
    {
        var message = Encoding.ASCII.GetBytes(_timestamp + ".").Concat(_body).ToArray();
        return Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromBase64String(secret), message));
    }

    [Benchmark(Baseline = true)]
    public bool Valid() => _verifier.Verify(_signature, _timestamp, _body, Secret).IsValid;

    [Benchmark]
    public bool RotatedSecondCandidate() => _verifier.Verify(_rotatedSignatures, _timestamp, _body, Secret).IsValid;

    private sealed class FrozenClock : TimeProvider
    {
        private readonly DateTimeOffset _now;

        public FrozenClock(DateTimeOffset now)
        {
            _now = now;
        }

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
