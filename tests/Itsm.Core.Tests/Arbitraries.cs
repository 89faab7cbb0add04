using Itsm.Core.Tests;
using Itsm.Testing;

[assembly: PropertyTesting(typeof(Arbitraries))]

namespace Itsm.Core.Tests;

/// <summary>
/// The FsCheck generators of the domain tests, one partial file per process. Each member returning
/// <c>Arbitrary&lt;T&gt;</c> generates the parameters of type <c>T</c> of every <c>[Property]</c>
/// in this assembly (registered once, above); a type with more than one meaningful generator gets
/// a small wrapper record per generator, so the parameter type says which one a property uses.
/// </summary>
internal static partial class Arbitraries;
