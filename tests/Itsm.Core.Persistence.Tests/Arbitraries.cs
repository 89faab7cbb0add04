using Itsm.Core.Persistence.Tests;
using Itsm.Testing;

// Each case serialises, parses and replays a whole aggregate: 200 cases where the domain tests run 300.
[assembly: PropertyTesting(typeof(Arbitraries), runsAtDefault: 200)]

namespace Itsm.Core.Persistence.Tests;

/// <summary>
/// The FsCheck generators of the persistence tests. Each member returning <c>Arbitrary&lt;T&gt;</c>
/// generates the parameters of type <c>T</c> of every <c>[Property]</c> in this assembly
/// (registered once, above).
/// </summary>
internal static partial class Arbitraries;
