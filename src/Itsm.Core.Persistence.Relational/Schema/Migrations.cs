namespace Itsm.Core.Persistence.Relational.Schema;

/// <summary>One versioned step of the schema: applied once, in order, never changed after release.</summary>
/// <param name="Version">Its position: 1, 2, 3, ...</param>
/// <param name="Name">What it does, for the migrations table and messages.</param>
/// <param name="Statements">The statements, run in one transaction.</param>
internal sealed record Migration(long Version, string Name, IReadOnlyList<string> Statements);

/// <summary>
/// The schema of the relational adapters, as an ordered list of migrations shared by every engine.
/// Aggregates are stored as JSON documents (see <c>SnapshotJson</c>) beside the columns their
/// queries filter and sort by, which are indexed; the document is the truth, the columns are
/// derived from it on every write.
/// </summary>
internal static class Migrations
{
    /// <summary>The migrations for <paramref name="dialect"/>, oldest first.</summary>
    public static IReadOnlyList<Migration> For(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var key = dialect.KeyTextType;
        return
        [
            new Migration(1, "initial schema",
            [
                $"""
                CREATE TABLE incidents (
                    tenant {key} NOT NULL, id {key} NOT NULL, version BIGINT NOT NULL, document TEXT NOT NULL,
                    state {key} NOT NULL, priority_rank BIGINT NOT NULL, service {key} NOT NULL, assignee {key} NULL,
                    opened_at BIGINT NOT NULL, next_breach_at BIGINT NULL,
                    PRIMARY KEY (tenant, id))
                """,
                "CREATE INDEX ix_incidents_opened ON incidents (tenant, opened_at, id)",
                "CREATE INDEX ix_incidents_breach ON incidents (tenant, next_breach_at, id) WHERE next_breach_at IS NOT NULL",
                "CREATE INDEX ix_incidents_state ON incidents (tenant, state, opened_at)",
                "CREATE INDEX ix_incidents_service ON incidents (tenant, service, opened_at)",
                "CREATE INDEX ix_incidents_assignee ON incidents (tenant, assignee, opened_at)",
                $"""
                CREATE TABLE sla_definitions (
                    tenant {key} NOT NULL, id {key} NOT NULL, version BIGINT NOT NULL, document TEXT NOT NULL,
                    service {key} NOT NULL, customer {key} NULL, calendar {key} NOT NULL,
                    PRIMARY KEY (tenant, id))
                """,
                "CREATE INDEX ix_sla_definitions_service ON sla_definitions (tenant, service)",
                $"CREATE TABLE calendars (tenant {key} NOT NULL, id {key} NOT NULL, version BIGINT NOT NULL, document TEXT NOT NULL, PRIMARY KEY (tenant, id))",
                $"""
                CREATE TABLE changes (
                    tenant {key} NOT NULL, id {key} NOT NULL, version BIGINT NOT NULL, document TEXT NOT NULL,
                    status {key} NOT NULL, change_type {key} NOT NULL, requester {key} NOT NULL,
                    window_start BIGINT NOT NULL, window_end BIGINT NOT NULL, raised_at BIGINT NOT NULL, implementation_ended_at BIGINT NULL,
                    PRIMARY KEY (tenant, id))
                """,
                "CREATE INDEX ix_changes_window ON changes (tenant, window_start, window_end)",
                "CREATE INDEX ix_changes_ended ON changes (tenant, implementation_ended_at) WHERE implementation_ended_at IS NOT NULL",
                $"CREATE TABLE change_items (tenant {key} NOT NULL, change_id {key} NOT NULL, item {key} NOT NULL, PRIMARY KEY (tenant, change_id, item))",
                "CREATE INDEX ix_change_items_item ON change_items (tenant, item, change_id)",
                $"CREATE TABLE configuration_items (tenant {key} NOT NULL, id {key} NOT NULL, version BIGINT NOT NULL, document TEXT NOT NULL, PRIMARY KEY (tenant, id))",
                $"""
                CREATE TABLE relationships (
                    tenant {key} NOT NULL, source {key} NOT NULL, target {key} NOT NULL, type_key {key} NOT NULL, document TEXT NOT NULL,
                    PRIMARY KEY (tenant, source, target, type_key))
                """,
                "CREATE INDEX ix_relationships_target ON relationships (tenant, target)",
                $"CREATE TABLE cmdb_revisions (tenant {key} NOT NULL PRIMARY KEY, revision BIGINT NOT NULL)",
                $"""
                CREATE TABLE baselines (
                    tenant {key} NOT NULL, id {key} NOT NULL, version BIGINT NOT NULL, document TEXT NOT NULL, captured_at BIGINT NOT NULL,
                    PRIMARY KEY (tenant, id))
                """,
                "CREATE INDEX ix_baselines_captured ON baselines (tenant, captured_at, id)",
                $"""
                CREATE TABLE audit_log (
                    tenant {key} NOT NULL, sequence BIGINT NOT NULL, actor {key} NOT NULL, at BIGINT NOT NULL,
                    command TEXT NOT NULL, outcome TEXT NOT NULL, correlation {key} NOT NULL, details TEXT NOT NULL,
                    PRIMARY KEY (tenant, sequence))
                """,
                $"CREATE TABLE audit_sequences (tenant {key} NOT NULL PRIMARY KEY, last_sequence BIGINT NOT NULL)",
                .. dialect.AppendOnlyAuditSql,
            ]),
            new Migration(2, "hash-chained, structured audit records",
            [
                // Records of version 1 keep NULL here: read back with recorded_at = at and no effects,
                // and chained in memory by the first record appended after this migration.
                "ALTER TABLE audit_log ADD COLUMN recorded_at BIGINT NULL",
                "ALTER TABLE audit_log ADD COLUMN effects TEXT NULL",
                "ALTER TABLE audit_log ADD COLUMN previous_hash TEXT NULL",
                "ALTER TABLE audit_log ADD COLUMN hash TEXT NULL",
                .. dialect.InOrderAuditSql,
            ]),
            new Migration(3, "change management reference data",
            [
                $"CREATE TABLE change_authorities (tenant {key} NOT NULL, user_id {key} NOT NULL, authority {key} NOT NULL, PRIMARY KEY (tenant, user_id, authority))",
                $"CREATE TABLE maintenance_windows (tenant {key} NOT NULL, service {key} NOT NULL, calendar {key} NOT NULL, PRIMARY KEY (tenant, service))",
                $"""
                CREATE TABLE blackouts (
                    tenant {key} NOT NULL, id {key} NOT NULL, service {key} NOT NULL,
                    window_start {key} NOT NULL, window_end {key} NOT NULL, reason TEXT NOT NULL,
                    PRIMARY KEY (tenant, id))
                """,
                $"""
                CREATE TABLE change_templates (
                    tenant {key} NOT NULL, id {key} NOT NULL, description TEXT NOT NULL,
                    implementation_plan TEXT NOT NULL, test_plan TEXT NULL, backout_plan TEXT NULL,
                    retired_at {key} NULL, retired_by {key} NULL,
                    PRIMARY KEY (tenant, id))
                """,
            ]),
            new Migration(4, "problem management: problems and the known-error database",
            [
                $"""
                CREATE TABLE problems (
                    tenant {key} NOT NULL, id {key} NOT NULL, version BIGINT NOT NULL, document TEXT NOT NULL,
                    state {key} NOT NULL, service {key} NOT NULL, assignee {key} NULL, logged_at BIGINT NOT NULL,
                    PRIMARY KEY (tenant, id))
                """,
                "CREATE INDEX ix_problems_logged ON problems (tenant, logged_at, id)",
                "CREATE INDEX ix_problems_state ON problems (tenant, state, logged_at)",
                "CREATE INDEX ix_problems_service ON problems (tenant, service, logged_at)",
                $"""
                CREATE TABLE known_errors (
                    tenant {key} NOT NULL, id {key} NOT NULL, version BIGINT NOT NULL, document TEXT NOT NULL,
                    status {key} NOT NULL, problem {key} NULL, published_from BIGINT NULL,
                    PRIMARY KEY (tenant, id))
                """,
                "CREATE INDEX ix_known_errors_status ON known_errors (tenant, status, id)",
                "CREATE INDEX ix_known_errors_problem ON known_errors (tenant, problem) WHERE problem IS NOT NULL",
            ]),
            new Migration(5, "supplier management",
            [
                $"CREATE TABLE suppliers (tenant {key} NOT NULL, id {key} NOT NULL, version BIGINT NOT NULL, document TEXT NOT NULL, kind {key} NOT NULL, PRIMARY KEY (tenant, id))",
                $"""
                CREATE TABLE contracts (
                    tenant {key} NOT NULL, id {key} NOT NULL, version BIGINT NOT NULL, document TEXT NOT NULL,
                    supplier {key} NOT NULL, state {key} NOT NULL,
                    PRIMARY KEY (tenant, id))
                """,
                "CREATE INDEX ix_contracts_supplier ON contracts (tenant, supplier, id)",
                "CREATE INDEX ix_contracts_state ON contracts (tenant, state, id)",
            ]),
            new Migration(6, "availability management: outages and availability targets",
            [
                // until_at is the end, or the largest value while the outage is ongoing: a period's outages are one range of it.
                $"""
                CREATE TABLE outages (
                    tenant {key} NOT NULL, id {key} NOT NULL, version BIGINT NOT NULL, document TEXT NOT NULL,
                    item {key} NOT NULL, start_at BIGINT NOT NULL, until_at BIGINT NOT NULL,
                    PRIMARY KEY (tenant, id))
                """,
                "CREATE INDEX ix_outages_period ON outages (tenant, until_at, start_at)",
                "CREATE INDEX ix_outages_item ON outages (tenant, item, until_at, start_at)",
                $"CREATE TABLE availability_targets (tenant {key} NOT NULL, id {key} NOT NULL, version BIGINT NOT NULL, document TEXT NOT NULL, PRIMARY KEY (tenant, id))",
            ]),
            new Migration(7, "service continuity and capacity management",
            [
                $"CREATE TABLE continuity_plans (tenant {key} NOT NULL, id {key} NOT NULL, version BIGINT NOT NULL, document TEXT NOT NULL, PRIMARY KEY (tenant, id))",
                $"CREATE TABLE capacity_thresholds (tenant {key} NOT NULL, item {key} NOT NULL, metric {key} NOT NULL, warning DOUBLE PRECISION NOT NULL, critical DOUBLE PRECISION NOT NULL, PRIMARY KEY (tenant, item, metric))",
                $"CREATE TABLE capacity_measurements (tenant {key} NOT NULL, item {key} NOT NULL, metric {key} NOT NULL, measured_at BIGINT NOT NULL, value DOUBLE PRECISION NOT NULL, PRIMARY KEY (tenant, item, metric, measured_at))",
            ]),
            new Migration(8, "release and deployment management",
            [
                // version_key is the version with each component zero-padded to ten digits: it sorts as the version does, and is unique per unit.
                $"""
                CREATE TABLE releases (
                    tenant {key} NOT NULL, id {key} NOT NULL, version BIGINT NOT NULL, document TEXT NOT NULL,
                    unit {key} NOT NULL, version_key {key} NOT NULL, state {key} NOT NULL,
                    PRIMARY KEY (tenant, id))
                """,
                "CREATE UNIQUE INDEX ux_releases_unit_version ON releases (tenant, unit, version_key)",
                "CREATE INDEX ix_releases_state ON releases (tenant, state)",
            ]),
            new Migration(9, "service catalogue and agreements",
            [
                $"""
                CREATE TABLE catalogue_services (
                    tenant {key} NOT NULL, id {key} NOT NULL, version BIGINT NOT NULL, document TEXT NOT NULL,
                    status {key} NOT NULL,
                    PRIMARY KEY (tenant, id))
                """,
                "CREATE INDEX ix_catalogue_services_status ON catalogue_services (tenant, status, id)",
                $"""
                CREATE TABLE service_level_agreements (
                    tenant {key} NOT NULL, id {key} NOT NULL, version BIGINT NOT NULL, document TEXT NOT NULL,
                    customer {key} NOT NULL, state {key} NOT NULL,
                    PRIMARY KEY (tenant, id))
                """,
                "CREATE INDEX ix_service_level_agreements_customer ON service_level_agreements (tenant, customer, id)",
            ]),
            new Migration(10, "service requests: the request catalogue's items and the requests",
            [
                $"CREATE TABLE request_items (tenant {key} NOT NULL, id {key} NOT NULL, version BIGINT NOT NULL, document TEXT NOT NULL, service {key} NOT NULL, PRIMARY KEY (tenant, id))",
                "CREATE INDEX ix_request_items_service ON request_items (tenant, service, id)",
                $"""
                CREATE TABLE service_requests (
                    tenant {key} NOT NULL, id {key} NOT NULL, version BIGINT NOT NULL, document TEXT NOT NULL,
                    state {key} NOT NULL, service {key} NOT NULL, requester {key} NOT NULL, submitted_at BIGINT NOT NULL,
                    PRIMARY KEY (tenant, id))
                """,
                "CREATE INDEX ix_service_requests_submitted ON service_requests (tenant, submitted_at, id)",
                "CREATE INDEX ix_service_requests_state ON service_requests (tenant, state, submitted_at)",
                "CREATE INDEX ix_service_requests_service ON service_requests (tenant, service, submitted_at)",
                "CREATE INDEX ix_service_requests_requester ON service_requests (tenant, requester, submitted_at)",
            ]),
        ];
    }
}
