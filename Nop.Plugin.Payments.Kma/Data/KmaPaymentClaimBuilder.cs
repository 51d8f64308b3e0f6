using FluentMigrator.Builders.Create.Table;
using Nop.Data.Mapping.Builders;
using Nop.Plugin.Payments.Kma.Domain;

namespace Nop.Plugin.Payments.Kma.Data;

/// <summary>
/// Represents the payment claim entity builder
/// </summary>
public class KmaPaymentClaimBuilder : NopEntityBuilder<KmaPaymentClaim>
{
    #region Methods

    /// <summary>
    /// Apply entity configuration
    /// </summary>
    /// <param name="table">Create table expression builder</param>
    public override void MapEntity(CreateTableExpressionBuilder table)
    {
        //the unique key is the claim itself: a second insert for the same order fails in the database
        table.WithColumn(nameof(KmaPaymentClaim.OrderId)).AsInt32().NotNullable().Unique();
        table.WithColumn(nameof(KmaPaymentClaim.Holder)).AsString(KmaDefaults.Claims.HolderMaxLength).NotNullable();
    }

    #endregion
}
