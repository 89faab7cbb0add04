using System.Data.Common;
using Itsm.Core.Persistence.Relational;
using Npgsql;

namespace Itsm.Core.Persistence.PostgreSql;

/// <summary>
/// PostgreSQL through Npgsql (pooled connections). Keys use the <c>"C"</c> collation so they sort
/// ordinally whatever the database's locale; migrations take a transaction-scoped advisory lock so
/// that application servers starting together apply each migration once.
/// </summary>
internal sealed class PostgreSqlDialect : SqlDialect
{
    /// <summary>The advisory lock key of Itsm.Core's migrations (an arbitrary constant: "ITSM" in ASCII).</summary>
    private const long MigrationLockKey = 0x4954534D;

    private readonly string connectionString;

    public PostgreSqlDialect(string connectionString) => this.connectionString = connectionString;

    public override string EngineName => "PostgreSQL";

    public override string KeyTextType => "TEXT COLLATE \"C\"";

    public override string? MigrationLockSql => $"SELECT pg_advisory_xact_lock({MigrationLockKey})";

    public override IReadOnlyList<string> AppendOnlyAuditSql { get; } =
    [
        """
        CREATE OR REPLACE FUNCTION itsm_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
        END
        $$
        """,
        "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION itsm_audit_log_append_only()",
        "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION itsm_audit_log_append_only()",
    ];

    public override IReadOnlyList<string> InOrderAuditSql { get; } =
    [
        """
        CREATE OR REPLACE FUNCTION itsm_audit_log_in_order() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.sequence IS DISTINCT FROM (SELECT COALESCE(MAX(sequence), 0) + 1 FROM audit_log WHERE tenant = NEW.tenant) THEN
                RAISE EXCEPTION 'audit_log is append-only: a record must take the next sequence of its tenant (got %)', NEW.sequence;
            END IF;
            RETURN NEW;
        END
        $$
        """,
        "CREATE TRIGGER audit_log_in_order BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION itsm_audit_log_in_order()",
    ];

    public override string TableExistsSql => "SELECT CASE WHEN to_regclass(@table) IS NULL THEN 0 ELSE 1 END";

    public override int BulkRowsPerStatement => 1000;

    public override DbConnection CreateConnection() => new NpgsqlConnection(connectionString);
}
