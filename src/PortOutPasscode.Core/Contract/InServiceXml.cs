using System.Collections.Generic;
using System.IO;
using System.Xml.Linq;
using System.Linq;

namespace PortOutPasscode.Contract
{
    /// <summary>The account's in-service numbers (GET inserviceNumbers): &lt;TNs&gt;&lt;TotalCount/&gt;&lt;Links/&gt;&lt;TelephoneNumbers&gt;&lt;Count/&gt;&lt;TelephoneNumber/&gt;….</summary>
    internal static class InServiceXml
    {
        internal static Page<string> ReadPage(Stream input)
        {
            var numbers = new List<string>();
            int? total = null;
            string next = null;
            // Streamed, like the protected numbers' pages: an audit reads a million of these numbers.
            SafeXml.ReadStreamed(input, "TNs", "a TNs list of in-service numbers", (reader, name) =>
            {
                if (SafeXml.Named(name, "TelephoneNumbers")) SafeXml.ReadChildren(reader, (item, itemName) =>
                {
                    if (!SafeXml.Named(itemName, "TelephoneNumber"))
                    {
                        item.Skip(); // <Count>
                        return;
                    }
                    var number = SafeXml.ReadText(item);
                    if (number != null) numbers.Add(Wire.ToTenDigits(number));
                });
                else if (SafeXml.Named(name, "TotalCount")) total = SafeXml.ParseInt(SafeXml.ReadText(reader));
                else if (SafeXml.Named(name, "Links")) next = PageLinks.NextOf((XElement)XNode.ReadFrom(reader));
                else reader.Skip();
            });
            return new Page<string>(numbers, total, next);
        }

        /// <summary>GET inserviceNumbers/totals: &lt;Quantity&gt;&lt;Count&gt;62&lt;/Count&gt;&lt;/Quantity&gt;.</summary>
        internal static long? ReadTotal(Stream input)
        {
            var root = SafeXml.LoadRoot(input);
            return long.TryParse(root.Is("Count") ? root.Text() : root.ChildText("Count"), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var count) ? count : (long?)null;
        }
    }
}
