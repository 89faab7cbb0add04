using Ardalis.Specification;
using Itsm.Core.Common;

namespace Itsm.Core.Application.Specifications;

/// <summary>Applies a <see cref="PageRequest"/> to an Ardalis specification the same way for every specification that pages.</summary>
internal static class SpecificationPaging
{
    /// <summary>Checks that <paramref name="page"/>, when given, was made by a factory (not <c>default</c>).</summary>
    /// <exception cref="ArgumentException"><paramref name="page"/> is <c>default(PageRequest)</c>.</exception>
    internal static PageRequest? Checked(PageRequest? page, string paramName)
    {
        Preconditions.CheckArgument(page is not { Take: 0 }, paramName, "The page is default(PageRequest), which takes nothing; create it with PageRequest.Of or PageRequest.Parse.");
        return page;
    }

    /// <summary>Skips and takes as <paramref name="page"/> says; nothing when it is null.</summary>
    internal static void Paged<T>(this ISpecificationBuilder<T> query, PageRequest? page)
    {
        if (page is { } p)
        {
            query.Skip(p.Skip).Take(p.Take);
        }
    }
}
