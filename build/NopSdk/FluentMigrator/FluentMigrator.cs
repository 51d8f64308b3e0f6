namespace FluentMigrator
{
    using FluentMigrator.Builders.Create;
    using FluentMigrator.Infrastructure;

    public abstract class MigrationBase : IMigration
    {
        protected MigrationBase()
        {
        }

        public string ConnectionString => throw new NotImplementedException();

        public ICreateExpressionRoot Create => throw new NotImplementedException();

        public abstract void Up();

        public abstract void Down();

        public virtual void GetUpExpressions(IMigrationContext context) => throw new NotImplementedException();

        public virtual void GetDownExpressions(IMigrationContext context) => throw new NotImplementedException();
    }

    public abstract class AutoReversingMigration : MigrationBase
    {
        protected AutoReversingMigration()
        {
        }

        public sealed override void Down() => throw new NotImplementedException();
    }
}

namespace FluentMigrator.Builders.Create.Table
{
    public class CreateTableExpressionBuilder
    {
        private CreateTableExpressionBuilder()
        {
        }

        public ICreateTableColumnAsTypeSyntax WithColumn(string name) => throw new NotImplementedException();
    }
}
