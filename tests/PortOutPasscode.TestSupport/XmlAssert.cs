#nullable disable
using System.Xml.Linq;

namespace PortOutPasscode.TestSupport;

public static class XmlAssert
{
    /// <summary>Same elements, order and text; insignificant whitespace and namespace declarations (xmlns:xsi…) ignored.</summary>
    public static void SameElements(string expected, string actual)
    {
        var e = Normalize(expected);
        var a = Normalize(actual);
        Assert.True(XNode.DeepEquals(e, a), $"Expected:\n{e}\nActual:\n{a}");
    }

    private static XElement Normalize(string xml)
    {
        var root = XDocument.Parse(xml.Trim()).Root;
        foreach (var element in root.DescendantsAndSelf())
        {
            element.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
        }
        return root;
    }
}
