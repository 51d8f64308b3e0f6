using BenchmarkDotNet.Attributes;
using Nop.Plugin.Payments.Kma.Services;

namespace Nop.Plugin.Payments.Kma.Benchmarks;

/// <summary>
/// The QR code SVG the Pay page renders for every desktop shopper
/// </summary>
[MemoryDiagnoser]
public class QrCodeBenchmarks
{
    // The length of a typical Opn authorize_uri (about 60 to 150 characters).
    private const string AuthorizeUri = "https://api.omise.co/payments/paym_test_5xuy4w91xqz7d1w9u0t/authorize?acs=false&source_type=mobile_banking_bay";

    [Benchmark]
    public string AuthorizeUriToSvg() => KmaQrCode.ToSvg(AuthorizeUri);
}
