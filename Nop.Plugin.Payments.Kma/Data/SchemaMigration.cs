using FluentMigrator;
using Nop.Data.Extensions;
using Nop.Data.Migrations;
using Nop.Plugin.Payments.Kma.Domain;

namespace Nop.Plugin.Payments.Kma.Data;

/// <summary>
/// Creates the payment claim table. NoMatter: nopCommerce runs it when the plugin is installed and when an installed
/// older version is updated (a plugin update applies only Update and NoMatter migrations); uninstalling drops the table
/// </summary>
[NopMigration("2026/12/05 17:40:00:0000000", "Payments.Kma payment claims", MigrationProcessType.NoMatter)]
public class SchemaMigration : AutoReversingMigration
{
    /// <summary>
    /// Collect the UP migration expressions
    /// </summary>
    public override void Up()
    {
        Create.TableFor<KmaPaymentClaim>();
    }
}
