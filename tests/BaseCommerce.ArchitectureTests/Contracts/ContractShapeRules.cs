using System.Collections;
using System.Reflection;
using BaseCommerce.Contracts;
using Shouldly;

namespace BaseCommerce.ArchitectureTests.Contracts;

/// <summary>
/// The shape of the wire contract, checked by reflection over BaseCommerce.Contracts. Each row is one rule
/// applied to every public type; a failure lists every offending type and member.
/// </summary>
public sealed class ContractShapeRules
{
    private const string RootNamespace = "BaseCommerce.Contracts";
    private static readonly Assembly ContractsAssembly = typeof(LineItem).Assembly;

    private const BindingFlags PublicMembers =
        BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Property names containing one of these hold money, percentages or quantities.</summary>
    private static readonly string[] DecimalNameParts = ["Price", "Value", "Quantity", "Total", "Subtotal", "Percent", "Cost"];

    private static readonly (string Name, Type Type)[] Envelope =
    [
        ("TenantId", typeof(Guid)),
        ("EventId", typeof(Guid)),
        ("OccurredAt", typeof(DateTimeOffset)),
        ("CorrelationId", typeof(Guid)),
    ];

    /// <param name="Sentence">The rule in words; it is also the test case's display name.</param>
    /// <param name="AppliesTo">Which public contract types the rule checks.</param>
    /// <param name="Violations">What is wrong with one type (nothing when it complies).</param>
    private sealed record Rule(string Sentence, Func<Type, bool> AppliesTo, Func<Type, IEnumerable<string>> Violations);

    private static readonly Rule[] Rules =
    [
        new("Every public contract type is a sealed record",                                AnyType,   NotASealedRecord),
        new("Every public contract type lives in BaseCommerce.Contracts or an area below it", AnyType, OutsideTheContractNamespaces),
        new("Every message carries TenantId, EventId, OccurredAt and CorrelationId",        IsMessage, MissingEnvelope),
        new("Every property is get-only or init-only and no field is writable",             AnyType,   MutableMembers),
        new("Collections are exposed as IReadOnlyList<T>",                                  AnyType,   MutableCollections),
        new("Prices, values, quantities, totals and percentages are decimal",               AnyType,   NonDecimalAmounts),
    ];

    public static TheoryData<RuleName> RuleSentences => new(Rules.Select(r => new RuleName(r.Sentence)));

    [Theory]
    [MemberData(nameof(RuleSentences))]
    public void Rule_holds(RuleName rule)
    {
        var row = Rules.Single(r => r.Sentence == rule.Sentence);
        var subjects = PublicTypes().Where(row.AppliesTo).ToList();

        subjects.ShouldNotBeEmpty($"Rule \"{rule}\" found no contract type to check");

        var violations = subjects.SelectMany(t => row.Violations(t).Select(v => $"{t.FullName}: {v}")).ToList();

        violations.ShouldBeEmpty(Explain(rule.Sentence, violations));
    }

    [Fact]
    public void The_contracts_assembly_references_only_the_base_class_library()
    {
        var foreign = ContractsAssembly.GetReferencedAssemblies()
            .Select(a => a.Name ?? "")
            .Where(name => !(name.StartsWith("System.", StringComparison.Ordinal)
                             || name is "System" or "netstandard" or "mscorlib"))
            .ToList();

        foreign.ShouldBeEmpty(
            "BaseCommerce.Contracts must depend on System.* only, but references: " + string.Join(", ", foreign));
    }

    /// <summary>
    /// Namespace + name is the MassTransit message identity: these must never be renamed or moved.
    /// Add a row for every new message.
    /// </summary>
    [Theory]
    [InlineData("BaseCommerce.Contracts.LineItem")]
    [InlineData("BaseCommerce.Contracts.Quotes.QuoteCreated")]
    [InlineData("BaseCommerce.Contracts.Quotes.QuoteConverted")]
    [InlineData("BaseCommerce.Contracts.Orders.OrderStatusChanged")]
    [InlineData("BaseCommerce.Contracts.Orders.SaleRecorded")]
    [InlineData("BaseCommerce.Contracts.Catalog.ProductPriceUpdated")]
    [InlineData("BaseCommerce.Contracts.Stock.StockUpdated")]
    [InlineData("BaseCommerce.Contracts.Stock.StockReceived")]
    [InlineData("BaseCommerce.Contracts.Suppliers.SupplierPriceRegistered")]
    [InlineData("BaseCommerce.Contracts.Delivery.DeliveryStarted")]
    [InlineData("BaseCommerce.Contracts.Delivery.DeliveryCompleted")]
    public void A_published_type_keeps_its_wire_identity(string fullName) =>
        ContractsAssembly.GetType(fullName, throwOnError: false)
            .ShouldNotBeNull($"{fullName} is gone: renaming or moving a contract type breaks every consumer on the wire");

    private static IEnumerable<Type> PublicTypes() => ContractsAssembly.GetExportedTypes();

    private static bool AnyType(Type type) => true;

    /// <summary>Events and other messages live in an area namespace; shared values live in the root one.</summary>
    private static bool IsMessage(Type type) =>
        type.Namespace is { } ns && ns.StartsWith(RootNamespace + ".", StringComparison.Ordinal);

    private static IEnumerable<string> NotASealedRecord(Type type)
    {
        if (!type.IsClass || type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is null)
            yield return "is not a record class";
        else if (!type.IsSealed)
            yield return "is a record but not sealed";
    }

    private static IEnumerable<string> OutsideTheContractNamespaces(Type type)
    {
        if (!(type.Namespace == RootNamespace || IsMessage(type)))
            yield return $"is in namespace '{type.Namespace}'";
    }

    private static IEnumerable<string> MissingEnvelope(Type type)
    {
        foreach (var (name, expected) in Envelope)
        {
            var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
            if (property?.GetMethod is not { IsPublic: true })
                yield return $"has no public {name} ({expected.Name})";
            else if (property.PropertyType != expected)
                yield return $"{name} is {property.PropertyType.Name}, expected {expected.Name}";
        }
    }

    private static IEnumerable<string> MutableMembers(Type type)
    {
        foreach (var property in type.GetProperties(PublicMembers))
        {
            // SetMethod includes non-public setters: "{ get; private set; }" is mutable too.
            if (property.SetMethod is { } setter && !IsInitOnly(setter))
                yield return $"property {property.Name} has a mutable setter (use init or a positional record)";
        }

        foreach (var field in type.GetFields(PublicMembers))
        {
            if (!field.IsInitOnly && !field.IsLiteral)
                yield return $"field {field.Name} is writable";
        }
    }

    /// <summary>An init accessor carries a required custom modifier of IsExternalInit on its return value.</summary>
    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers()
            .Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");

    private static IEnumerable<string> MutableCollections(Type type)
    {
        foreach (var property in type.GetProperties(PublicMembers))
        {
            var propertyType = property.PropertyType;
            if (propertyType == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(propertyType))
                continue;
            if (!(propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)))
                yield return $"{property.Name} is {Describe(propertyType)}, expected IReadOnlyList<T>";
        }
    }

    private static IEnumerable<string> NonDecimalAmounts(Type type)
    {
        foreach (var property in type.GetProperties(PublicMembers))
        {
            // Identifiers such as "PriceTableId" are references, not amounts.
            if (property.Name.EndsWith("Id", StringComparison.Ordinal)
                || !DecimalNameParts.Any(part => property.Name.Contains(part, StringComparison.Ordinal)))
                continue;
            if (property.PropertyType != typeof(decimal) && property.PropertyType != typeof(decimal?))
                yield return $"{property.Name} is {Describe(property.PropertyType)}, expected decimal or decimal?";
        }
    }

    private static string Describe(Type type) =>
        Nullable.GetUnderlyingType(type) is { } underlying ? underlying.Name + "?"
        : type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(Describe))}>"
        : type.Name;

    private static string Explain(string rule, IReadOnlyList<string> violations) =>
        $"Rule broken: {rule}{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", violations);
}
