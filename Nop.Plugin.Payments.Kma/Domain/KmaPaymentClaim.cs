using Nop.Core;

namespace Nop.Plugin.Payments.Kma.Domain;

/// <summary>
/// Represents a node's claim on applying an order's KMA charge. The table has a unique key on the order id, so across
/// every web node sharing the database at most one claim per order exists at a time
/// </summary>
public class KmaPaymentClaim : BaseEntity
{
    /// <summary>
    /// Gets or sets the order identifier (unique)
    /// </summary>
    public int OrderId { get; set; }

    /// <summary>
    /// Gets or sets who holds the claim: machine, process and a token unique to this claim
    /// </summary>
    public string Holder { get; set; }

    /// <summary>
    /// Gets or sets when the claim was taken (UTC, the holder's clock); after the lease a claim counts as abandoned
    /// </summary>
    public DateTime TakenOnUtc { get; set; }
}
