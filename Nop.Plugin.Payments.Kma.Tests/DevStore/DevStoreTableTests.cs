using DevStore.Data;
using Nop.Core.Domain.Common;

namespace Nop.Plugin.Payments.Kma.Tests.DevStore;

[TestFixture]
public class DevStoreTableTests
{
    [Test]
    public void IndexFollowsInsertsUpdatesAndDeletes()
    {
        var table = new Table<GenericAttribute>().IndexBy("Entity", row => (row.EntityId, row.KeyGroup));
        var first = new GenericAttribute { EntityId = 1, KeyGroup = "Order", Key = "a", Value = "1" };
        table.Insert(first);
        table.Insert(new GenericAttribute { EntityId = 1, KeyGroup = "Order", Key = "b", Value = "2" });
        table.Insert(new GenericAttribute { EntityId = 2, KeyGroup = "Order", Key = "a", Value = "3" });

        Assert.That(table.Lookup("Entity", (1, "Order")).Select(row => row.Key), Is.EqualTo(new[] { "a", "b" }));

        first.EntityId = 2;
        table.Update(first);
        Assert.That(table.Lookup("Entity", (1, "Order")).Select(row => row.Key), Is.EqualTo(new[] { "b" }));
        Assert.That(table.Lookup("Entity", (2, "Order")).Select(row => row.Value), Is.EqualTo(new[] { "1", "3" }));

        table.Delete(row => row.Value == "3");
        Assert.That(table.Lookup("Entity", (2, "Order")).Select(row => row.Value), Is.EqualTo(new[] { "1" }));
        Assert.That(table.Lookup("Entity", (3, "Order")), Is.Empty);
    }

    [Test]
    public void LookupReturnsCopies()
    {
        var table = new Table<GenericAttribute>().IndexBy("Entity", row => (row.EntityId, row.KeyGroup));
        table.Insert(new GenericAttribute { EntityId = 1, KeyGroup = "Order", Key = "a", Value = "1" });

        table.Lookup("Entity", (1, "Order")).Single().Value = "changed";

        Assert.That(table.Lookup("Entity", (1, "Order")).Single().Value, Is.EqualTo("1"));
    }
}
