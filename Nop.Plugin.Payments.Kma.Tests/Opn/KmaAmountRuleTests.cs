using Nop.Plugin.Payments.Kma.Opn;

namespace Nop.Plugin.Payments.Kma.Tests.Opn;

[TestFixture]
public class KmaAmountRuleTests
{
    [TestCase("1500", 150000L)]
    [TestCase("20.005", 2001L)]
    [TestCase("20.004", 2000L)]
    [TestCase("19.995", 2000L)]
    [TestCase("19.994", 1999L)]
    [TestCase("0.005", 1L)]
    [TestCase("-20.005", -2001L)]
    [TestCase("150000.00", 15000000L)]
    [TestCase("150000.004999", 15000000L)]
    [TestCase("150000.005", 15000001L)]
    [TestCase("12345678901.235", 1234567890124L)]
    [TestCase("92233720368547758.07", long.MaxValue)]
    public void ToSatangIsExact(string thb, long satang)
    {
        Assert.That(KmaAmountRule.ToSatang(decimal.Parse(thb, System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(satang));
    }

    [Test]
    public void SumsThatDriftInBinaryFloatingPointStayExact()
    {
        Assert.That(KmaAmountRule.ToSatang(0.1m + 0.2m), Is.EqualTo(30));
        Assert.That(KmaAmountRule.ToSatang(Enumerable.Repeat(0.1m, 10).Sum()), Is.EqualTo(100));
        Assert.That(KmaAmountRule.ToSatang(1.15m * 3), Is.EqualTo(345));
        //a price that went through double (as some callers' code does) still lands on the intended satang
        Assert.That(KmaAmountRule.ToSatang((decimal)(0.1 + 0.2)), Is.EqualTo(30));
        Assert.That(KmaAmountRule.ToSatang((decimal)1.005), Is.EqualTo(101));
    }

    [Test]
    public void AmountsTooLargeForSatangOverflow()
    {
        Assert.That(() => KmaAmountRule.ToSatang(decimal.MaxValue), Throws.InstanceOf<OverflowException>());
    }

    [TestCase(1999L, false)]
    [TestCase(2000L, true)]
    [TestCase(150000L, true)]
    [TestCase(15000000L, true)]
    [TestCase(15000001L, false)]
    [TestCase(0L, false)]
    [TestCase(-2000L, false)]
    public void LimitsAreInclusive(long satang, bool allowed)
    {
        Assert.That(KmaAmountRule.IsWithinLimits(satang), Is.EqualTo(allowed));
    }

    [Test]
    public void LimitsMatchTheGuide()
    {
        Assert.That(KmaAmountRule.MinSatang, Is.EqualTo(2000));
        Assert.That(KmaAmountRule.MaxSatang, Is.EqualTo(15000000));
        Assert.That(KmaAmountRule.IsWithinLimits(KmaAmountRule.ToSatang(20m)), Is.True);
        Assert.That(KmaAmountRule.IsWithinLimits(KmaAmountRule.ToSatang(19.99m)), Is.False);
        Assert.That(KmaAmountRule.IsWithinLimits(KmaAmountRule.ToSatang(150000m)), Is.True);
        Assert.That(KmaAmountRule.IsWithinLimits(KmaAmountRule.ToSatang(150000.01m)), Is.False);
    }
}
