using Itsm.Core.Application.Changes;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.Pipeline;
using Itsm.Core.Application.Problems;
using Itsm.Core.Calendars;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Incidents;
using Itsm.Core.Problems;
using Itsm.Core.Requests;
using Itsm.Core.ServiceLevels;
using Itsm.Core.Suppliers;

namespace Itsm.Core.Application.Common;

/// <summary>
/// The rules a record read back from storage is held to: the rules its input had to meet, so that a
/// row edited behind the library's back is refused on read instead of served. A persistence adapter
/// checks every record it restores with these and reports a failure as a <see cref="StoredRecordException"/>.
/// </summary>
/// <remarks>
/// <para>
/// Every record first meets the request shape rule (<see cref="RequestLimits"/>: texts without control
/// characters or lone surrogates and at most <see cref="RequestLimits.MaxTextLength"/> long, defined enum
/// values, no missing values or unassigned identifiers, instants in the supported range), then its own
/// command's rules: an incident's title of 1 to 500 characters and its priority decision against the
/// registered <see cref="PriorityPolicy"/>'s matrix; a change's title, affected items, window and template;
/// a configuration item's name and attribute names; a relationship's type name; a problem's title of 1 to 500 characters
/// and each priority decision of its history against the matrix; a known error's symptom; a supplier's and a contract's
/// values and history records (names, contacts, titles, reasons) by the shape rule. The domain's own restore
/// (history, SLA targets, calendar ranges) runs after these in the adapter.
/// </para>
/// <para>
/// <c>AddItsmCore</c> registers one instance built from the registered <see cref="RequestLimits"/>
/// (<see cref="ItsmCoreOptions.MaxTextLength"/>) and <see cref="PriorityPolicy"/>; register your own
/// before it to name <see cref="EarlierMatrices"/>. Lowering <see cref="ItsmCoreOptions.MaxTextLength"/> below
/// the length of a stored text, or replacing the priority matrix without naming the old one here, makes
/// the records that no longer meet the rules unreadable (each reported by <c>VerifyStore</c>).
/// </para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class StoredRecordRules
{
    private readonly Dictionary<string, PriorityMatrix> matrices;

    /// <summary>Creates the rules.</summary>
    /// <param name="limits">The request limits input was held to.</param>
    /// <param name="policy">The priority policy whose matrix decides incidents now.</param>
    /// <param name="earlierMatrices">
    /// Matrices that decided stored incidents before <paramref name="policy"/>'s (a vendor who moved from
    /// ITIL 3x3 to a 5x5 names the 3x3 here); a decision naming a matrix neither here nor in the policy is refused.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="limits"/> or <paramref name="policy"/> is null, or a matrix is.</exception>
    public StoredRecordRules(RequestLimits limits, PriorityPolicy policy, IEnumerable<PriorityMatrix>? earlierMatrices = null)
    {
        Limits = limits ?? throw new ArgumentNullException(nameof(limits));
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
        EarlierMatrices = [.. (earlierMatrices ?? []).Select(m => m ?? throw new ArgumentNullException(nameof(earlierMatrices)))];
        matrices = new Dictionary<string, PriorityMatrix>(StringComparer.Ordinal);
        foreach (var matrix in EarlierMatrices)
        {
            matrices[matrix.Name] = matrix;
        }

        matrices[policy.Matrix.Name] = policy.Matrix;
    }

    /// <summary>The rules with every default: <see cref="RequestLimits.Default"/> and <see cref="PriorityPolicy.Default"/>.</summary>
    public static StoredRecordRules Default { get; } = new(RequestLimits.Default, PriorityPolicy.Default);

    /// <summary>The request limits stored texts are held to.</summary>
    public RequestLimits Limits { get; }

    /// <summary>The priority policy whose matrix stored incidents' decisions are checked against.</summary>
    public PriorityPolicy Policy { get; }

    /// <summary>Matrices that decided stored incidents before the policy's; their decisions are checked against them.</summary>
    public IReadOnlyList<PriorityMatrix> EarlierMatrices { get; }

    /// <summary>Every problem of a stored incident; empty when it meets its input's rules.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="incident"/> is null.</exception>
    public IReadOnlyList<ValidationError> Check(IncidentSnapshot incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var errors = new List<ValidationError>();
        var title = incident.Title ?? string.Empty;
        if (string.IsNullOrWhiteSpace(title))
        {
            errors.Add(Failure.Field(nameof(incident.Title), "Its title is empty.", "incident.title"));
        }
        else if (title.Length > OpenIncidentValidator.MaxTitleLength)
        {
            errors.Add(Failure.Field(nameof(incident.Title), $"Its title has {title.Length} characters, more than the {OpenIncidentValidator.MaxTitleLength} an incident may have.", "incident.title"));
        }

        if (incident.Decision is { } decision)
        {
            errors.AddRange(CheckDecision(decision));
        }

        return Shaped(incident, errors);
    }

    /// <summary>Every problem of a stored change; empty when it meets its input's rules.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="change"/> is null.</exception>
    public IReadOnlyList<ValidationError> Check(ChangeRequestSnapshot change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var errors = ChangeValidation.Text(change.Title, nameof(change.Title), "Its title is empty.", "change.title").ToList();
        if (change.AffectedItems.IsDefaultOrEmpty)
        {
            errors.Add(Failure.Field(nameof(change.AffectedItems), "It names no affected configuration item.", "change.affected-items"));
        }

        if (change.PlannedWindow is { HasStart: true, HasEnd: true } window)
        {
            errors.AddRange(ChangeValidation.Period(window.Start, window.End, nameof(change.PlannedWindow)));
        }

        if (change.Type == ChangeType.Standard && string.IsNullOrWhiteSpace(change.Template))
        {
            // Only the other way round is legal: a standard change reclassified as normal keeps its template.
            errors.Add(Failure.Field(nameof(change.Template), "It is a standard change without a pre-approved template.", "change.template"));
        }

        return Shaped(change, errors);
    }

    /// <summary>Every problem of a stored configuration item; empty when it meets its input's rules.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    public IReadOnlyList<ValidationError> Check(ConfigurationItemSnapshot item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var errors = new List<ValidationError>();
        if (NameRules.Problem(item.Name) is { } name)
        {
            errors.Add(Failure.Field(nameof(item.Name), $"Its name {name}", "cmdb.item.name"));
        }

        foreach (var attribute in item.Attributes?.Keys ?? Enumerable.Empty<string>())
        {
            if (NameRules.Problem(attribute) is { } problem)
            {
                errors.Add(Failure.Field($"{nameof(item.Attributes)}[{attribute}]", $"An attribute name {problem}", "cmdb.attribute.name"));
            }
        }

        return Shaped(item, errors);
    }

    /// <summary>Every problem of a stored relationship; empty when it meets its input's rules.</summary>
    public IReadOnlyList<ValidationError> Check(Relationship relationship)
    {
        var errors = new List<ValidationError>();
        if (relationship.Type is null)
        {
            errors.Add(Failure.Field(nameof(relationship.Type), "It has no type.", "request.required"));
        }
        else if (NameRules.Problem(relationship.Type.Name) is { } problem)
        {
            errors.Add(Failure.Field(nameof(relationship.Type), $"Its type name {problem}", "cmdb.relationship-type.invalid"));
        }

        if (relationship.Source == relationship.Target)
        {
            errors.Add(Failure.Field(nameof(relationship.Target), "It relates an item to itself.", "cmdb.relationship.self-loop"));
        }

        return Shaped(relationship, errors);
    }

    /// <summary>Every problem of a stored SLA definition's values; empty when it meets its input's rules (its targets are checked again by <see cref="SlaDefinition.FromSnapshot"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is null.</exception>
    public IReadOnlyList<ValidationError> Check(SlaDefinitionSnapshot definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Shaped(definition, []);
    }

    /// <summary>Every problem of a stored calendar stored under <paramref name="id"/>; empty when it meets its input's rules (its ranges are checked again by <see cref="BusinessCalendarDefinition.FromSnapshot"/>).</summary>
    /// <param name="id">The key the calendar is stored under, as text.</param>
    /// <param name="calendar">The stored calendar.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public IReadOnlyList<ValidationError> Check(string id, BusinessCalendarSnapshot calendar)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(calendar);
        var errors = new List<ValidationError>();
        if ((NameRules.Problem(id) ?? RequestShape.TextProblem(id)) is { } problem)
        {
            errors.Add(Failure.Field("Id", $"Its key '{id}' is not a calendar id: it {problem}", "identifier.invalid"));
        }

        if (string.IsNullOrWhiteSpace(calendar.Name))
        {
            errors.Add(Failure.Field(nameof(calendar.Name), "A calendar needs a name.", "calendar.name.empty"));
        }

        return Shaped(calendar, errors);
    }

    /// <summary>
    /// Every problem of a stored problem record; empty when it meets its input's rules: the shape rule over every value and
    /// history record (root causes, workarounds, notes and reasons included), its title of 1 to 500 characters, and each
    /// priority decision of its history against the registered matrix (or an earlier one). Its history is replayed by
    /// <see cref="Problem.Restore"/> after this.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="problem"/> is null.</exception>
    public IReadOnlyList<ValidationError> Check(ProblemSnapshot problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var errors = new List<ValidationError>();
        var title = problem.Title ?? string.Empty;
        if (string.IsNullOrWhiteSpace(title))
        {
            errors.Add(Failure.Field(nameof(problem.Title), "Its title is empty.", "problem.title"));
        }
        else if (title.Length > LogProblemValidator.MaxTitleLength)
        {
            errors.Add(Failure.Field(nameof(problem.Title), $"Its title has {title.Length} characters, more than the {LogProblemValidator.MaxTitleLength} a problem may have.", "problem.title"));
        }

        foreach (var decision in (problem.History ?? []).Select(e => e switch { ProblemLogged l => l.Decision, ProblemPriorityChanged c => c.Decision, _ => null }))
        {
            if (decision is not null)
            {
                errors.AddRange(CheckDecision(decision));
            }
        }

        return Shaped(problem, errors);
    }

    /// <summary>
    /// Every problem of a stored known error; empty when it meets its input's rules: the shape rule over every value and history
    /// record, and a symptom that is not blank. Its history is replayed by <see cref="KnownError.Restore"/> after this.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="knownError"/> is null.</exception>
    public IReadOnlyList<ValidationError> Check(KnownErrorSnapshot knownError)
    {
        ArgumentNullException.ThrowIfNull(knownError);
        List<ValidationError> errors = string.IsNullOrWhiteSpace(knownError.Symptom)
            ? [Failure.Field(nameof(knownError.Symptom), "Its symptom is empty.", "known-error.symptom")]
            : [];
        return Shaped(knownError, errors);
    }

    /// <summary>
    /// Every problem of a stored supplier; empty when it meets its input's rules: the shape rule over every value and history record
    /// (names, contacts). Its history is replayed, and each profile checked as registration would, by <see cref="Supplier.Restore"/> after this.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="supplier"/> is null.</exception>
    public IReadOnlyList<ValidationError> Check(SupplierSnapshot supplier)
    {
        ArgumentNullException.ThrowIfNull(supplier);
        return Shaped(supplier, []);
    }

    /// <summary>
    /// Every problem of a stored contract; empty when it meets its input's rules: the shape rule over its details and every history
    /// record (the reasons for notice and termination included). Its details are checked as drafting would, and its history replayed
    /// against the lifecycle and the date rules, by <see cref="Contract.Restore"/> after this.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="contract"/> is null.</exception>
    public IReadOnlyList<ValidationError> Check(ContractSnapshot contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return Shaped(contract, []);
    }

    /// <summary>
    /// Every problem of a stored request catalogue item; empty when it meets its input's rules: the shape rule over its parts and a
    /// name of at most 200 characters (<c>DefineRequestItem</c>'s limit). Its task graph and calendars are checked as
    /// <see cref="RequestItem.Define"/> would when it is read.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="item"/> is null.</exception>
    public IReadOnlyList<ValidationError> Check(RequestItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var errors = new List<ValidationError>();
        if (item.Name is { Length: > Requests.RequestValidation.MaxNameLength })
        {
            errors.Add(Failure.Field(nameof(item.Name), $"Its name has {item.Name.Length} characters, more than the {Requests.RequestValidation.MaxNameLength} an item may have.", RequestItem.InvalidCode));
        }

        return Shaped(item, errors);
    }

    /// <summary>
    /// Every problem of a stored service request; empty when it meets its input's rules: its item as <see cref="Check(RequestItem)"/>
    /// holds it, and the shape rule over its history (field values, comments and reasons). Its history is replayed through the
    /// request's own rules by <see cref="ServiceRequest.Restore"/> after this.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    public IReadOnlyList<ValidationError> Check(ServiceRequestSnapshot request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = request.Item is null ? [] : Check(request.Item).ToList();
        return Shaped(request, errors);
    }

    /// <summary>The first few problems of <paramref name="errors"/> as one sentence for a person, or null when there are none.</summary>
    /// <param name="errors">What a check returned.</param>
    public static string? Describe(IReadOnlyList<ValidationError> errors) =>
        errors is null or { Count: 0 } ? null : string.Join(" ", errors.Take(5).Select(e => e.ErrorMessage)) + (errors.Count > 5 ? $" (and {errors.Count - 5} more)" : string.Empty);

    private List<ValidationError> Shaped(object record, List<ValidationError> errors)
    {
        errors.AddRange(RequestShape.Check(record, Limits));
        return errors;
    }

    private IEnumerable<ValidationError> CheckDecision(PriorityDecision decision)
    {
        if (decision.Matrix is null || !matrices.TryGetValue(decision.Matrix, out var matrix))
        {
            yield return Failure.Field(
                "Decision.Matrix",
                $"Its priority was decided by the matrix '{decision.Matrix}', which is neither the registered {Policy.Matrix.Name} nor one of StoredRecordRules.EarlierMatrices.",
                "priority.matrix");
            yield break;
        }

        if (!matrix.Covers(decision.Impact, decision.Urgency) || !matrix.Covers(decision.Impact, decision.EffectiveUrgency))
        {
            yield return Failure.Field(
                "Decision",
                $"Its impact {decision.Impact.Level} and urgency {decision.Urgency.Level} (effective {decision.EffectiveUrgency.Level}) are outside {matrix}.",
                "priority.impact.range");
            yield break;
        }

        if (matrix.PriorityFor(decision.Impact, decision.EffectiveUrgency) != decision.MatrixPriority)
        {
            yield return Failure.Field("Decision.MatrixPriority", $"Its matrix priority is {decision.MatrixPriority}, but {matrix.Name} gives {matrix.PriorityFor(decision.Impact, decision.EffectiveUrgency)} for that impact and urgency.", "priority.matrix");
        }

        foreach (var (priority, what) in new[] { (decision.Computed, "computed"), (decision.Override?.Priority ?? decision.Computed, "overriding") })
        {
            if (priority.Rank < 1 || priority.Rank > matrix.PriorityLevels)
            {
                yield return Failure.Field("Decision", $"Its {what} priority {priority} is outside {matrix.Name}'s P1 to P{matrix.PriorityLevels}.", "priority.range");
            }
        }
    }
}
