using Itsm.Core.Application.Specifications;
using Itsm.Core.Common;

namespace Itsm.Core.Application.Tests.Specifications;

public class SpecificationEvaluatorTests
{
    private static readonly Ticket[] Tickets =
    [
        new("T1", 3, "open"),
        new("T2", 1, "open"),
        new("T3", 2, "closed"),
        new("T4", 1, "open"),
        new("T5", 2, "open"),
    ];

    [Fact]
    public void Evaluate_FiltersByEveryCriterion()
    {
        var result = SpecificationEvaluator.Evaluate(Tickets, new TicketSpecification(state: "open", maxPriority: 2));

        Assert.Equal(["T2", "T4", "T5"], result.Select(t => t.Id).Order());
    }

    [Fact]
    public void Evaluate_OrdersByKeysInTurn()
    {
        var result = SpecificationEvaluator.Evaluate(Tickets, new TicketSpecification(orderByPriority: true));

        Assert.Equal(["T2", "T4", "T3", "T5", "T1"], result.Select(t => t.Id));
    }

    [Fact]
    public void Evaluate_DescendingOrder()
    {
        var result = SpecificationEvaluator.Evaluate(Tickets, new TicketSpecification(orderByPriority: true, descending: true));

        Assert.Equal(["T1", "T5", "T3", "T4", "T2"], result.Select(t => t.Id));
    }

    [Fact]
    public void Evaluate_PagesAfterOrdering()
    {
        var result = SpecificationEvaluator.Evaluate(Tickets, new TicketSpecification(orderByPriority: true, page: PageRequest.Of(1, 2)));

        Assert.Equal(["T4", "T3"], result.Select(t => t.Id));
    }

    [Fact]
    public void IsSatisfiedBy_IsTheConjunctionOfCriteria()
    {
        var specification = new TicketSpecification(state: "open", maxPriority: 1);

        Assert.True(specification.IsSatisfiedBy(new Ticket("X", 1, "open")));
        Assert.False(specification.IsSatisfiedBy(new Ticket("X", 2, "open")));
        Assert.False(specification.IsSatisfiedBy(new Ticket("X", 1, "closed")));
    }

    [Theory]
    [InlineData(-1, 10, "Skip")]
    [InlineData(0, 0, "Take")]
    [InlineData(0, PageRequest.MaxTake + 1, "Take")]
    public void PageRequestParse_RejectsOutOfRange(int skip, int take, string field)
    {
        var result = PageRequest.Parse(skip, take);

        Assert.Equal(ResultStatus.Invalid, result.Status);
        Assert.Equal(field, Assert.Single(result.ValidationErrors).Identifier);
    }

    [Fact]
    public void PageRequestOf_RejectsOutOfRange() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PageRequest.Of(0, 0));

    private sealed record Ticket(string Id, int Priority, string State);

    private sealed record InState(string State) : ICriterion<Ticket>
    {
        public bool IsSatisfiedBy(Ticket candidate) => candidate.State == State;
    }

    private sealed record PriorityAtMost(int Priority) : ICriterion<Ticket>
    {
        public bool IsSatisfiedBy(Ticket candidate) => candidate.Priority <= Priority;
    }

    private sealed class TicketSpecification : Specification<Ticket>
    {
        private static readonly SortKey<Ticket> ByPriority = new("priority", t => t.Priority);
        private static readonly SortKey<Ticket> ById = new("id", t => t.Id);

        public TicketSpecification(string? state = null, int? maxPriority = null, bool orderByPriority = false, bool descending = false, PageRequest? page = null)
        {
            if (state is not null)
            {
                Where(new InState(state));
            }

            if (maxPriority is { } max)
            {
                Where(new PriorityAtMost(max));
            }

            if (orderByPriority)
            {
                OrderBy(ByPriority, descending);
                OrderBy(ById, descending);
            }

            if (page is { } p)
            {
                Paginate(p);
            }
        }
    }
}
