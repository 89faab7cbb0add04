using Itsm.Core.Application.Common;
using Itsm.Core.Application.Configuration;
using Itsm.Core.Application.Incidents;
using Itsm.Core.Application.Problems;
using Itsm.Core.Common;
using Itsm.Core.Configuration;
using Itsm.Core.Problems;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>
/// <see cref="FindProblemCandidates"/> on the store: the incidents opened in the period (read through the
/// <c>IncidentsOpenedIn</c> specification, translated to SQL on the relational stores) and the tenant's CMDB give the
/// library's candidates over the same incidents, the period half-open, another tenant's incidents never counted.
/// </summary>
public abstract partial class StoreContract
{
    [Fact]
    public async Task FindProblemCandidates_ReadsThePeriodsIncidentsOfTheTenant_AndAnswersAsTheLibraryDoes()
    {
        ConfigurationItemId Id(string id) => ConfigurationItemId.From(id);
        ImportedItem[] items =
        [
            new(Email, ConfigurationItemClass.BusinessService, "Email", BusinessCriticality.High),
            new(Id("svc-payroll"), ConfigurationItemClass.BusinessService, "Payroll", BusinessCriticality.High),
            new(Id("app-mail"), ConfigurationItemClass.Application, "Mail"),
            new(Id("app-pay"), ConfigurationItemClass.Application, "Payroll app"),
            new(Id("db-01"), ConfigurationItemClass.Database, "Database"),
            new(Id("san-01"), ConfigurationItemClass.Storage, "SAN"),
            new(Id("printer"), ConfigurationItemClass.NetworkDevice, "Printer"),
        ];
        Relationship[] edges = [.. new[] { (Email, "app-mail"), (Id("svc-payroll"), "app-pay"), (Id("app-mail"), "db-01"), (Id("app-pay"), "db-01"), (Id("db-01"), "san-01") }
            .Select(e => Relationship.Create(e.Item1, Id(e.Item2), RelationshipType.DependsOn).Value)];
        foreach (var tenant in new[] { Acme, Globex })
        {
            var imported = await Itsm.SendAsync(new ImportConfiguration(As(tenant), items, edges));
            Assert.True(imported.IsSuccess, imported.Message);
        }

        var from = Clock.GetCurrentInstant();
        async Task<IncidentOccurrence> OpenOnAsync(TenantId tenant, string service, string item, int minutesLater)
        {
            Clock.AdvanceMinutes(minutesLater);
            var opened = await Itsm.SendAsync(new OpenIncident(As(tenant), $"{item} fails", Id(service), 2, 2, UserId.From("carol")) { AffectedItem = Id(item) });
            Assert.True(opened.IsSuccess, opened.Message);
            return IncidentOccurrence.Of(opened.Value.Record);
        }

        var acme = new List<IncidentOccurrence>
        {
            await OpenOnAsync(Acme, "svc-email", "app-mail", 0),
            await OpenOnAsync(Acme, "svc-payroll", "svc-payroll", 20),
            await OpenOnAsync(Acme, "svc-email", "printer", 5),
            await OpenOnAsync(Acme, "svc-payroll", "app-pay", 10),
        };
        await OpenOnAsync(Globex, "svc-email", "app-mail", 1); // another tenant: never counted
        await OpenOnAsync(Globex, "svc-email", "svc-email", 1);
        var to = Clock.GetCurrentInstant();
        await OpenOnAsync(Acme, "svc-email", "svc-email", 0); // at the period's end: outside the half-open period

        var query = new FindProblemCandidates(As(Acme), new Interval(from, to), Duration.FromHours(1), 3);
        var found = await Itsm.QueryAsync(query);
        var other = Store.IsRelational ? Build().GetRequiredService<IItsmDispatcher>() : Itsm;
        var reloaded = await other.QueryAsync(query);

        Assert.True(found.IsSuccess, found.Message);
        var builder = new CmdbSnapshotBuilder();
        foreach (var item in items)
        {
            Assert.True(builder.AddItem(item.Id, item.Class, item.Criticality, RedundancyRule.AllRequired, false).IsSuccess);
        }

        foreach (var edge in edges)
        {
            Assert.True(builder.AddRelationship(edge.Source, edge.Target, edge.Type).IsSuccess);
        }

        var snapshot = builder.Build().Value;
        var expected = ProblemCandidates.Find(snapshot, acme, Duration.FromHours(1), 3).Value;
        var candidate = Assert.Single(found.Value.Candidates);
        Assert.Equal(Id("db-01"), candidate.SharedItem);
        Assert.Equal(new[] { acme[0].Incident, acme[1].Incident, acme[3].Incident }, candidate.Incidents.ToArray());
        Assert.Equal(expected.Candidates.Select(c => (c.SharedItem, string.Join(",", c.Incidents), c.Explanation.ToString())), found.Value.Candidates.Select(c => (c.SharedItem, string.Join(",", c.Incidents), c.Explanation.ToString())));
        Assert.Equal(found.Value.Candidates.Select(c => c.Explanation.ToString()), reloaded.Value.Candidates.Select(c => c.Explanation.ToString()));
        Assert.Empty(found.Value.Unplaced);
    }
}
