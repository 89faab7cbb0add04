using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Itsm.Core.Availability;
using Itsm.Core.Calendars;
using Itsm.Core.Changes;
using Itsm.Core.Configuration;
using Itsm.Core.Continuity;
using Itsm.Core.Incidents;
using Itsm.Core.Problems;
using Itsm.Core.Releases;
using Itsm.Core.ServiceCatalogue;
using Itsm.Core.Requests;
using Itsm.Core.ServiceLevels;
using Itsm.Core.Suppliers;

namespace Itsm.Core.Persistence.Relational.Serialization;

/// <summary>
/// Contract customisations of the snapshot format, applied as <see cref="DefaultJsonTypeInfoResolver"/>
/// modifiers so that Itsm.Core carries no JSON attributes: the discriminators of the event
/// hierarchies, and leaving out computed properties.
/// </summary>
/// <remarks>
/// The discriminators are part of the stored format. Never rename or reuse one: stored documents
/// would no longer read. A new event type needs a new, unused discriminator here; a test fails
/// until every concrete event type of Itsm.Core has one. Retired, never to be reused: the change events
/// <c>reclassified</c> and <c>approved</c> (before each change transition appended exactly one record).
/// </remarks>
internal static class SnapshotContract
{
    /// <summary>The name of the property that says which event a stored event is.</summary>
    public const string DiscriminatorProperty = "event";

    /// <summary>The polymorphic base types and, for each, the discriminator of every concrete type.</summary>
    public static IReadOnlyDictionary<Type, IReadOnlyList<(Type Type, string Discriminator)>> Hierarchies { get; } =
        new Dictionary<Type, IReadOnlyList<(Type, string)>>
        {
            [typeof(IncidentEvent)] =
            [
                (typeof(IncidentOpened), "opened"),
                (typeof(IncidentAssigned), "assigned"),
                (typeof(IncidentWorkStarted), "work-started"),
                (typeof(IncidentFirstResponse), "first-response"),
                (typeof(IncidentPutOnHold), "put-on-hold"),
                (typeof(IncidentResumed), "resumed"),
                (typeof(IncidentResolved), "resolved"),
                (typeof(IncidentClosed), "closed"),
                (typeof(IncidentReopened), "reopened"),
                (typeof(IncidentCancelled), "cancelled"),
                (typeof(IncidentPriorityChanged), "priority-changed"),
                (typeof(IncidentLinkedToProblem), "linked-to-problem"),
                (typeof(IncidentSlaNotApplied), "sla-not-applied"),
                (typeof(IncidentWorkaroundApplied), "workaround-applied"),
            ],
            [typeof(SlaClockEvent)] =
            [
                (typeof(SlaClockStarted), "started"),
                (typeof(SlaClockPaused), "paused"),
                (typeof(SlaClockResumed), "resumed"),
                (typeof(SlaClockStopped), "stopped"),
                (typeof(SlaClockRetargeted), "retargeted"),
            ],
            [typeof(ChangeEvent)] =
            [
                (typeof(ChangeRaised), "raised"),
                (typeof(ChangeSubmitted), "submitted"),
                (typeof(ChangeRiskAssessed), "risk-assessed"),
                (typeof(ChangeApprovalRecorded), "approval-recorded"),
                (typeof(ChangeRejected), "rejected"),
                (typeof(ChangeScheduled), "scheduled"),
                (typeof(ChangeImplementationStarted), "implementation-started"),
                (typeof(ChangeImplemented), "implemented"),
                (typeof(ChangeFailed), "failed"),
                (typeof(ChangeReviewed), "reviewed"),
                (typeof(ChangeClosed), "closed"),
            ],
            [typeof(ProblemEvent)] =
            [
                (typeof(ProblemLogged), "logged"),
                (typeof(ProblemInvestigationStarted), "investigation-started"),
                (typeof(ProblemAssigned), "assigned"),
                (typeof(ProblemIncidentLinked), "incident-linked"),
                (typeof(ProblemPriorityChanged), "priority-changed"),
                (typeof(ProblemRootCauseRecorded), "root-cause-recorded"),
                (typeof(ProblemWorkaroundRecorded), "workaround-recorded"),
                (typeof(ProblemKnownErrorPublished), "known-error-published"),
                (typeof(ProblemWorkaroundPushed), "workaround-pushed"),
                (typeof(ProblemResolved), "resolved"),
                (typeof(ProblemClosed), "closed"),
                (typeof(ProblemCancelled), "cancelled"),
            ],
            [typeof(KnownErrorEvent)] =
            [
                (typeof(KnownErrorRecorded), "recorded"),
                (typeof(KnownErrorRevised), "revised"),
                (typeof(KnownErrorPublished), "published"),
                (typeof(KnownErrorFixed), "fixed"),
                (typeof(KnownErrorRetired), "retired"),
            ],
            [typeof(SupplierEvent)] =
            [
                (typeof(SupplierRegistered), "registered"),
                (typeof(SupplierRevised), "revised"),
            ],
            [typeof(ContractEvent)] =
            [
                (typeof(ContractDrafted), "drafted"),
                (typeof(ContractActivated), "activated"),
                (typeof(ContractNoticeGiven), "notice-given"),
                (typeof(ContractRenewed), "renewed"),
                (typeof(ContractExpired), "expired"),
                (typeof(ContractTerminated), "terminated"),
                (typeof(ContractUnderpinningLinked), "underpinning-linked"),
            ],
            [typeof(ContinuityPlanEvent)] =
            [
                (typeof(BusinessImpactDefined), "impact-defined"),
                (typeof(ContinuityPlanDefined), "plan-defined"),
                (typeof(ContinuityPlanTested), "tested"),
            ],
            [typeof(ConfigurationItemEvent)] =
            [
                (typeof(ConfigurationItemRegistered), "registered"),
                (typeof(ConfigurationItemUpdated), "updated"),
                (typeof(ConfigurationItemRetired), "retired"),
            ],
            [typeof(SlaDefinitionEvent)] =
            [
                (typeof(SlaDefined), "defined"),
                (typeof(SlaRevised), "revised"),
            ],
            [typeof(OutageEvent)] =
            [
                (typeof(OutageRecorded), "recorded"),
                (typeof(OutageEnded), "ended"),
                (typeof(OutageCorrected), "corrected"),
            ],
            [typeof(AvailabilityTargetEvent)] =
            [
                (typeof(AvailabilityTargetSet), "set"),
            ],
            [typeof(CalendarEvent)] =
            [
                (typeof(CalendarDefined), "defined"),
                (typeof(CalendarRedefined), "redefined"),
            ],
            [typeof(ServiceRequestEvent)] =
            [
                (typeof(ServiceRequestSubmitted), "submitted"),
                (typeof(ServiceRequestApproved), "approved"),
                (typeof(ServiceRequestRejected), "rejected"),
                (typeof(FulfilmentTaskCompleted), "task-completed"),
                (typeof(ServiceRequestClosed), "closed"),
                (typeof(ServiceRequestCancelled), "cancelled"),
            ],
            [typeof(ReleaseEvent)] =
            [
                (typeof(ReleasePlanned), "planned"),
                (typeof(ReleaseChangeBundled), "change-bundled"),
                (typeof(ReleaseBuilt), "built"),
                (typeof(ReleaseTestRecorded), "test-recorded"),
                (typeof(ReleaseAccepted), "accepted"),
                (typeof(ReleaseRescheduled), "rescheduled"),
                (typeof(ReleaseDeploymentStarted), "deployment-started"),
                (typeof(ReleaseDeploymentCompleted), "deployment-completed"),
                (typeof(ReleaseRolledBack), "rolled-back"),
                (typeof(ReleaseReviewed), "reviewed"),
                (typeof(ReleaseClosed), "closed"),
            ],
            [typeof(ServiceEvent)] =
            [
                (typeof(ServiceDefined), "defined"),
                (typeof(ServiceRevised), "revised"),
                (typeof(ServiceOfferingAdded), "offering-added"),
                (typeof(ServiceMovedToTransition), "moved-to-transition"),
                (typeof(ServiceWentLive), "went-live"),
                (typeof(ServiceRetired), "retired"),
            ],
            [typeof(AgreementEvent)] =
            [
                (typeof(AgreementDrafted), "drafted"),
                (typeof(AgreementVersionDrafted), "version-drafted"),
                (typeof(AgreementSubmittedForReview), "submitted-for-review"),
                (typeof(AgreementSigned), "signed"),
                (typeof(AgreementReviewed), "reviewed"),
                (typeof(AgreementTerminated), "terminated"),
            ],
        };

    /// <summary>Declares the stored discriminators of the event hierarchies; an unknown discriminator or an unregistered event type fails.</summary>
    public static void AddPolymorphism(JsonTypeInfo typeInfo)
    {
        if (!Hierarchies.TryGetValue(typeInfo.Type, out var derived))
        {
            return;
        }

        var polymorphism = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = DiscriminatorProperty,
            UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
            IgnoreUnrecognizedTypeDiscriminators = false,
        };
        foreach (var (type, discriminator) in derived)
        {
            polymorphism.DerivedTypes.Add(new JsonDerivedType(type, discriminator));
        }

        typeInfo.PolymorphismOptions = polymorphism;
    }

    /// <summary>
    /// Makes every stored member that cannot be null required, in Itsm.Core types and in the
    /// codec's own data records: a document without <c>openedAt</c> must fail, not read as 1970.
    /// Only a nullable member may be absent (null members are not written). A get-only property
    /// bound to an explicit constructor (<c>ChangePlans</c>, <c>ApprovalRequirement</c>) cannot be
    /// marked required; those constructors validate their arguments themselves.
    /// </summary>
    public static void RequireNonNullableMembers(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object
            || (typeInfo.Type.Assembly != typeof(IncidentEvent).Assembly && typeInfo.Type.Assembly != typeof(SnapshotContract).Assembly))
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.Set is null)
            {
                continue;
            }

            var nullable = property.PropertyType.IsValueType
                ? Nullable.GetUnderlyingType(property.PropertyType) is not null
                : property.AssociatedParameter?.IsNullable ?? property.IsSetNullable;
            if (!nullable)
            {
                property.IsRequired = true;
            }
        }
    }

    /// <summary>
    /// Leaves out the computed properties of Itsm.Core types (<c>Verb</c>, <c>HasTestEvidence</c>,
    /// <c>IsPreApproved</c>, ...): those without a setter that no constructor parameter restores.
    /// Stored, they would only be noise that reading has to reject.
    /// </summary>
    public static void IgnoreComputedProperties(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || typeInfo.Type.Assembly != typeof(IncidentEvent).Assembly)
        {
            return;
        }

        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            if (typeInfo.Properties[i] is { Set: null, AssociatedParameter: null })
            {
                typeInfo.Properties.RemoveAt(i);
            }
        }
    }
}
