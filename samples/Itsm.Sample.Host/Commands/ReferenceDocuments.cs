namespace Itsm.Sample.Host.Commands;

/// <summary>Who holds which change authority, as JSON.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="User">The user.</param>
/// <param name="Authorities">The authorities they hold, by their command-line names (empty when none).</param>
internal sealed record AuthorityDocument(string Tenant, string User, IReadOnlyList<string> Authorities);

/// <summary>The document of <c>itsm change authority list --json</c>.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Count">How many users follow.</param>
/// <param name="Users">Each user with change authority.</param>
internal sealed record AuthorityListDocument(string Tenant, int Count, IReadOnlyList<AuthorityDocument> Users);

/// <summary>A blackout window, as JSON.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Id">The blackout's id.</param>
/// <param name="Service">The frozen service.</param>
/// <param name="Start">Start of the freeze (UTC).</param>
/// <param name="End">End of the freeze, exclusive (UTC).</param>
/// <param name="Reason">Why.</param>
internal sealed record BlackoutDocument(string Tenant, string Id, string Service, string Start, string End, string Reason);

/// <summary>The document of <c>itsm change blackout list --json</c>.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Count">How many windows follow.</param>
/// <param name="Blackouts">The windows, by start.</param>
internal sealed record BlackoutListDocument(string Tenant, int Count, IReadOnlyList<BlackoutDocument> Blackouts);

/// <summary>A service's maintenance calendar, as JSON.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Service">The service.</param>
/// <param name="Calendar">The calendar whose working time is the maintenance window; null once cleared.</param>
internal sealed record MaintenanceDocument(string Tenant, string Service, string? Calendar);

/// <summary>The document of <c>itsm change maintenance list --json</c>.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Count">How many services follow.</param>
/// <param name="Windows">The services with a maintenance calendar.</param>
internal sealed record MaintenanceListDocument(string Tenant, int Count, IReadOnlyList<MaintenanceDocument> Windows);

/// <summary>A standard change template, as JSON.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Name">The template's name.</param>
/// <param name="Description">What a change from it does.</param>
/// <param name="Plan">The implementation plan.</param>
/// <param name="TestPlan">The test plan or evidence.</param>
/// <param name="BackoutPlan">The backout plan.</param>
/// <param name="RetiredAt">When it was retired (UTC); null while in use.</param>
internal sealed record TemplateDocument(string Tenant, string Name, string Description, string Plan, string? TestPlan, string? BackoutPlan, string? RetiredAt);

/// <summary>The document of <c>itsm change template list --json</c>.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Count">How many templates follow.</param>
/// <param name="Templates">The templates, retired ones included.</param>
internal sealed record TemplateListDocument(string Tenant, int Count, IReadOnlyList<TemplateDocument> Templates);

/// <summary>The answer of a command that removed a record (<c>blackout lift</c>), as JSON.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Id">The removed record's id.</param>
/// <param name="Removed">Always true: a refusal is an error, not a document.</param>
internal sealed record RemovedDocument(string Tenant, string Id, bool Removed);
