using System.Xml.Linq;

namespace PortOutPasscode.Emulator.Tests.Support;

/// <summary>One TN option group of a request: its options (element name → text) and its numbers.</summary>
internal sealed record Group(IReadOnlyList<(string Name, string Value)> Options, IReadOnlyList<string> Numbers)
{
    public static Group Passcode(string passcode, params string[] numbers) => new(new[] { ("PortOutPasscode", passcode) }, numbers);

    public static Group Option(string name, string value, params string[] numbers) => new(new[] { (name, value) }, numbers);
}

/// <summary>Create requests as the spec shows them: &lt;TnOptionOrder&gt;&lt;CustomerOrderId/&gt;&lt;TnOptionGroups&gt;….</summary>
internal static class OrderXml
{
    public static string Passcode(string passcode, params string[] numbers) => Order(null, Group.Passcode(passcode, numbers));

    public static string Order(string customerOrderId, params Group[] groups) =>
        new XElement("TnOptionOrder",
            customerOrderId == null ? null : new XElement("CustomerOrderId", customerOrderId),
            new XElement("TnOptionGroups", groups.Select(g =>
                new XElement("TnOptionGroup",
                    g.Options.Select(o => new XElement(o.Name, o.Value)),
                    new XElement("TelephoneNumbers", g.Numbers.Select(n => new XElement("TelephoneNumber", n)))))))
        .ToString();

    public static string TnList(IEnumerable<string> numbers) =>
        new XElement("TnList", numbers.Select(n => new XElement("Tn", n))).ToString();

    /// <summary>Consecutive numbers from <paramref name="first"/>, as 10-digit text.</summary>
    public static string[] Numbers(long first, int count) =>
        Enumerable.Range(0, count).Select(i => (first + i).ToString()).ToArray();
}
