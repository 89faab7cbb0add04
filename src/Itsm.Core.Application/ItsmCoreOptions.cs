using NodaTime;

namespace Itsm.Core.Application;

/// <summary>Options for <see cref="ServiceCollectionExtensions.AddItsmCore"/>.</summary>
public sealed class ItsmCoreOptions
{
    /// <summary>
    /// The clock every handler reads, and the instant an audit record says its command happened
    /// (<see cref="Auditing.AuditRecord.OccurredAt"/>); <see cref="SystemClock.Instance"/> unless set.
    /// Tests and simulations pass a fake clock.
    /// </summary>
    public IClock Clock { get; set; } = SystemClock.Instance;

    /// <summary>
    /// The clock that stamps when an audit record was written (<see cref="Auditing.AuditRecord.RecordedAt"/>);
    /// <see cref="SystemClock.Instance"/> unless set, even when <see cref="Clock"/> is simulated, so the
    /// log always says when things were really recorded.
    /// </summary>
    public IClock RecordingClock { get; set; } = SystemClock.Instance;

    /// <summary>
    /// A secret that keys the audit log's hash chain (HMAC-SHA-256 instead of SHA-256), so that a
    /// database user who can insert or rewrite audit rows cannot make them verify. Keep it outside the
    /// database (a key vault, the host's configuration); every process over one store needs the same
    /// key, and a store's records verify only with the key they were written with. Null (the default): unkeyed.
    /// </summary>
    public byte[]? AuditChainKey { get; set; }

    /// <summary>
    /// The longest text any field of any request may hold, in UTF-16 code units
    /// (<see cref="Pipeline.RequestLimits.MaxTextLength"/>); <see cref="Pipeline.RequestLimits.DefaultMaxTextLength"/>
    /// (10,000) unless set. Longer text is refused with <c>request.text-length</c> before anything is stored. At least 200 (<see cref="Itsm.Core.Common.Identifier.MaxTextLength"/>): the rule holds identifiers' text to it too.
    /// </summary>
    public int MaxTextLength { get; set; } = Pipeline.RequestLimits.DefaultMaxTextLength;
}
