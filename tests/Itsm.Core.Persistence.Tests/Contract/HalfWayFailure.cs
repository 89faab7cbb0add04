using NodaTime;
using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using MediatR;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>A command that writes two configuration items and then fails (by result or by exception): nothing of it may remain.</summary>
/// <param name="Context">Who asks.</param>
/// <param name="Throw">True to throw after the writes, false to return a failed result.</param>
public sealed record FailHalfWay(RequestContext Context, bool Throw) : ICommand<Result>;

/// <summary>Handles <see cref="FailHalfWay"/>.</summary>
public sealed class FailHalfWayHandler(IConfigurationItemRepository items) : IRequestHandler<FailHalfWay, Result>
{
    /// <summary>The items the command writes before failing.</summary>
    public static readonly ConfigurationItemId[] Written = [ConfigurationItemId.From("half-1"), ConfigurationItemId.From("half-2")];

    /// <inheritdoc />
    public async Task<Result> Handle(FailHalfWay request, CancellationToken cancellationToken)
    {
        foreach (var id in Written)
        {
            var item = ConfigurationItem.Register(id, ConfigurationItemClass.Server, id.Value, UserId.From("tester"), Instant.FromUtc(2026, 1, 1, 0, 0)).Value;
            var added = await items.AddAsync(request.Context.Tenant, item.ToSnapshot(), cancellationToken);
            Assert.True(added.IsSuccess, added.Message);
        }

        return request.Throw
            ? throw new InvalidOperationException("the disk caught fire half-way")
            : Failure.Conflict("Something else went wrong half-way.", "test.half-way");
    }
}
