using System.Collections.Immutable;
using System.Reflection;
using Ardalis.Specification;
using Itsm.Core.Application;
using Itsm.Core.Common;

namespace Itsm.Core.Application.Tests.Architecture;

/// <summary>
/// Guards the shape of the product's specifications by reflection: each is a named, sealed Ardalis
/// specification whose parameters are get-only properties of immutable types, with no mutators of its
/// own, in a hierarchy only the library can extend.
/// </summary>
public class SpecificationDesignTests
{
    private static readonly Assembly[] Product =
    [
        typeof(Failure).Assembly,
        typeof(ServiceCollectionExtensions).Assembly,
        Assembly.Load("Itsm.Core.Persistence.Relational"),
        Assembly.Load("Itsm.Core.Persistence.Sqlite"),
        Assembly.Load("Itsm.Core.Persistence.PostgreSql"),
        Assembly.Load("itsm"),
    ];

    private static readonly HashSet<string> ObjectMembers = ["ToString", "Equals", "GetHashCode", "GetType"];

    public static TheoryData<Type> SpecificationTypes => [.. AllSpecifications()];

    [Fact]
    public void Product_HasSpecifications()
    {
        Assert.NotEmpty(AllSpecifications());
    }

    [Theory]
    [MemberData(nameof(SpecificationTypes))]
    public void Specification_IsAPublicSealedArdalisSpecification(Type type)
    {
        Assert.True(type.IsPublic && type.IsSealed, $"{type.Name} must be public and sealed.");
        Assert.True(ArdalisBase(type) is not null, $"{type.Name} must derive from Ardalis.Specification.Specification<T>.");
        Assert.NotEmpty(type.GetConstructors());
    }

    [Theory]
    [MemberData(nameof(SpecificationTypes))]
    public void Specification_ParametersAreGetOnlyPropertiesOfImmutableTypes(Type type)
    {
        foreach (var property in OwnTypes(type).SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)))
        {
            Assert.True(property.SetMethod is null, $"{type.Name}.{property.Name} has a setter; specifications are immutable once built.");
            Assert.True(IsImmutable(property.PropertyType), $"{type.Name}.{property.Name} is a {property.PropertyType.Name}, which callers could change after the specification is built.");
        }
    }

    [Theory]
    [MemberData(nameof(SpecificationTypes))]
    public void Specification_HasNoPublicMethodsBeyondArdalisBase(Type type)
    {
        var methods = OwnTypes(type)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsSpecialName && !ObjectMembers.Contains(m.Name))
            .Select(m => m.Name)
            .ToList();

        Assert.True(methods.Count == 0, $"{type.Name} declares public methods {string.Join(", ", methods)}; a specification is built in its constructor and never changed.");
    }

    [Theory]
    [MemberData(nameof(SpecificationTypes))]
    public void Specification_FamilyCannotBeExtendedOutsideTheLibrary(Type type)
    {
        foreach (var family in OwnTypes(type).Where(t => t != type))
        {
            var open = family.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).Where(c => c.IsPublic || c.IsFamily || c.IsFamilyOrAssembly).ToList();
            Assert.True(open.Count == 0, $"{family.Name} can be derived outside the library; its constructors must be private protected so that adapters know every specification.");
        }
    }

    private static IEnumerable<Type> AllSpecifications() =>
        Product.SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false })
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISpecification<>)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    private static Type? ArdalisBase(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Specification<>))
            {
                return t;
            }
        }

        return null;
    }

    /// <summary>The type and its bases up to, not including, Ardalis's <c>Specification&lt;T&gt;</c>.</summary>
    private static IEnumerable<Type> OwnTypes(Type type)
    {
        for (var t = type; t is not null && !(t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Specification<>)); t = t.BaseType)
        {
            yield return t;
        }
    }

    private static bool IsImmutable(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return IsImmutable(underlying);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            return IsImmutable(type.GetGenericArguments()[0]);
        }

        return type.IsEnum || type == typeof(string) || (type.IsValueType && type.IsDefined(typeof(System.Runtime.CompilerServices.IsReadOnlyAttribute), inherit: false)) || type.IsPrimitive;
    }
}
