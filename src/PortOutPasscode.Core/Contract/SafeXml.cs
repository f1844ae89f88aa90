using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace PortOutPasscode.Contract
{
    /// <summary>
    /// Loading answers without trusting them (no DTD, no resolver: no entity expansion, no external fetch), writing
    /// requests through XmlWriter (which escapes), and the lenient element look-ups the API's spelling needs.
    /// </summary>
    internal static class SafeXml
    {
        private static readonly XmlReaderSettings ReaderSettings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = false,
        };

        internal static readonly XmlWriterSettings WriterSettings = new XmlWriterSettings
        {
            // The Content-Type header says UTF-8; a declaration adds nothing and would say utf-16 on a StringWriter.
            OmitXmlDeclaration = true,
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = false,
            CheckCharacters = true,
            CloseOutput = false,
        };

        private static readonly string[] DateFormats =
        {
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
            "yyyy-MM-dd'T'HH:mmK",
            "yyyy-MM-dd",
        };

        /// <summary>The root element of an answer; a protocol error for anything that is not a well-formed document without a DOCTYPE.</summary>
        internal static XElement LoadRoot(Stream input)
        {
            if (input == null) throw new ArgumentNullException(nameof(input));
            try
            {
                using (var reader = XmlReader.Create(input, ReaderSettings))
                {
                    return XDocument.Load(reader).Root;
                }
            }
            catch (XmlException e)
            {
                throw new BandwidthProtocolException(
                    "The answer from the Bandwidth API is not well-formed XML, or carries a DOCTYPE, which this client refuses: "
                    + e.Message, null, e);
            }
        }

        /// <summary>
        /// Reads an answer whose root holds a long list (a page of a thousand numbers) without building a tree of it: checks
        /// the root's name, then hands each child of the root to <paramref name="child"/> with the reader on its start tag,
        /// to be read whole (<see cref="ReadText"/>, <see cref="ReadChildren"/>, <c>XNode.ReadFrom</c>, or <c>Skip</c>).
        /// The same refusals as <see cref="LoadRoot"/>.
        /// </summary>
        internal static void ReadStreamed(Stream input, string rootName, string expected, Action<XmlReader, string> child) =>
            ReadRoot(input, (reader, name) =>
            {
                if (!Named(name, rootName)) throw TnOptionXml.Unexpected(name, expected);
                ReadChildren(reader, child);
            });

        /// <summary>
        /// Reads an answer without building a tree of it: hands the root element to <paramref name="root"/> (by local name)
        /// with the reader on its start tag, to be read whole. The same refusals as <see cref="LoadRoot"/>.
        /// </summary>
        internal static void ReadRoot(Stream input, Action<XmlReader, string> root)
        {
            if (input == null) throw new ArgumentNullException(nameof(input));
            try
            {
                using (var reader = XmlReader.Create(input, ReaderSettings))
                {
                    reader.MoveToContent();
                    root(reader, reader.LocalName);
                }
            }
            catch (XmlException e)
            {
                throw new BandwidthProtocolException(
                    "The answer from the Bandwidth API is not well-formed XML, or carries a DOCTYPE, which this client refuses: "
                    + e.Message, null, e);
            }
        }

        /// <summary>A reader on an element already read into a tree, on its start tag, for the readers that stream.</summary>
        internal static XmlReader ReaderOn(XElement element)
        {
            var reader = element.CreateReader();
            reader.MoveToContent();
            return reader;
        }

        /// <summary>
        /// With the reader on an element's start tag: hands each child element to <paramref name="child"/> (by local name),
        /// which must read it whole, and the element's own text to <paramref name="text"/>; leaves the reader after the element.
        /// </summary>
        internal static void ReadChildren(XmlReader reader, Action<XmlReader, string> child, Action<string> text = null)
        {
            if (reader.IsEmptyElement)
            {
                reader.Read();
                return;
            }
            var depth = reader.Depth;
            reader.Read();
            while (!reader.EOF && reader.Depth > depth)
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    child(reader, reader.LocalName);
                }
                else
                {
                    if (reader.NodeType == XmlNodeType.Text || reader.NodeType == XmlNodeType.CDATA) text?.Invoke(reader.Value);
                    reader.Read();
                }
            }
            if (reader.NodeType == XmlNodeType.EndElement) reader.Read();
        }

        /// <summary>With the reader on an element's start tag: its trimmed text, null when empty; the reader moves past it.</summary>
        internal static string ReadText(XmlReader reader)
        {
            if (reader.IsEmptyElement)
            {
                reader.Read();
                return null;
            }
            // All the text inside, as XElement.Value gives it: an element with unexpected children is read, not refused.
            var depth = reader.Depth;
            string value = null;
            reader.Read();
            while (!reader.EOF && reader.Depth > depth)
            {
                if (reader.NodeType == XmlNodeType.Text || reader.NodeType == XmlNodeType.CDATA
                    || reader.NodeType == XmlNodeType.SignificantWhitespace || reader.NodeType == XmlNodeType.Whitespace)
                {
                    value = value == null ? reader.Value : value + reader.Value;
                }
                reader.Read();
            }
            if (reader.NodeType == XmlNodeType.EndElement) reader.Read();
            value = value?.Trim();
            return string.IsNullOrEmpty(value) ? null : value;
        }

        internal static bool Named(string localName, string expected) => string.Equals(localName, expected, StringComparison.OrdinalIgnoreCase);

        internal static bool Is(this XElement element, string localName) =>
            string.Equals(element.Name.LocalName, localName, StringComparison.OrdinalIgnoreCase);

        /// <summary>Child elements by local name, any case, any namespace (the API mixes accountId and AccountId).</summary>
        internal static IEnumerable<XElement> Children(this XElement element, string localName) =>
            element.Elements().Where(e => e.Is(localName));

        internal static XElement Child(this XElement element, string localName) =>
            element.Children(localName).FirstOrDefault();

        /// <summary>The trimmed text of an element; null when absent or empty, so "no value" has one spelling.</summary>
        internal static string Text(this XElement element)
        {
            if (element == null) return null;
            var value = element.Value.Trim();
            return value.Length == 0 ? null : value;
        }

        internal static string ChildText(this XElement element, string localName) => element.Child(localName).Text();

        internal static int? ParseInt(string text) =>
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : (int?)null;

        /// <summary>ISO-8601 as UTC; null for placeholders such as "dateHere" (the caller keeps the raw text).</summary>
        internal static DateTime? ParseUtc(string text)
        {
            if (text == null) return null;
            return DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value)
                ? DateTime.SpecifyKind(value, DateTimeKind.Utc)
                : (DateTime?)null;
        }

        /// <summary>Writes an element only when it has a value: the API wants no empty elements.</summary>
        internal static void WriteOptional(this XmlWriter writer, string localName, string value)
        {
            if (string.IsNullOrWhiteSpace(value)) return;
            writer.WriteElementString(localName, value);
        }

        internal static bool HasAnyValue(params string[] values) => values.Any(v => !string.IsNullOrWhiteSpace(v));
    }
}
