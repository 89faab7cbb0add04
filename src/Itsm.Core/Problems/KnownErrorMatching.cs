using System.Collections.Immutable;
using System.Globalization;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Incidents;
using NodaTime;

namespace Itsm.Core.Problems;

/// <summary>What an incident looks like to known-error matching: its items, its service, its category and the words of its title.</summary>
/// <param name="Items">The items it hit (its affected item, when known).</param>
/// <param name="Service">Its business service, or null.</param>
/// <param name="Category">Its category, or null.</param>
/// <param name="Title">Its title.</param>
public sealed record IncidentProfile(ImmutableArray<ConfigurationItemId> Items, ConfigurationItemId? Service, string? Category, string Title)
{
    /// <summary>The profile of <paramref name="incident"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="incident"/> is null.</exception>
    public static IncidentProfile Of(Incident incident)
    {
        Preconditions.CheckNotNull(incident);
        return new(incident.AffectedItem is { } item ? [item] : [], incident.Service, incident.Facts.Category, incident.Title);
    }

    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>Why a known error matched an incident.</summary>
/// <remarks><c>default</c> is <see cref="SameItem"/>.</remarks>
public enum MatchReason
{
    /// <summary>The incident hit an item the known error names.</summary>
    SameItem = 0,

    /// <summary>The incident's item depends, in the CMDB, on an item the known error names.</summary>
    DependsOnItem = 1,

    /// <summary>The incident is on a service the known error names.</summary>
    SameService = 2,

    /// <summary>The incident has the known error's category.</summary>
    SameCategory = 3,

    /// <summary>The incident's title contains the known error's error code.</summary>
    ErrorCode = 4,

    /// <summary>The incident's title shares words with the known error's symptom.</summary>
    SharedWords = 5,
}

/// <summary>One reason a known error matched, with the points it gave.</summary>
/// <param name="Reason">The reason.</param>
/// <param name="Points">The points it adds to the score.</param>
/// <param name="Detail">What matched (an item, a category, the words).</param>
public sealed record MatchFactor(MatchReason Reason, int Points, string Detail);

/// <summary>A known error that applies to an incident, with its score and why.</summary>
/// <param name="KnownError">The known error.</param>
/// <param name="Score">The sum of the factors' points; higher ranks first.</param>
/// <param name="Explanation">One line per factor; the factors are the reasons.</param>
public sealed record KnownErrorMatch(KnownError KnownError, int Score, Explanation<MatchFactor> Explanation)
{
    /// <summary>Prints the members readably, collections as their elements (see <see cref="RecordText"/>).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder) => RecordText.PrintMembers(builder, this);
}

/// <summary>
/// Matches an incident against the known-error database: the known errors that apply, ranked, each with why.
/// </summary>
/// <remarks>
/// <para>
/// Only records published and valid at the instant asked about take part (<see cref="KnownError.AppliesAt"/>). Each
/// reason adds fixed points: the same item <see cref="SameItemPoints"/>; the incident's item depending on a named item in
/// the CMDB <see cref="DependsOnItemPoints"/> (when a snapshot is given; nearer does not score more); the same service
/// <see cref="SameServicePoints"/>; the same category <see cref="SameCategoryPoints"/>; the error code in the title
/// <see cref="ErrorCodePoints"/>; and <see cref="WordPoints"/> per word of three letters or more shared by title and
/// symptom, at most four words. A record with no reason does not match. Ranked by score, then the most recently
/// published, then id, so the order is total and reproducible. Adding a reason never lowers a record's score.
/// Stateless and thread-safe; linear in the records and their items.
/// </para>
/// </remarks>
public static class KnownErrorMatching
{
    /// <summary>Points for an item both name.</summary>
    public const int SameItemPoints = 40;

    /// <summary>Points for an incident item that depends on an item the known error names.</summary>
    public const int DependsOnItemPoints = 25;

    /// <summary>Points for the same service.</summary>
    public const int SameServicePoints = 20;

    /// <summary>Points for the same category.</summary>
    public const int SameCategoryPoints = 10;

    /// <summary>Points for the error code found in the title.</summary>
    public const int ErrorCodePoints = 30;

    /// <summary>Points per shared word, at most four words.</summary>
    public const int WordPoints = 5;

    /// <summary>The known errors among <paramref name="knownErrors"/> that apply to <paramref name="incident"/> at <paramref name="at"/>, best first.</summary>
    /// <param name="incident">The incident's profile.</param>
    /// <param name="knownErrors">The known-error database (any status; only those applying at <paramref name="at"/> are considered).</param>
    /// <param name="at">When.</param>
    /// <param name="cmdb">The CMDB, for dependencies; null to match on named items only.</param>
    /// <exception cref="ArgumentNullException"><paramref name="incident"/>, <paramref name="knownErrors"/> or a record is null.</exception>
    public static ImmutableArray<KnownErrorMatch> Match(IncidentProfile incident, IEnumerable<KnownError> knownErrors, Instant at, CmdbSnapshot? cmdb = null)
    {
        Preconditions.CheckNotNull(incident);
        Preconditions.CheckNotNull(knownErrors);
        var items = incident.Items.IsDefault ? [] : incident.Items;
        var upstream = new HashSet<ConfigurationItemId>();
        if (cmdb is not null)
        {
            foreach (var item in items.Where(cmdb.Contains))
            {
                upstream.UnionWith(ImpactAnalysis.DependenciesOf(cmdb, item).Value.Select(d => d.Id));
            }
        }

        var title = Words(incident.Title);
        var matches = new List<KnownErrorMatch>();
        foreach (var knownError in knownErrors)
        {
            Preconditions.CheckNotNull(knownError, nameof(knownErrors));
            if (!knownError.AppliesAt(at))
            {
                continue;
            }

            var factors = new List<MatchFactor>();
            var same = knownError.Items.Intersect(items).ToList();
            if (same.Count > 0)
            {
                factors.Add(new(MatchReason.SameItem, SameItemPoints, string.Join(", ", same)));
            }

            var dependedOn = knownError.Items.Where(upstream.Contains).Except(same).ToList();
            if (dependedOn.Count > 0)
            {
                factors.Add(new(MatchReason.DependsOnItem, DependsOnItemPoints, string.Join(", ", dependedOn)));
            }

            if (incident.Service is { } service && knownError.Services.Contains(service))
            {
                factors.Add(new(MatchReason.SameService, SameServicePoints, service.Value));
            }

            if (incident.Category is { } category && knownError.Category is { } known && string.Equals(category.Trim(), known, StringComparison.OrdinalIgnoreCase))
            {
                factors.Add(new(MatchReason.SameCategory, SameCategoryPoints, known));
            }

            if (knownError.ErrorCode is { } code && incident.Title.Contains(code, StringComparison.OrdinalIgnoreCase))
            {
                factors.Add(new(MatchReason.ErrorCode, ErrorCodePoints, code));
            }

            var shared = title.Intersect(Words(knownError.Symptom)).Order(StringComparer.Ordinal).Take(4).ToList();
            if (shared.Count > 0)
            {
                factors.Add(new(MatchReason.SharedWords, WordPoints * shared.Count, string.Join(" ", shared)));
            }

            if (factors.Count > 0)
            {
                var score = factors.Sum(f => f.Points);
                var lines = factors.Select(f => $"+{f.Points.ToString(CultureInfo.InvariantCulture)} {Line(f)}").Prepend($"known error {knownError.Id} ({knownError.Symptom}): score {score.ToString(CultureInfo.InvariantCulture)}");
                matches.Add(new KnownErrorMatch(knownError, score, new Explanation<MatchFactor>(lines, factors)));
            }
        }

        return [.. matches.OrderByDescending(m => m.Score).ThenByDescending(m => m.KnownError.PublishedFrom).ThenBy(m => m.KnownError.Id)];
    }

    private static string Line(MatchFactor f) => f.Reason switch
    {
        MatchReason.SameItem => $"same item: {f.Detail}",
        MatchReason.DependsOnItem => $"the incident's item depends on {f.Detail}",
        MatchReason.SameService => $"same service: {f.Detail}",
        MatchReason.SameCategory => $"same category: {f.Detail}",
        MatchReason.ErrorCode => $"error code {f.Detail} in the title",
        _ => $"shared words: {f.Detail}",
    };

    private static HashSet<string> Words(string? text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        if (text is null)
        {
            return words;
        }

        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                if (i - start >= 3)
                {
                    words.Add(text[start..i].ToLowerInvariant());
                }

                start = -1;
            }
        }

        return words;
    }
}
