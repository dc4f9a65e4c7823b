using System.Collections;
using System.Reflection;

namespace Bittensor.Sdk.Tests.Support;

/// <summary>
/// Holds an SDK record to the runtime's record of the same thing: every public property of the runtime's must exist
/// on the SDK's under the same name (or the renamed one given) with an equal value; nested records and lists are
/// compared the same way, values of one type with <see cref="object.Equals(object?)"/>.
/// </summary>
internal static class SameShape
{
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal) { ["Count"] = "N" };

    public static void Assert(object? expected, object? actual, string path = "")
    {
        if (expected is null || actual is null)
        {
            Xunit.Assert.True(expected is null && actual is null, $"{path}: expected {expected ?? "null"}, got {actual ?? "null"}");
            return;
        }

        var type = expected.GetType();
        if (type == actual.GetType() && (type.IsValueType || expected is string))
        {
            Xunit.Assert.True(expected.Equals(actual), $"{path}: expected {expected}, got {actual}");
            return;
        }

        if (expected is IEnumerable expectedItems && actual is IEnumerable actualItems && expected is not string)
        {
            var e = expectedItems.Cast<object?>().ToList();
            var a = actualItems.Cast<object?>().ToList();
            Xunit.Assert.True(e.Count == a.Count, $"{path}: expected {e.Count} items, got {a.Count}");
            for (var i = 0; i < e.Count; i++)
            {
                Assert(e[i], a[i], $"{path}[{i}]");
            }

            return;
        }

        var compared = 0;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.Name == "EqualityContract" || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var name = Renamed.GetValueOrDefault(property.Name, property.Name);
            var counterpart = actual.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
            Xunit.Assert.True(counterpart is not null, $"{path}: {actual.GetType().Name} has no property {name} (the runtime's {type.Name} has)");
            Assert(property.GetValue(expected), counterpart!.GetValue(actual), $"{path}.{name}");
            compared++;
        }

        Xunit.Assert.True(compared > 0, $"{path}: {type.Name} has no properties to compare");
    }
}
