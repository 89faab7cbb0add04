using Itsm.Core.Common;

namespace Itsm.Core.Application.Specifications;

/// <summary>
/// A page of results: skip <see cref="Skip"/> records, then take at most <see cref="Take"/>.
/// </summary>
/// <remarks>
/// The paging value of the specifications that page (<c>IncidentsByOpening</c>, <c>ChangesByWindowStart</c>, ...):
/// they take it in their constructor, expose it as <c>Page</c> and apply it after their total ordering, so
/// every adapter returns the same page. Immutable and thread-safe. <c>default</c> is skip 0, take 0, which
/// no factory produces and which the specifications reject: create pages with <see cref="Of"/> (trusted
/// input) or <see cref="Parse"/> (untrusted input).
/// </remarks>
public readonly record struct PageRequest
{
    /// <summary>The largest page a query may ask for.</summary>
    public const int MaxTake = 1000;

    private PageRequest(int skip, int take)
    {
        Skip = skip;
        Take = take;
    }

    /// <summary>How many records to skip.</summary>
    public int Skip { get; }

    /// <summary>How many records to return at most.</summary>
    public int Take { get; }

    /// <summary>Creates a page.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="skip"/> is negative or <paramref name="take"/> outside 1 to <see cref="MaxTake"/>.</exception>
    public static PageRequest Of(int skip, int take)
    {
        Preconditions.CheckArgumentRange(skip, 0, int.MaxValue);
        Preconditions.CheckArgumentRange(take, 1, MaxTake);
        return new PageRequest(skip, take);
    }

    /// <summary>Validates untrusted paging input, returning <see cref="ResultStatus.Invalid"/> with a message when it is out of range.</summary>
    public static Result<PageRequest> Parse(int skip, int take)
    {
        var errors = new List<ValidationError>();
        if (skip < 0)
        {
            errors.Add(Failure.Field("Skip", $"Skip must not be negative, but was {skip}.", "page.skip"));
        }

        if (take is < 1 or > MaxTake)
        {
            errors.Add(Failure.Field("Take", $"Take must be between 1 and {MaxTake}, but was {take}.", "page.take"));
        }

        return errors.Count == 0 ? new PageRequest(skip, take) : Result<PageRequest>.Invalid(errors);
    }
}
