using System.Reflection;
using FluentMigrator;
using Moq;
using Nop.Core.Caching;
using Nop.Data;
using Nop.Data.Mapping.Builders;
using Nop.Data.Migrations;
using Nop.Plugin.Payments.Kma.Data;
using Nop.Plugin.Payments.Kma.Domain;
using Nop.Plugin.Payments.Kma.Services;

namespace Nop.Plugin.Payments.Kma.Tests.Sync;

[TestFixture]
public class KmaPaymentClaimServiceTests
{
    private SyncHarness _harness;

    [SetUp]
    public void SetUp()
    {
        _harness = new SyncHarness();
    }

    [Test]
    public async Task ASecondClaimOnTheSameOrderIsRefusedUntilTheFirstIsReleased()
    {
        var nodeA = _harness.CreateClaimService();
        var nodeB = _harness.CreateClaimService();

        var first = await nodeA.TryTakeAsync(7);
        var refused = await nodeB.TryTakeAsync(7);
        var otherOrder = await nodeB.TryTakeAsync(8);
        await nodeA.ReleaseAsync(first);
        var second = await nodeB.TryTakeAsync(7);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.Not.Null);
            Assert.That(refused, Is.Null);
            Assert.That(otherOrder, Is.Not.Null, "claims are per order");
            Assert.That(second, Is.Not.Null);
            Assert.That(second.Holder, Is.Not.EqualTo(first.Holder), "every claim has its own holder token");
            Assert.That(first.Holder, Does.StartWith($"{Environment.MachineName}/{Environment.ProcessId}/"));
        });
    }

    [Test]
    public async Task ManyNodesTakingOverOneAbandonedClaimAtOnceLeaveExactlyOneHolder()
    {
        _harness.Claims.Insert(new KmaPaymentClaim { OrderId = 7, Holder = "dead-node/1/0", TakenOnUtc = DateTime.UtcNow.AddHours(-1) });
        var nodes = Enumerable.Range(0, 16).Select(_ => _harness.CreateClaimService()).ToList();

        using var start = new ManualResetEventSlim();
        var takes = nodes.Select(node => Task.Run(async () =>
        {
            start.Wait();
            return await node.TryTakeAsync(7);
        })).ToArray();
        start.Set();
        var claims = await Task.WhenAll(takes);

        var winners = claims.Where(claim => claim != null).ToList();
        Assert.That(winners, Has.Count.EqualTo(1));
        Assert.That(_harness.Claims.Query().Select(row => row.Holder), Is.EqualTo(new[] { winners[0].Holder }));
    }

    [Test]
    public async Task AnInsertThatLosesTheRaceAfterTheFirstReadReturnsNoClaim()
    {
        //the row appears between this node's read and its insert: the unique key refuses the insert
        var repository = new Mock<IRepository<KmaPaymentClaim>>();
        var reads = 0;
        repository.Setup(repo => repo.GetAllAsync(It.IsAny<Func<IQueryable<KmaPaymentClaim>, IQueryable<KmaPaymentClaim>>>(), It.IsAny<Func<ICacheKeyService, CacheKey>>(), It.IsAny<bool>()))
            .ReturnsAsync(() => reads++ == 0 ? [] : [new KmaPaymentClaim { OrderId = 7, Holder = "other/1/0", TakenOnUtc = DateTime.UtcNow }]);
        repository.Setup(repo => repo.InsertAsync(It.IsAny<KmaPaymentClaim>(), false)).ThrowsAsync(new InvalidOperationException("23505: duplicate key value violates unique constraint"));

        var claim = await new KmaPaymentClaimService(_harness.Logger.Object, repository.Object).TryTakeAsync(7);

        Assert.That(claim, Is.Null);
    }

    [Test]
    public void AFailedInsertWithNoRowBehindItIsARealErrorAndIsThrown()
    {
        var repository = new Mock<IRepository<KmaPaymentClaim>>();
        repository.Setup(repo => repo.GetAllAsync(It.IsAny<Func<IQueryable<KmaPaymentClaim>, IQueryable<KmaPaymentClaim>>>(), It.IsAny<Func<ICacheKeyService, CacheKey>>(), It.IsAny<bool>()))
            .ReturnsAsync([]);
        repository.Setup(repo => repo.InsertAsync(It.IsAny<KmaPaymentClaim>(), false)).ThrowsAsync(new InvalidOperationException("relation \"KmaPaymentClaim\" does not exist"));

        Assert.ThrowsAsync<InvalidOperationException>(() => new KmaPaymentClaimService(_harness.Logger.Object, repository.Object).TryTakeAsync(7));
    }

    [Test]
    public async Task TheClaimIsReadWithoutACacheAndWrittenWithoutEntityEventsOrATransactionScope()
    {
        var repository = new Mock<IRepository<KmaPaymentClaim>>();
        repository.Setup(repo => repo.GetAllAsync(It.IsAny<Func<IQueryable<KmaPaymentClaim>, IQueryable<KmaPaymentClaim>>>(), It.IsAny<Func<ICacheKeyService, CacheKey>>(), It.IsAny<bool>()))
            .ReturnsAsync([]);
        var service = new KmaPaymentClaimService(_harness.Logger.Object, repository.Object);

        var claim = await service.TryTakeAsync(7);
        await service.ReleaseAsync(claim);

        repository.Verify(repo => repo.InsertAsync(It.Is<KmaPaymentClaim>(row => row.OrderId == 7), false), Times.Once);
        repository.Verify(repo => repo.GetAllAsync(It.IsAny<Func<IQueryable<KmaPaymentClaim>, IQueryable<KmaPaymentClaim>>>(), null, It.IsAny<bool>()), Times.Once);
        //by the row itself (primary key): nopCommerce's DeleteAsync(predicate) runs in a serializable TransactionScope,
        //which PostgreSQL aborted (40001) for concurrent releases on the real farm
        repository.Verify(repo => repo.DeleteAsync(claim, false), Times.Once);
        repository.VerifyNoOtherCalls();
    }

    [Test]
    public async Task AReleaseTheDatabaseRefusesIsLoggedNotThrown()
    {
        var repository = new Mock<IRepository<KmaPaymentClaim>>();
        repository.Setup(repo => repo.DeleteAsync(It.IsAny<KmaPaymentClaim>(), false)).ThrowsAsync(new InvalidOperationException("40001: could not serialize access"));
        var claim = new KmaPaymentClaim { Id = 3, OrderId = 7, Holder = "node/1/0", TakenOnUtc = DateTime.UtcNow };

        await new KmaPaymentClaimService(_harness.Logger.Object, repository.Object).ReleaseAsync(claim);

        Assert.That(_harness.Warnings, Has.Some.Contains("order #7: the payment claim could not be released; it lapses after 2 minutes"));
    }

    [Test]
    public async Task ReleasingAClaimThatWasTakenOverLeavesTheNewHoldersRow()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        _harness.ClaimClock = clock;
        var slow = _harness.CreateClaimService();
        var claim = await slow.TryTakeAsync(7);
        clock.Now += KmaDefaults.Claims.Lease + TimeSpan.FromSeconds(1);
        var taker = _harness.CreateClaimService();
        var takenOver = await taker.TryTakeAsync(7);

        var stillHeld = await slow.IsHeldAsync(claim);
        await slow.ReleaseAsync(claim);

        Assert.Multiple(() =>
        {
            Assert.That(takenOver, Is.Not.Null);
            Assert.That(stillHeld, Is.False);
            Assert.That(_harness.Claims.Query().Select(row => row.Holder), Is.EqualTo(new[] { takenOver.Holder }));
        });
    }

    [Test]
    public void TheClaimTableIsCreatedByAMigrationNopCommerceRunsOnInstallAndOnUpdate()
    {
        var attribute = typeof(SchemaMigration).GetCustomAttributesData().Single(data => data.AttributeType == typeof(NopMigrationAttribute));
        var builder = typeof(KmaPaymentClaimBuilder).BaseType;

        Assert.Multiple(() =>
        {
            Assert.That(typeof(SchemaMigration).BaseType, Is.EqualTo(typeof(AutoReversingMigration)), "uninstall drops the table (Down reverses Up)");
            //NoMatter: applied by InstallPluginsAsync (Installation) and by UpdatePluginsAsync (Update) when an older version is installed
            Assert.That(attribute.ConstructorArguments.Last().Value, Is.EqualTo((int)MigrationProcessType.NoMatter));
            Assert.That(attribute.ConstructorArguments[0].Value, Does.Match(@"^\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}:\d{7}$"));
            Assert.That(builder, Is.EqualTo(typeof(NopEntityBuilder<KmaPaymentClaim>)));
            Assert.That(typeof(SchemaMigration).GetMethod(nameof(MigrationBase.Up))!.DeclaringType, Is.EqualTo(typeof(SchemaMigration)));
        });
    }
}
