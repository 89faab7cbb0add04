using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace Itsm.Core.Persistence.Relational.Serialization;

/// <summary>
/// The JSON form in which the relational adapters store aggregate snapshots
/// (<c>IncidentSnapshot</c>, <c>SlaDefinitionSnapshot</c>, <c>BusinessCalendarSnapshot</c>,
/// <c>ChangeRequestSnapshot</c>, <c>ConfigurationItemSnapshot</c>, <c>ConfigurationBaseline</c>,
/// <c>Relationship</c>). Itsm.Core knows nothing of JSON, so every converter lives here.
/// </summary>
/// <remarks>
/// <para><b>The stored format.</b> One compact JSON object per document:</para>
/// <list type="bullet">
/// <item>Property names are camelCase; a null member is left out (and reads back as null).
/// Enums are their declared names (<c>"OnHold"</c>, <c>"SourceDependsOnTarget"</c>), never numbers.</item>
/// <item>Records with a public constructor are objects of their constructor parameters; computed
/// properties (<c>verb</c>, <c>hasTestEvidence</c>, <c>isPreApproved</c>, ...) are not stored.</item>
/// <item>Identifiers are JSON strings: text ids as their text (<c>"svc-email"</c>), GUID ids in the
/// 36-character <c>D</c> form; also as dictionary keys.</item>
/// <item><c>Impact</c>, <c>Urgency</c> and <c>Priority</c> are their level or rank (<c>2</c>);
/// <c>RedundancyRule</c> its minimum up (<c>0</c> = all required).</item>
/// <item>NodaTime values use NodaTime.Serialization.SystemTextJson with tzdb: instants
/// <c>"2026-03-02T09:00:00Z"</c>, durations <c>"4:00:00"</c> (hours may exceed 24), dates
/// <c>"2026-12-25"</c> (also as dictionary keys), intervals <c>{"start":..,"end":..}</c>.</item>
/// <item><c>WorkingRange</c> is <c>"09:00-17:30"</c>, with seconds or a fraction only when present
/// (to the 100 ns of its <c>Start</c> and <c>End</c>), and <c>24:00</c> for the end of the day.</item>
/// <item>Immutable lists and sets are JSON arrays (an uninitialised <c>ImmutableArray</c> is written
/// as <c>[]</c>); dictionaries are JSON objects keyed by the key's text form.</item>
/// <item><c>SlaRetargetPolicy</c> is its name (<c>"keep-elapsed"</c>, <c>"restart"</c>,
/// <c>"retroactive"</c>); <c>ConfigurationItemClass</c> its name; <c>RelationshipType</c>
/// <c>{"name","direction","isContainment"}</c> (and <c>"isMembership":true</c> for a vendor membership type); <c>AttributeValue</c> <c>{"kind","value"}</c>
/// with the value in its invariant text form.</item>
/// <item><c>Money</c> is <c>{"amount","currency"}</c>; <c>Periodicity</c> <c>{"count","unit"}</c>; <c>ContractTerm</c>
/// <c>{"start","initialTerm","renewal","renewalPeriod","notice"}</c> (absent parts are open-ended, none or no notice);
/// <c>ServiceCreditPolicy</c> <c>{"name","percentPerStartedHour","freeAllowance","capPercent"}</c>; a time zone its tzdb id.</item>
/// <item><c>ServiceAcceptancePolicy</c> is <c>{"name","criteria"}</c>, stored whole with each service; <c>AgreementRetargetPolicy</c> its name.</item>
/// <item>A request catalogue item (<c>RequestItem</c>) is <c>{"id","service","name","fields","stages","tasks","fulfilmentTarget","serviceCalendar","groupCalendars","warningThresholds"}</c>,
/// its fields <c>{"name","isRequired"}</c>, stages <c>{"name","mode","approvers","quorum"}</c> and tasks <c>{"id","name","group","effort","dependsOn"}</c>,
/// each restored through its factory (<c>RequestItem.Define</c>), so a stored item is as valid as a defined one.</item>
/// <item><c>ReleaseVersion</c> is its text <c>"4.2.0"</c>; <c>ReleasePolicy</c> <c>{"name","types","expedited"}</c>, stored whole with each release.</item>
/// <item><c>PriorityDecision</c> is everything that explains it (matrix, impact, urgencies, rules
/// that fired, override); <c>SlaClock</c> is its metric, thresholds and events; a
/// <c>ConfigurationState</c> is its items (by id), its relationships (canonical order) and its
/// content hash, which must match on reading.</item>
/// <item>Events (<c>IncidentEvent</c>, <c>SlaClockEvent</c>, <c>ChangeEvent</c>) carry a
/// discriminator property <c>"event"</c> with a short stable name (<c>"opened"</c>,
/// <c>"paused"</c>, ...; see <see cref="SnapshotContract"/>), never a CLR type name, so renaming a
/// class does not break stored data. It may appear anywhere in the object (a PostgreSQL
/// <c>jsonb</c> column reorders keys).</item>
/// <item>Sorted sets and dictionaries keyed by strings come back with the ordinal comparer the
/// domain uses; hash sets are written sorted. So equal values give equal text.</item>
/// <item>Text is stored exactly; text that is not valid UTF-16 (a lone surrogate) is refused
/// rather than silently replaced.</item>
/// </list>
/// <para>
/// <b>Compatibility.</b> Stored names come from Itsm.Core's own property and enum member names, so
/// renaming one there, or changing a discriminator, a policy name or the text form of a value, is a
/// breaking change for stored data and needs a data migration; so do removing a member and adding
/// one that cannot be null. Adding a nullable member is compatible (old documents read it as null).
/// The golden-file tests in the persistence tests fail on any change of the format.
/// </para>
/// <para>
/// <b>Reading is strict.</b> Unknown or repeated properties, missing members (only a nullable one
/// may be absent, and reads as null), unknown discriminators, enum numbers, nulls where the domain
/// allows none and values the domain's own factories reject all give a <see cref="JsonException"/>
/// naming the problem; nothing is silently dropped or defaulted.
/// </para>
/// <para>Thread-safe: the options are built once, frozen, and never changed.</para>
/// </remarks>
internal static class SnapshotJson
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>Serialises <paramref name="value"/> to its stored JSON text.</summary>
    /// <exception cref="JsonException">The value holds something that cannot be stored, such as an unassigned identifier, an event type without a discriminator or text with a lone surrogate.</exception>
    public static string Serialize<T>(T value)
    {
        try
        {
            return JsonSerializer.Serialize(value, Options);
        }
        catch (NotSupportedException e)
        {
            // An event type without a discriminator.
            throw new JsonException($"The {typeof(T).Name} cannot be stored: {e.Message}", e);
        }
    }

    /// <summary>Reads a value back from its stored JSON text.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="JsonException">The text is not the stored form of <typeparamref name="T"/>.</exception>
    public static T Deserialize<T>(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"The stored {typeof(T).Name} is null.");
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or NotSupportedException or OverflowException or TargetInvocationException)
        {
            // A domain constructor (ChangePlans, ApprovalRequirement, ...) refused the stored values.
            var cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            throw new JsonException($"The stored {typeof(T).Name} is not valid: {cause.Message}", cause);
        }
    }

    /// <summary>Builds the frozen options of the stored format.</summary>
    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

            // Documents are stored, never embedded in HTML: keep text such as "P3 -> P1" readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowDuplicateProperties = false,
            AllowOutOfOrderMetadataProperties = true,
            RespectNullableAnnotations = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver
            {
                Modifiers = { SnapshotContract.IgnoreComputedProperties, SnapshotContract.RequireNonNullableMembers, SnapshotContract.AddPolymorphism },
            },
        };

        options.Converters.Add(new TextConverter());
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.Converters.Add(new TextIdentifierConverterFactory());
        options.Converters.Add(new GuidIdentifierConverterFactory());
        options.Converters.Add(new ImpactConverter());
        options.Converters.Add(new UrgencyConverter());
        options.Converters.Add(new PriorityConverter());
        options.Converters.Add(new RedundancyRuleConverter());
        options.Converters.Add(new SlaRetargetPolicyConverter());
        options.Converters.Add(new ConfigurationItemClassConverter());
        options.Converters.Add(new WorkingRangeConverter());
        options.Converters.Add(new PriorityDecisionConverter());
        options.Converters.Add(new SlaClockConverter());
        options.Converters.Add(new AttributeValueConverter());
        options.Converters.Add(new RelationshipTypeConverter());
        options.Converters.Add(new RelationshipConverter());
        options.Converters.Add(new ConfigurationStateConverter());
        options.Converters.Add(new ConfigurationBaselineConverter());
        options.Converters.Add(new MoneyConverter());
        options.Converters.Add(new PeriodicityConverter());
        options.Converters.Add(new ContractTermConverter());
        options.Converters.Add(new ServiceCreditPolicyConverter());
        options.Converters.Add(new ReleaseVersionConverter());
        options.Converters.Add(new ReleasePolicyConverter());
        options.Converters.Add(new ServiceAcceptancePolicyConverter());
        options.Converters.Add(new AgreementRetargetPolicyConverter());
        options.Converters.Add(new RequestFieldConverter());
        options.Converters.Add(new ApprovalStageConverter());
        options.Converters.Add(new FulfilmentTaskConverter());
        options.Converters.Add(new RequestItemConverter());
        options.Converters.Add(new OrdinalSortedSetConverter());
        options.Converters.Add(new OrdinalSortedDictionaryConverterFactory());
        options.Converters.Add(new SortedHashSetConverterFactory());
        options.Converters.Add(new ImmutableArrayConverterFactory());
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        options.MakeReadOnly();
        return options;
    }
}
