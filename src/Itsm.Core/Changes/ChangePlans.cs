using Itsm.Core.Common;

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
/// A pre-approved template for standard changes: a change raised from it carries its plans.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record StandardChangeTemplate
{
    /// <summary>Creates a template.</summary>
    /// <param name="name">Its unique name in the catalogue (a text identifier).</param>
    /// <param name="description">What the change does.</param>
    /// <param name="plans">The plans every change from it follows.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid identifier.</exception>
    public StandardChangeTemplate(string name, string description, ChangePlans plans)
    {
        Name = Identifier.ValidText(name, nameof(StandardChangeTemplate));
        Description = Preconditions.CheckNotNull(description);
        Plans = Preconditions.CheckNotNull(plans);
    }

    /// <summary>The template's unique name.</summary>
    public string Name { get; }

    /// <summary>What the change does.</summary>
    public string Description { get; }

    /// <summary>The plans every change raised from it follows.</summary>
    public ChangePlans Plans { get; }
}

/// <summary>
/// The catalogue of pre-approved standard change templates, looked up by name (ordinal).
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

    /// <summary>The templates, ordered by name.</summary>
    public IEnumerable<StandardChangeTemplate> Templates => templates.Values;

    /// <summary>Finds a template by name; NotFound names the known templates.</summary>
    public Result<StandardChangeTemplate> Find(string name) =>
        name is not null && templates.TryGetValue(name, out var template)
            ? template
            : Failure.NotFound<StandardChangeTemplate>(
                $"There is no standard change template '{name}'. Known templates: {(templates.Count == 0 ? "none" : string.Join(", ", templates.Keys))}.",
                "change.unknown-template");
}
