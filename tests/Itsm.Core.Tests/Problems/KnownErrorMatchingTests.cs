using FsCheck.Xunit;
using Itsm.Core.Configuration;
using Itsm.Core.Problems;
using NodaTime;
using Xunit;
using static Itsm.Core.Tests.Incidents.IncidentFixture;
using static Itsm.Core.Tests.Problems.ProblemFixture;

namespace Itsm.Core.Tests.Problems;

/// <summary>Known-error matching: ranked, explained, only records that apply.</summary>
public sealed class KnownErrorMatchingTests
{
    private static readonly ConfigurationItemId App = ConfigurationItemId.From("app-mail");

    [Fact]
    public void Match_RanksByReasons_AndExplainsEach()
    {
        var b = new CmdbSnapshotBuilder();
        Assert.True(b.AddItem(App, ConfigurationItemClass.Application, BusinessCriticality.High, RedundancyRule.AllRequired, false).IsSuccess);
        Assert.True(b.AddItem(Storage, ConfigurationItemClass.Storage, BusinessCriticality.High, RedundancyRule.AllRequired, false).IsSuccess);
        Assert.True(b.AddRelationship(App, Storage, RelationshipType.DependsOn).IsSuccess);
        var cmdb = b.Build().Value;
        var storage = Published("Mail stays in the outbox", [Storage], [], null, "SAN-17");
        var service = Published("Slow web pages", [], [Email], "mail", null);
        var draft = KnownError.Record(KnownErrorId.New(), "Mail stays in the outbox", null, "wait", [App], [Email], null, null, null, Manager, Monday0900).Value;
        var unrelated = Published("Printer jams", [ConfigurationItemId.From("printer")], [], null, null);
        var incident = new IncidentProfile([App], Email, "mail", "Mail stays in outbox, error SAN-17");

        var matches = KnownErrorMatching.Match(incident, [unrelated, draft, service, storage], Monday0900 + Duration.FromHours(1), cmdb);

        Assert.Equal([storage.Id, service.Id], matches.Select(m => m.KnownError.Id));
        var best = matches[0];
        Assert.Equal([MatchReason.DependsOnItem, MatchReason.ErrorCode, MatchReason.SharedWords], best.Explanation.Factors.Select(f => f.Reason));
        Assert.Equal(KnownErrorMatching.DependsOnItemPoints + KnownErrorMatching.ErrorCodePoints + (3 * KnownErrorMatching.WordPoints), best.Score);
        Assert.Equal("+25 the incident's item depends on san-01", best.Explanation[1]);
        Assert.Empty(KnownErrorMatching.Match(incident, [storage], Monday0900 - Duration.FromHours(1), cmdb));
    }

    /// <summary>Whatever the records, each match applies at the instant, has a reason, scores the sum of its factors, and the list is ranked.</summary>
    [Property]
    public void Match_IsRankedAndEachMatchHasItsReasons(KnownErrorPool pool)
    {
        var at = Monday0900 + Duration.FromHours(pool.Hours);
        var incident = new IncidentProfile([pool.Item], Email, pool.Category, pool.Title);

        var matches = KnownErrorMatching.Match(incident, pool.KnownErrors, at);

        Assert.All(matches, m =>
        {
            Assert.True(m.KnownError.AppliesAt(at));
            Assert.NotEmpty(m.Explanation.Factors);
            Assert.Equal(m.Explanation.Factors.Sum(f => f.Points), m.Score);
            Assert.Equal(m.Explanation.Factors.Length + 1, m.Explanation.Count);
        });
        Assert.Equal(matches.Select(m => m.Score).OrderDescending(), matches.Select(m => m.Score));
        var reversed = KnownErrorMatching.Match(incident, pool.KnownErrors.AsEnumerable().Reverse(), at);
        Assert.Equal(matches.Select(m => m.KnownError.Id), reversed.Select(m => m.KnownError.Id));
        Assert.All(pool.KnownErrors.Where(k => !k.AppliesAt(at)), k => Assert.DoesNotContain(matches, m => m.KnownError.Id == k.Id));
    }

    internal static KnownError Published(string symptom, ConfigurationItemId[] items, ConfigurationItemId[] services, string? category, string? code, int hours = 0, int? validHours = null)
    {
        var at = Monday0900 + Duration.FromHours(hours);
        var knownError = KnownError.Record(KnownErrorId.New(), symptom, "cause", "workaround", items, services, category, code, null, Manager, at).Value;
        Assert.True(knownError.Publish(validHours is { } v ? at + Duration.FromHours(v) : null, Manager, at).IsSuccess);
        return knownError;
    }
}

/// <summary>Known errors drawn from small pools of items, services, words and validity, and an incident drawn from the same pools.</summary>
public sealed record KnownErrorPool(KnownError[] KnownErrors, ConfigurationItemId Item, string? Category, string Title, int Hours)
{
    public override string ToString() => $"{KnownErrors.Length} known errors; incident on {Item} '{Title}' ({Category}) at +{Hours}h";
}
