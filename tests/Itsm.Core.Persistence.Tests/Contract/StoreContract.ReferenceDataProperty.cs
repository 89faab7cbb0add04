using FsCheck.Xunit;
using Itsm.Core.Application.Changes;
using Itsm.Core.Changes;
using Itsm.Core.Common;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Itsm.Core.Persistence.Tests.Contract;

/// <summary>
/// Change management's reference data round trip as a property: a random script of grants and revocations,
/// maintenance windows defined, replaced and removed, blackouts declared and lifted, templates defined and retired,
/// applied to the store and to a plain model; what the store then lists (read back through another provider for the
/// database stores) is exactly the model, and every refusal is the one the model expects.
/// </summary>
public abstract partial class StoreContract
{
    private static readonly string[] ScriptUsers = ["ann", "bob", "cy"];
    private static readonly ConfigurationItemId[] ScriptServices = [Email, Payroll, ConfigurationItemId.From("svc-crm")];

    [Property]
    public async Task ReferenceDataScript_ReadsBackAsTheModel(int[] script)
    {
        var tenant = TenantId.From("ref-" + Guid.NewGuid().ToString("N")[..12]);
        var authorities = new SortedDictionary<string, ChangeAuthority>(StringComparer.Ordinal);
        var windows = new SortedDictionary<ConfigurationItemId, MaintenanceWindow>();
        var blackouts = new List<BlackoutWindow>();
        var templates = new SortedDictionary<string, StandardChangeTemplate>(StringComparer.Ordinal);
        var t0 = Clock.GetCurrentInstant();
        foreach (var (step, k) in script.Take(12).Select((s, k) => ((long)s & int.MaxValue, k)))
        {
            var user = ScriptUsers[(int)(step / 8 % 3)];
            var flags = (ChangeAuthority)(1 + (int)(step / 24 % 7));
            var service = ScriptServices[(int)(step / 8 % 3)];
            var name = "tpl-" + (step / 8 % 2);
            switch (step % 8)
            {
                case 0:
                    Assert.True((await WithAsync<IChangeAuthorityStore, Result>(s => s.GrantAsync(tenant, GrantOf(user, flags), CancellationToken.None))).IsSuccess);
                    authorities[user] = authorities.GetValueOrDefault(user) | flags;
                    break;
                case 1:
                    Assert.True((await WithAsync<IChangeAuthorityStore, Result>(s => s.RevokeAsync(tenant, GrantOf(user, flags), CancellationToken.None))).IsSuccess);
                    authorities[user] = authorities.GetValueOrDefault(user) & ~flags;
                    break;
                case 2:
                    var window = MaintenanceWindow.Define(service, CalendarId.From("cal-" + (step / 24 % 3))).Value;
                    Assert.True((await WithAsync<IMaintenanceWindowStore, Result>(s => s.DefineAsync(tenant, window, CancellationToken.None))).IsSuccess);
                    windows[service] = window;
                    break;
                case 3:
                    var removed = await WithAsync<IMaintenanceWindowStore, Result>(s => s.RemoveAsync(tenant, service, CancellationToken.None));
                    Assert.Equal(windows.Remove(service) ? null : "change.maintenance.not-found", removed.ErrorCode);
                    break;
                case 4:
                    var start = t0 + Duration.FromMinutes(step % 997);
                    var blackout = BlackoutWindow.Declare(BlackoutId.New(), service, new Interval(start, start + Duration.FromHours(1 + (step % 5))), $"freeze {k}").Value;
                    Assert.True((await WithAsync<IBlackoutStore, Result>(s => s.DeclareAsync(tenant, blackout, CancellationToken.None))).IsSuccess);
                    blackouts.Add(blackout);
                    break;
                case 5:
                    var lifted = blackouts.Count == 0 ? BlackoutId.New() : blackouts[(int)(step / 8 % blackouts.Count)].Id;
                    var lift = await WithAsync<IBlackoutStore, Result>(s => s.LiftAsync(tenant, lifted, CancellationToken.None));
                    Assert.Equal(blackouts.RemoveAll(b => b.Id == lifted) == 1 ? null : "change.blackout.not-found", lift.ErrorCode);
                    break;
                case 6:
                    var template = StandardChangeTemplate.Define(StandardChangeTemplateId.From(name), $"Template {k}", new ChangePlans("do it", "tested", "undo")).Value;
                    var defined = await WithAsync<IStandardChangeTemplateStore, Result>(s => s.DefineAsync(tenant, template, CancellationToken.None));
                    Assert.Equal(templates.TryAdd(name, template) ? null : "record.exists", defined.ErrorCode);
                    break;
                default:
                    var current = templates.GetValueOrDefault(name) ?? StandardChangeTemplate.Define(StandardChangeTemplateId.From(name), "never defined", new ChangePlans("x")).Value;
                    var retiredTemplate = current.Retire(UserId.From(user), t0 + Duration.FromSeconds(k));
                    var retire = retiredTemplate.IsSuccess ? await WithAsync<IStandardChangeTemplateStore, Result>(s => s.RetireAsync(tenant, retiredTemplate.Value, CancellationToken.None)) : retiredTemplate.AsFailure();
                    Assert.Equal(!templates.ContainsKey(name) ? "record.not-found" : current.IsRetired ? StandardChangeTemplate.RetiredCode : null, retire.ErrorCode);
                    if (retire.IsSuccess)
                    {
                        templates[name] = retiredTemplate.Value;
                    }

                    break;
            }
        }

        var other = Store.IsRelational ? Build() : null;
        var reader = other ?? Provider;
        async Task<T> ReadAsync<TPort, T>(Func<TPort, Task<T>> read)
            where TPort : notnull
        {
            using var scope = reader.CreateScope();
            return await read(scope.ServiceProvider.GetRequiredService<TPort>());
        }

        Assert.Equal(
            authorities.Where(a => a.Value != ChangeAuthority.None).Select(a => GrantOf(a.Key, a.Value)),
            await ReadAsync<IChangeAuthorityStore, IReadOnlyList<ChangeAuthorityGrant>>(s => s.ListAsync(tenant, CancellationToken.None)));
        Assert.Equal(windows.Values, await ReadAsync<IMaintenanceWindowStore, IReadOnlyList<MaintenanceWindow>>(s => s.ListAsync(tenant, CancellationToken.None)));
        Assert.Equal(
            blackouts.OrderBy(b => b.Window.Start).ThenBy(b => b.Id),
            await ReadAsync<IBlackoutStore, IReadOnlyList<BlackoutWindow>>(s => s.ListAsync(tenant, CancellationToken.None)));
        Assert.Equal(templates.Values, (await ReadAsync<IStandardChangeTemplateStore, StandardChangeCatalogue>(s => s.CatalogueAsync(tenant, CancellationToken.None))).Templates);
    }
}
