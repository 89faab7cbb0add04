using Itsm.Core.Common;
using NodaTime;

namespace Itsm.Core.Changes;

/// <summary>The implementation, test and backout plans of a change.</summary>
/// <remarks>
/// Immutable and thread-safe. The implementation plan is required; a missing test plan or backout
/// plan is allowed but raises the change's risk (see <see cref="RiskModel"/>). Blank text counts as missing.
/// </remarks>
public sealed record ChangePlans
{
    /// <summary>Creates plans.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="implementation"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="implementation"/> is blank.</exception>
    public ChangePlans(string implementation, string? test = null, string? backout = null)
    {
        Preconditions.CheckNotNull(implementation);
        Preconditions.CheckArgument(implementation.Trim().Length > 0, nameof(implementation), "A change needs an implementation plan.");
        Implementation = implementation;
        Test = string.IsNullOrWhiteSpace(test) ? null : test;
        Backout = string.IsNullOrWhiteSpace(backout) ? null : backout;
    }

    /// <summary>
    /// Plans from untrusted text: Invalid (<c>change.plans</c>) when the implementation plan is missing or blank;
    /// a blank test or backout plan counts as missing.
    /// </summary>
    public static Result<ChangePlans> Create(string? implementation, string? test = null, string? backout = null) =>
        string.IsNullOrWhiteSpace(implementation)
            ? Result<ChangePlans>.Invalid(Failure.Field("ImplementationPlan", "Say how the change is carried out: the implementation plan is missing.", "change.plans"))
            : new ChangePlans(implementation, test, backout);

    /// <summary>How the change is carried out.</summary>
    public string Implementation { get; }

    /// <summary>How it was or will be tested; null when there is no test evidence.</summary>
    public string? Test { get; }

    /// <summary>How it is undone; null when there is no backout plan.</summary>
    public string? Backout { get; }

    /// <summary>True when there is a test plan or evidence.</summary>
    public bool HasTestEvidence => Test is not null;

    /// <summary>True when there is a backout plan.</summary>
    public bool HasBackoutPlan => Backout is not null;
}

/// <summary>
/// A pre-approved template for standard changes, one entry of a tenant's catalogue: a change raised
/// from it carries its plans. A template is retired rather than deleted, so changes raised from it
/// keep naming it and its name is never reused for other plans.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. <see cref="Define"/> and <see cref="Restore"/> validate like input
/// (the stores read back through <see cref="Restore"/>); <see cref="Retire"/> returns a retired copy.
/// </remarks>
public sealed record StandardChangeTemplate
{
    /// <summary>The code of a blank description.</summary>
    public const string DescriptionCode = "change.template.description";

    /// <summary>The code of an unassigned identifier, or an inconsistent retirement.</summary>
    public const string DefinitionCode = "change.template.definition";

    /// <summary>The code of using or retiring a retired template.</summary>
    public const string RetiredCode = "change.template.retired";

    /// <summary>Creates an active template.</summary>
    /// <param name="name">Its unique name in the catalogue (a text identifier).</param>
    /// <param name="description">What the change does.</param>
    /// <param name="plans">The plans every change from it follows.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid identifier.</exception>
    public StandardChangeTemplate(string name, string description, ChangePlans plans)
        : this(StandardChangeTemplateId.From(name), Preconditions.CheckNotNull(description), Preconditions.CheckNotNull(plans), null, null)
    {
    }

    private StandardChangeTemplate(StandardChangeTemplateId id, string description, ChangePlans plans, Instant? retiredAt, UserId? retiredBy)
    {
        Id = id;
        Name = id.Value;
        Description = description;
        Plans = plans;
        RetiredAt = retiredAt;
        RetiredBy = retiredBy;
    }

    /// <summary>The template's identity in the tenant's catalogue.</summary>
    public StandardChangeTemplateId Id { get; }

    /// <summary>The template's unique name (the text of <see cref="Id"/>).</summary>
    public string Name { get; }

    /// <summary>What the change does.</summary>
    public string Description { get; }

    /// <summary>The plans every change raised from it follows.</summary>
    public ChangePlans Plans { get; }

    /// <summary>When it was retired; null while it is active.</summary>
    public Instant? RetiredAt { get; }

    /// <summary>Who retired it; null while it is active.</summary>
    public UserId? RetiredBy { get; }

    /// <summary>True once retired: no new standard change may be raised from it.</summary>
    public bool IsRetired => RetiredAt is not null;

    /// <summary>
    /// Defines an active template: Invalid when the id is unassigned (<see cref="DefinitionCode"/>) or the description
    /// is blank (<see cref="DescriptionCode"/>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="plans"/> is null.</exception>
    public static Result<StandardChangeTemplate> Define(StandardChangeTemplateId id, string? description, ChangePlans plans)
    {
        Preconditions.CheckNotNull(plans);
        return Restore(id, description, plans, null, null);
    }

    /// <summary>
    /// A stored template, validated as <see cref="Define"/> validates input, and also refusing a retirement instant
    /// without its user or the reverse (<see cref="DefinitionCode"/>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="plans"/> is null.</exception>
    public static Result<StandardChangeTemplate> Restore(StandardChangeTemplateId id, string? description, ChangePlans plans, Instant? retiredAt, UserId? retiredBy)
    {
        Preconditions.CheckNotNull(plans);
        var errors = new List<ValidationError>();
        if (id.Value is null)
        {
            errors.Add(Failure.Field("Template", "Name the template: its identifier is unassigned.", DefinitionCode));
        }

        if (string.IsNullOrWhiteSpace(description))
        {
            errors.Add(Failure.Field("Description", "Say what a change from the template does: the description is blank.", DescriptionCode));
        }

        if (retiredAt.HasValue != (retiredBy is { Value: not null }))
        {
            errors.Add(Failure.Field("RetiredBy", $"A retired template records both when and by whom it was retired, but has {retiredAt?.ToString() ?? "no instant"} and {retiredBy?.ToString() ?? "no user"}.", DefinitionCode));
        }

        return errors.Count == 0 ? new StandardChangeTemplate(id, description!, plans, retiredAt, retiredBy) : Result<StandardChangeTemplate>.Invalid(errors);
    }

    /// <summary>This template retired by <paramref name="by"/> at <paramref name="at"/>; Conflict (<see cref="RetiredCode"/>) when it is retired already.</summary>
    public Result<StandardChangeTemplate> Retire(UserId by, Instant at)
    {
        if (IsRetired)
        {
            return Failure.Conflict<StandardChangeTemplate>($"The standard change template '{Id}' was retired at {RetiredAt} by {RetiredBy}.", RetiredCode);
        }

        return by.Value is null
            ? Result<StandardChangeTemplate>.Invalid(Failure.Field("RetiredBy", "Say who retires the template: the user is unassigned.", DefinitionCode))
            : new StandardChangeTemplate(Id, Description, Plans, at, by);
    }

    /// <summary>Reads as <c>template 'os-patch': Monthly OS patch</c>, with <c>(retired ...)</c> once retired.</summary>
    public override string ToString() => $"template '{Id}': {Description}{(IsRetired ? $" (retired {RetiredAt} by {RetiredBy})" : string.Empty)}";
}

/// <summary>
/// A tenant's catalogue of standard change templates, active and retired, looked up by name (ordinal).
/// </summary>
/// <remarks>Immutable and thread-safe. <see cref="Empty"/> has no templates, so no standard change can be raised.</remarks>
public sealed class StandardChangeCatalogue
{
    private readonly IReadOnlyDictionary<string, StandardChangeTemplate> templates;

    /// <summary>Creates a catalogue.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="templates"/> is null.</exception>
    /// <exception cref="ArgumentException">Two templates share a name.</exception>
    public StandardChangeCatalogue(IEnumerable<StandardChangeTemplate> templates)
    {
        Preconditions.CheckNotNull(templates);
        var map = new SortedDictionary<string, StandardChangeTemplate>(StringComparer.Ordinal);
        foreach (var template in templates)
        {
            Preconditions.CheckNotNull(template, nameof(templates));
            Preconditions.CheckArgument(map.TryAdd(template.Name, template), nameof(templates), $"Two templates are named '{template.Name}'.");
        }

        this.templates = map;
    }

    /// <summary>A catalogue without templates.</summary>
    public static StandardChangeCatalogue Empty { get; } = new([]);

    /// <summary>The templates, active and retired, ordered by name.</summary>
    public IEnumerable<StandardChangeTemplate> Templates => templates.Values;

    /// <summary>
    /// Finds an active template by name: NotFound (<c>change.unknown-template</c>) names the active templates;
    /// Conflict (<see cref="StandardChangeTemplate.RetiredCode"/>) when the template is retired.
    /// </summary>
    public Result<StandardChangeTemplate> Find(string name)
    {
        if (name is not null && templates.TryGetValue(name, out var template))
        {
            return template.IsRetired
                ? Failure.Conflict<StandardChangeTemplate>(
                    $"The standard change template '{name}' was retired at {template.RetiredAt} by {template.RetiredBy}; no standard change may be raised from it. Active templates: {Active()}.",
                    StandardChangeTemplate.RetiredCode)
                : template;
        }

        return Failure.NotFound<StandardChangeTemplate>($"There is no standard change template '{name}'. Known templates: {Active()}.", "change.unknown-template");
    }

    /// <summary>
    /// Whether <paramref name="template"/> may join the catalogue: Conflict (<c>change.template.exists</c>) when its name is
    /// taken, by an active or a retired template (names are never reused for other plans).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="template"/> is null.</exception>
    public Result Admit(StandardChangeTemplate template)
    {
        Preconditions.CheckNotNull(template);
        return templates.TryGetValue(template.Name, out var taken)
            ? Failure.Conflict(
                $"The catalogue already has {taken}; template names are never reused, so define the new plans under another name{(taken.IsRetired ? string.Empty : " and retire the old template")}.",
                "change.template.exists")
            : Result.Success();
    }

    /// <summary>
    /// The retired copy of template <paramref name="id"/>: NotFound (<c>change.unknown-template</c>) when there is none,
    /// Conflict (<see cref="StandardChangeTemplate.RetiredCode"/>) when it is retired already.
    /// </summary>
    public Result<StandardChangeTemplate> Retire(StandardChangeTemplateId id, UserId by, Instant at) =>
        id.Value is not null && templates.TryGetValue(id.Value, out var template)
            ? template.Retire(by, at)
            : Failure.NotFound<StandardChangeTemplate>($"There is no standard change template '{id}'. Known templates: {Active()}.", "change.unknown-template");

    /// <summary>Reads as <c>2 template(s): os-patch, restart-app-pool (retired)</c>.</summary>
    public override string ToString() =>
        $"{templates.Count} template(s){(templates.Count == 0 ? string.Empty : ": ")}{string.Join(", ", templates.Values.Select(t => t.IsRetired ? t.Name + " (retired)" : t.Name))}";

    private string Active() => templates.Values.Where(t => !t.IsRetired).Select(t => t.Name).ToList() is { Count: > 0 } active ? string.Join(", ", active) : "none";
}
