using System.Xml;

namespace PortOutPasscode.Emulator.Xml;

/// <summary>How every request body is read: streaming, no DTDs, no external resources, names matched by local name.</summary>
internal static class XmlReading
{
    public static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    public static XmlReader Open(Stream body) => XmlReader.Create(body, Settings);

    /// <summary>Moves to the root element and checks its name.</summary>
    public static bool IsRoot(XmlReader reader, string name)
    {
        reader.MoveToContent();
        return reader.NodeType == XmlNodeType.Element && reader.LocalName == name;
    }

    /// <summary>
    /// Calls <paramref name="onChild"/> for each child element of the current element; it must consume the child
    /// (ReadElementContentAsString, Skip, XNode.ReadFrom). Leaves the reader after the element's end.
    /// </summary>
    public static void ForEachChild(XmlReader reader, Action<XmlReader> onChild)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }
        var depth = reader.Depth;
        reader.Read();
        while (true)
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
            {
                reader.Read();
                return;
            }
            if (reader.EOF) throw new XmlException("The document ended inside an element.");
            if (reader.NodeType == XmlNodeType.Element)
            {
                onChild(reader);
                continue;
            }
            reader.Read(); // stray text between elements
        }
    }

    /// <summary>Reads to the end so that anything malformed after the root is still refused.</summary>
    public static void ReadToEnd(XmlReader reader)
    {
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element) throw new XmlException("The document has more than one root element.");
        }
    }
}
