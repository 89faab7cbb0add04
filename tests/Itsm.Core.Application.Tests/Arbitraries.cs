using Itsm.Core.Application.Tests;
using Itsm.Testing;

// Each case imports and exports a whole CMDB twice through the dispatcher: 200 cases where the domain tests run 300.
[assembly: PropertyTesting(typeof(Arbitraries), runsAtDefault: 200)]

namespace Itsm.Core.Application.Tests;

/// <summary>
/// The FsCheck generators of the application tests. Each member returning <c>Arbitrary&lt;T&gt;</c>
/// generates the parameters of type <c>T</c> of every <c>[Property]</c> in this assembly
/// (registered once, above).
/// </summary>
internal static partial class Arbitraries;
