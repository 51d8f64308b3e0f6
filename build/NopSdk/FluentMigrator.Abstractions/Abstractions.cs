namespace FluentMigrator
{
    [AttributeUsage(AttributeTargets.Class, Inherited = false)]
    public class MigrationAttribute : Attribute
    {
        public MigrationAttribute(long version, string description)
        {
            Version = version;
            Description = description;
        }

        public long Version { get; }

        public string Description { get; }
    }

    public interface IMigration
    {
        string ConnectionString { get; }

        void GetUpExpressions(Infrastructure.IMigrationContext context);

        void GetDownExpressions(Infrastructure.IMigrationContext context);
    }
}

namespace FluentMigrator.Infrastructure
{
    public interface IFluentSyntax
    {
    }

    public interface IMigrationContext
    {
    }
}

namespace FluentMigrator.Builders
{
    using FluentMigrator.Infrastructure;

    public interface IColumnTypeSyntax<TNext> : IFluentSyntax where TNext : IFluentSyntax
    {
        TNext AsInt32();

        TNext AsString(int size);
    }

    public interface IColumnOptionSyntax<TNext, TNextFk> : IFluentSyntax where TNext : IFluentSyntax where TNextFk : IFluentSyntax
    {
        TNext NotNullable();

        TNext Unique();
    }

    public interface IForeignKeyCascadeSyntax<TNext, TNextFk> : IFluentSyntax where TNext : IFluentSyntax where TNextFk : IFluentSyntax
    {
    }
}

namespace FluentMigrator.Builders.Create
{
    using FluentMigrator.Infrastructure;

    public interface ICreateExpressionRoot : IFluentSyntax
    {
    }
}

namespace FluentMigrator.Builders.Create.Table
{
    using FluentMigrator.Infrastructure;

    public interface ICreateTableWithColumnSyntax : IFluentSyntax
    {
        ICreateTableColumnAsTypeSyntax WithColumn(string name);
    }

    public interface ICreateTableColumnAsTypeSyntax : IColumnTypeSyntax<ICreateTableColumnOptionOrWithColumnSyntax>
    {
    }

    public interface ICreateTableColumnOptionOrWithColumnSyntax
        : IColumnOptionSyntax<ICreateTableColumnOptionOrWithColumnSyntax, ICreateTableColumnOptionOrForeignKeyCascadeOrWithColumnSyntax>, ICreateTableWithColumnSyntax
    {
    }

    public interface ICreateTableColumnOptionOrForeignKeyCascadeOrWithColumnSyntax
        : ICreateTableColumnOptionOrWithColumnSyntax, IForeignKeyCascadeSyntax<ICreateTableColumnOptionOrWithColumnSyntax, ICreateTableColumnOptionOrForeignKeyCascadeOrWithColumnSyntax>
    {
    }
}
