using Itsm.Core.Common;
using Itsm.Core.Configuration;

namespace Itsm.Core.Benchmarks.Configuration;

/// <summary>
/// A generated, layered CMDB shaped like a real one: business services -> applications ->
/// databases and virtual machines -> hosts -> clusters -> network and storage, about five
/// relationships per item, with redundancy on applications (2 of the 3 VMs they run on one of;
/// their databases are hard dependencies), clusters (2 of 4 switches), access switches and storage (1 of 2 core devices).
/// The redundant relationships are of two vendor membership types (<see cref="RunsOnOneOf"/>,
/// <see cref="UplinksTo"/>), because a redundancy rule counts only members; every other
/// relationship is a hard dependency. Deterministic (fixed seed).
/// </summary>
public sealed class LayeredCmdb
{
    /// <summary>An application runs on one of a pool of virtual machines: a membership the application's rule counts.</summary>
    public static readonly RelationshipType RunsOnOneOf = RelationshipType.Define("runs on one of", ImpactDirection.SourceDependsOnTarget, isContainment: false, isMembership: true);

    /// <summary>A redundant uplink: a membership the device's rule counts.</summary>
    public static readonly RelationshipType UplinksTo = RelationshipType.Define("uplinks to", ImpactDirection.SourceDependsOnTarget, isContainment: false, isMembership: true);

    private LayeredCmdb(int scale)
    {
        var random = new Random(20_000);
        int services = 20 * scale, apps = 80 * scale, dbs = 100 * scale, vms = 400 * scale, hosts = 300 * scale,
            clusters = 60 * scale, switches = 30 * scale - 20, cores = 20, storage = 10 * scale;
        var next = 0;
        (int Start, int Count) Layer(int count, string prefix, ConfigurationItemClass itemClass, int minimumUp)
        {
            var start = next;
            for (var i = 0; i < count; i++)
            {
                Ids.Add(ConfigurationItemId.From($"{prefix}-{i}"));
                Classes.Add(itemClass);
                MinimumUp.Add(minimumUp);
            }

            next += count;
            return (start, count);
        }

        var service = Layer(services, "svc", ConfigurationItemClass.BusinessService, 0);
        var app = Layer(apps, "app", ConfigurationItemClass.Application, 2);
        var db = Layer(dbs, "db", ConfigurationItemClass.Database, 0);
        var vm = Layer(vms, "vm", ConfigurationItemClass.VirtualMachine, 0);
        var host = Layer(hosts, "host", ConfigurationItemClass.Server, 0);
        var cluster = Layer(clusters, "cluster", ConfigurationItemClass.Cluster, 2);
        var access = Layer(switches, "switch", ConfigurationItemClass.NetworkDevice, 1);
        var core = Layer(cores, "core", ConfigurationItemClass.NetworkDevice, 0);
        var san = Layer(storage, "san", ConfigurationItemClass.Storage, 1);

        void Edges((int Start, int Count) from, (int Start, int Count) to, int perItem, RelationshipType type)
        {
            for (var i = 0; i < from.Count; i++)
            {
                for (var k = 0; k < perItem; k++)
                {
                    Sources.Add(from.Start + i);
                    Targets.Add(to.Start + random.Next(to.Count));
                    Types.Add(type);
                }
            }
        }

        Edges(service, app, 8, RelationshipType.DependsOn);
        Edges(app, vm, 3, RunsOnOneOf);
        Edges(app, db, 2, RelationshipType.DependsOn);
        Edges(db, vm, 2, RelationshipType.RunsOn);
        Edges(db, san, 1, RelationshipType.DependsOn);
        Edges(vm, host, 1, RelationshipType.HostedOn);
        Edges(vm, access, 2, RelationshipType.ConnectsTo);
        Edges(vm, san, 1, RelationshipType.DependsOn);
        Edges(host, cluster, 1, RelationshipType.DependsOn);
        Edges(host, access, 2, RelationshipType.ConnectsTo);
        Edges(host, san, 2, RelationshipType.DependsOn);
        Edges(cluster, access, 4, UplinksTo);
        Edges(access, core, 2, UplinksTo);
        Edges(san, core, 2, UplinksTo);
        CoreDevice = Ids[core.Start];
        LeafVirtualMachine = Ids[vm.Start + (vm.Count / 2)];
    }

    /// <summary>The item identifiers, layer by layer.</summary>
    public List<ConfigurationItemId> Ids { get; } = [];

    /// <summary>The class of each item.</summary>
    public List<ConfigurationItemClass> Classes { get; } = [];

    /// <summary>The redundancy wish of each item (0 = all required; capped at its member count).</summary>
    public List<int> MinimumUp { get; } = [];

    /// <summary>Relationship sources (item indexes).</summary>
    public List<int> Sources { get; } = [];

    /// <summary>Relationship targets (item indexes).</summary>
    public List<int> Targets { get; } = [];

    /// <summary>Relationship types.</summary>
    public List<RelationshipType> Types { get; } = [];

    /// <summary>A core network device: its failure reaches most of the graph.</summary>
    public ConfigurationItemId CoreDevice { get; }

    /// <summary>A virtual machine in the middle of its layer: a typical leaf failure.</summary>
    public ConfigurationItemId LeafVirtualMachine { get; }

    /// <summary>The number of items.</summary>
    public int Count => Ids.Count;

    /// <summary>Generates a CMDB of <paramref name="scale"/> x 1,000 items.</summary>
    public static LayeredCmdb Generate(int scale) => new(scale);

    /// <summary>Member count per item (relationships of a membership type), to cap the redundancy wishes.</summary>
    public int[] MemberCounts()
    {
        var counts = new int[Count];
        for (var e = 0; e < Sources.Count; e++)
        {
            if (!Types[e].IsMembership)
            {
                continue;
            }

            counts[Types[e].Direction == ImpactDirection.TargetDependsOnSource ? Targets[e] : Sources[e]]++;
        }

        return counts;
    }

    /// <summary>Compiles the snapshot through the public builder.</summary>
    public CmdbSnapshot Compile()
    {
        var dependencies = MemberCounts();
        var builder = new CmdbSnapshotBuilder(Count, Sources.Count);
        for (var v = 0; v < Count; v++)
        {
            var k = Math.Min(MinimumUp[v], dependencies[v]);
            builder.AddItem(Ids[v], Classes[v], Classes[v].IsBusinessService ? BusinessCriticality.High : BusinessCriticality.None, k > 0 ? RedundancyRule.AtLeast(k) : default);
        }

        for (var e = 0; e < Sources.Count; e++)
        {
            builder.AddRelationship(Ids[Sources[e]], Ids[Targets[e]], Types[e]);
        }

        return builder.Build().Value;
    }
}
