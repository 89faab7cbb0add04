using System.Text.Json;
using System.Text.Json.Nodes;
using Itsm.Core.Changes;
using Itsm.Core.Configuration;
using Itsm.Core.Incidents;
using Itsm.Core.Persistence.Relational.Serialization;
using Itsm.Core.ServiceLevels;
using static Itsm.Core.Persistence.Tests.Serialization.SnapshotFixtures;

namespace Itsm.Core.Persistence.Tests.Serialization;

public partial class SnapshotJsonTests
{
    private static readonly string IncidentJson = SnapshotJson.Serialize(IncidentThroughLifecycle().ToSnapshot());

    public static TheoryData<int> TruncationPoints { get; } = [0, 1, 17, 500, 1000, 2000, -1];

    [Theory]
    [MemberData(nameof(TruncationPoints))]
    public void Deserialize_TruncatedText_ThrowsJsonExceptionWithItsPosition(int length)
    {
        var truncated = IncidentJson[..(length >= 0 ? length : IncidentJson.Length - 1)];

        var e = Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<IncidentSnapshot>(truncated));

        Assert.NotNull(e.BytePositionInLine);
        Assert.Matches("end of|expected|incomplete|invalid", e.Message.ToLowerInvariant());
    }

    [Fact]
    public void Deserialize_UnknownDiscriminator_ThrowsJsonExceptionNamingIt()
    {
        var text = ReplaceOnce(IncidentJson, "\"event\":\"put-on-hold\"", "\"event\":\"frozen\"");

        var e = Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<IncidentSnapshot>(text));

        Assert.Contains("'frozen'", e.Message, StringComparison.Ordinal);
        Assert.Equal("$.history[4]", e.Path);
    }

    [Fact]
    public void Deserialize_UnknownClockEventDiscriminator_ThrowsJsonExceptionNamingIt()
    {
        var text = ReplaceOnce(IncidentJson, "\"event\":\"paused\"", "\"event\":\"Paused\"");

        var e = Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<IncidentSnapshot>(text));

        Assert.Contains("'Paused'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_MissingDiscriminator_ThrowsJsonExceptionNamingTheEventType()
    {
        var text = ReplaceOnce(IncidentJson, "\"event\":\"closed\",", string.Empty);

        var e = Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<IncidentSnapshot>(text));

        Assert.Contains(nameof(IncidentEvent), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_UnknownRetargetPolicyName_ThrowsJsonExceptionNamingItAndTheKnownOnes()
    {
        var text = ReplaceOnce(SnapshotJson.Serialize(Sla().ToSnapshot()), "\"retargetPolicy\":\"retroactive\"", "\"retargetPolicy\":\"sometimes\"");

        var e = Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<SlaDefinitionSnapshot>(text));

        Assert.Contains("'sometimes'", e.Message, StringComparison.Ordinal);
        Assert.Contains("keep-elapsed, restart, retroactive", e.Message, StringComparison.Ordinal);
        Assert.Equal("$.retargetPolicy", e.Path);
    }

    [Fact]
    public void Deserialize_UnknownRetargetPolicyInAClockEvent_ThrowsJsonException()
    {
        var text = ReplaceOnce(IncidentJson, "\"policy\":\"retroactive\"", "\"policy\":\"keep_elapsed\"");

        var e = Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<IncidentSnapshot>(text));

        Assert.Contains("'keep_elapsed'", e.Message, StringComparison.Ordinal);
        Assert.Contains("$[3].policy", e.Message, StringComparison.Ordinal);
        Assert.Equal("$.resolutionClock", e.Path);
    }

    [Fact]
    public void Deserialize_UnknownMember_ThrowsJsonExceptionNamingIt()
    {
        var text = ReplaceOnce(IncidentJson, "\"title\":", "\"titel\":\"typo\",\"title\":");

        var e = Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<IncidentSnapshot>(text));

        Assert.Contains("titel", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_RepeatedMember_ThrowsJsonException()
    {
        var text = ReplaceOnce(IncidentJson, "\"title\":", "\"title\":\"first\",\"title\":");

        Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<IncidentSnapshot>(text));
    }

    [Theory]
    [InlineData("\"openedAt\":\"2026-03-02T09:00:00Z\",", "openedAt")]
    [InlineData("\"state\":\"Closed\",", "state")]
    [InlineData("\"flags\":[\"Zeta\",\"alpha\",\"board\",\"exec-office\",\"vip\"]", "flags")]
    [InlineData("\"sequence\":0", "sequence")]
    public void Deserialize_MissingMemberThatCannotBeNull_ThrowsJsonExceptionNamingIt(string member, string name)
    {
        var text = ReplaceOnce(IncidentJson, member, string.Empty).Replace(",}", "}", StringComparison.Ordinal);

        var e = Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<IncidentSnapshot>(text));

        Assert.Contains($"'{name}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_NullList_ThrowsJsonException()
    {
        var text = ReplaceOnce(IncidentJson, "\"warningThresholds\":[50,75,90]", "\"warningThresholds\":null");

        var e = Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<IncidentSnapshot>(text));

        Assert.Contains("Int32", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_EnumAsNumber_ThrowsJsonException()
    {
        var text = ReplaceOnce(IncidentJson, "\"state\":\"Closed\"", "\"state\":5");

        var e = Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<IncidentSnapshot>(text));

        Assert.Equal("$.state", e.Path);
    }

    [Fact]
    public void Deserialize_NullTitle_ThrowsJsonException()
    {
        var text = ReplaceOnce(IncidentJson, "\"title\":\"Mail is not delivered\"", "\"title\":null");

        var e = Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<IncidentSnapshot>(text));

        Assert.Contains("title", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Deserialize_NullDocument_ThrowsJsonException()
    {
        var e = Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<IncidentSnapshot>("null"));

        Assert.Contains(nameof(IncidentSnapshot), e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"caller\":\"caller\"", "\"caller\":\" caller\"", "UserId")]
    [InlineData("\"caller\":\"caller\"", "\"caller\":\"\"", "UserId")]
    [InlineData("\"id\":\"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\"", "\"id\":\"00000000-0000-0000-0000-000000000000\"", "IncidentId")]
    [InlineData("\"id\":\"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\"", "\"id\":\"not-a-guid\"", "IncidentId")]
    [InlineData("\"impact\":2", "\"impact\":0", "Impact")]
    [InlineData("\"from\":3", "\"from\":\"P3\"", "Priority")]
    [InlineData("\"reason\":\"board member affected\"", "\"reason\":\" \"", "override")]
    [InlineData("\"target\":\"16:00:00\"", "\"target\":\"-16:00:00\"", "SlaClock")]
    public void Deserialize_ValueTheDomainRejects_ThrowsJsonExceptionNamingTheType(string find, string replacement, string named)
    {
        var text = ReplaceOnce(IncidentJson, find, replacement);

        var e = Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<IncidentSnapshot>(text));

        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"20:00-24:00\"", "\"20:00-24:01\"")]
    [InlineData("\"20:00-24:00\"", "\"20:00-19:00\"")]
    [InlineData("\"20:00-24:00\"", "\"20:00\"")]
    [InlineData("\"20:00-24:00\"", "\"8pm-midnight\"")]
    public void Deserialize_BadWorkingRange_ThrowsJsonExceptionQuotingIt(string find, string replacement)
    {
        var text = ReplaceOnce(SnapshotJson.Serialize(CalendarDefinition().ToSnapshot()), find, replacement);

        var e = Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<Itsm.Core.Calendars.BusinessCalendarSnapshot>(text));

        Assert.Contains(replacement.Trim('"'), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_ContentHashThatDoesNotMatch_ThrowsJsonException()
    {
        var baseline = Baseline();
        var text = ReplaceOnce(SnapshotJson.Serialize(baseline), "\"name\":\"Sales data warehouse\"", "\"name\":\"Sales data warehouse (edited)\"");

        var e = Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<ConfigurationBaseline>(text));

        Assert.Contains("content hash", e.Message, StringComparison.Ordinal);
        Assert.Contains(baseline.ContentHash, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_RelationshipToAnUnknownItem_ThrowsJsonException()
    {
        var text = ReplaceOnce(SnapshotJson.Serialize(Baseline()), "\"target\":\"cluster-a\"", "\"target\":\"cluster-b\"");

        var e = Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<ConfigurationBaseline>(text));

        Assert.Contains("unknown configuration item", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_WellKnownRelationshipTypeWithOtherSemantics_ThrowsJsonException()
    {
        var relationship = Relationship.Create(Email, Itsm.Core.Common.ConfigurationItemId.From("mta-01"), RelationshipType.HostedOn).Value;
        var text = ReplaceOnce(SnapshotJson.Serialize(relationship), "\"isContainment\":true", "\"isContainment\":false");

        var e = Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<Relationship>(text));

        Assert.Contains("hosted on", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_BlankImplementationPlan_ThrowsJsonException()
    {
        var text = ReplaceOnce(SnapshotJson.Serialize(FailedChangeThroughLifecycle().ToSnapshot()), "\"implementation\":\"apply patch 4711\"", "\"implementation\":\"  \"");

        var e = Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<ChangeRequestSnapshot>(text));

        Assert.Contains("implementation plan", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A change document from before the history was stored (no <c>history</c>) is refused, not read
    /// with an empty or made-up history: the format is unreleased, and an auditor must never see a
    /// change without its record of who did what.
    /// </summary>
    [Fact]
    public void Deserialize_ChangeWithoutHistory_ThrowsJsonExceptionNamingHistory()
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(SnapshotJson.Serialize(FailedChangeThroughLifecycle().ToSnapshot()))!.AsObject();
        Assert.True(node.Remove("history"));

        var e = Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<ChangeRequestSnapshot>(node.ToJsonString()));

        Assert.Contains("'history'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_ChangeHistoryEventWithoutActor_ThrowsJsonException()
    {
        var text = ReplaceOnce(SnapshotJson.Serialize(FailedChangeThroughLifecycle().ToSnapshot()), "\"actor\":\"carol\",", string.Empty);

        var e = Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<ChangeRequestSnapshot>(text));

        Assert.Contains("'actor'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_ChangeHistoryWithUnknownEvent_ThrowsJsonException()
    {
        var text = ReplaceOnce(SnapshotJson.Serialize(FailedChangeThroughLifecycle().ToSnapshot()), "\"event\":\"scheduled\"", "\"event\":\"postponed\"");

        Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<ChangeRequestSnapshot>(text));
    }

    [Fact]
    public void Deserialize_AttributeValueOfTheWrongKind_ThrowsJsonException()
    {
        var text = ReplaceOnce(SnapshotJson.Serialize(Warehouse().ToSnapshot()), "\"value\":\"512.50\"", "\"value\":\"lots\"");

        var e = Assert.Throws<JsonException>(() => SnapshotJson.Deserialize<ConfigurationItemSnapshot>(text));

        Assert.Contains("'lots'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_UnassignedIdentifier_ThrowsInsteadOfWritingWhatCannotBeRead()
    {
        var snapshot = OpenIncidentOnHold().ToSnapshot() with { Caller = default };

        var e = Assert.Throws<JsonException>(() => SnapshotJson.Serialize(snapshot));

        Assert.Contains("UserId", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A PostgreSQL <c>jsonb</c> column gives keys back in its own order; discriminators included, the document must still read.</summary>
    [Fact]
    public void Deserialize_MembersInAnyOrder_ReadsTheSameSnapshot()
    {
        var shuffled = JsonbOrder(JsonNode.Parse(IncidentJson)!).ToJsonString();
        Assert.NotEqual(IncidentJson, shuffled);

        var restored = SnapshotJson.Deserialize<IncidentSnapshot>(shuffled);

        Assert.Equal(IncidentJson, SnapshotJson.Serialize(restored));
    }

    /// <summary>Orders every object's keys as <c>jsonb</c> does: shorter keys first, then by bytes.</summary>
    private static JsonNode JsonbOrder(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key.Length).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : JsonbOrder(p.Value.DeepClone())))),
        JsonArray a => new JsonArray([.. a.Select(i => i is null ? null : JsonbOrder(i.DeepClone()))]),
        _ => node.DeepClone(),
    };

    private static string ReplaceOnce(string text, string find, string replacement)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"The test text has no '{find}'.");
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + find.Length));
    }
}
