using FluentMigrator;

namespace Nop.Data.Migrations
{
    public enum MigrationProcessType
    {
        NoMatter,
        Installation,
        Update
    }

    public partial class NopMigrationAttribute : MigrationAttribute
    {
        public NopMigrationAttribute(string dateTime, string description, MigrationProcessType targetMigrationProcess = MigrationProcessType.NoMatter) :
            base(0, description)
        {
        }
    }
}

namespace Nop.Data.Mapping.Builders
{
    using FluentMigrator.Builders.Create.Table;
    using Nop.Core;

    public partial interface IEntityBuilder
    {
        void MapEntity(CreateTableExpressionBuilder table);
    }

    public abstract partial class NopEntityBuilder<TEntity> : IEntityBuilder where TEntity : BaseEntity
    {
        public abstract void MapEntity(CreateTableExpressionBuilder table);
    }
}

namespace Nop.Data.Extensions
{
    using FluentMigrator.Builders.Create;
    using Nop.Core;

    public static class FluentMigratorExtensions
    {
        public static void TableFor<TEntity>(this ICreateExpressionRoot expressionRoot) where TEntity : BaseEntity
        {
            throw new NotImplementedException();
        }
    }
}
